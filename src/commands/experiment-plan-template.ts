/**
 * The commented example plan `experiment init` writes: valid as it stands with
 * the bundled personas and the model server the app is set to, and explaining
 * every field where it is.
 */
export const EXAMPLE_PLAN = `# An experiment plan for persona-talks: \`persona-talks experiment run THIS_FILE\`.
# Every conversation it stands for is saved as an ordinary session in the experiment
# folder (--dir, default ./experiments/<name>); run the same command again to continue
# after a stop, a crash or a kill.

name: persona-effects            # free text; also names the default folder

# personas: ./personas/generated # an extra persona folder (relative to this file), besides
                                 # the bundled ones and yours (~/.config/persona-talks/personas)

# Who talks: \`all\`, a list of persona ids, or { folder: PATH }.
seekers: [anxious-phd-student, night-shift-nurse]
supporters: [warm-listener, blunt-coach]

# The paper's switches, three per arm, recorded in every session header.
arms:
  - name: with-persona
    seekerTraits: true           # the seeker agent's prompt carries its own HEXACO + CSI
    supporterPersona: true       # false: the no-persona baseline supporter replaces each supporter
    supporterKnowsSeeker: true   # aware (true) / blind (false)
  - name: without-persona        # the paper's "without persona": no trait scores in any prompt
    seekerTraits: false
    supporterPersona: false
    supporterKnowsSeeker: false

engines: [agents]                # agents (two agents) | script (one call writes the dialogue)

# One or more model configurations, so models can be compared. A role without
# baseURL uses the server the app is set to (--base-url, PERSONA_TALKS_BASE_URL, settings);
# apiKeyEnv names the environment variable holding that server's key (never the key itself).
models:
  - name: default
    model: llama3.2              # every role, unless a role names its own
    # seeker: { model: llama3.2 }
    # supporter: { model: llama3.2, baseURL: http://127.0.0.1:11434/v1 }
    # judge: { model: qwen2.5:7b, baseURL: http://gpu-box:8000/v1, apiKeyEnv: VLLM_API_KEY }

repetitions: 2                   # conversations per cell (arm × seeker × supporter × engine × model)
turnCap: 16                      # messages per conversation, 2–200
temperature: 0.8
seedBase: 1000                   # each conversation's seed is seedBase + a stable hash of its id

measurement: posthoc             # posthoc: the paper's pipeline after each conversation
                                 # live: the trait judge after every turn; off: none
classifier: true                 # label every supporter turn with the strategy classifier
quality: false                   # rate each conversation's empathy, relevance and intensity

concurrency: 4                   # conversations at once, 1–256 (--concurrency beats it)
# rateLimits:                    # per server, shared by every conversation sent there
#   "http://127.0.0.1:11434/v1": { requestsPerMinute: 120, tokensPerMinute: 200000 }
`;
