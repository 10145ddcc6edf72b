import type { DoctorCheck, QuirkFound, Recommendation, Verdict } from './types.js';

/**
 * From checks to a verdict: not usable when the server cannot be reached, does
 * not stream, or a persona probe produced no usable turn (a conversation would
 * stop at that side's first turn); usable with care when anything warned or
 * failed; ready otherwise.
 */
export function verdictOf(checks: readonly DoctorCheck[]): Verdict {
  const status = (id: DoctorCheck['id']) => checks.find((c) => c.id === id)?.status;
  if (status('reachable') === 'fail' || status('streaming') === 'fail') return 'not-usable';
  if (status('seeker-probe') === 'fail' || status('supporter-probe') === 'fail') return 'not-usable';
  return checks.some((c) => c.status === 'warn' || c.status === 'fail') ? 'usable-with-care' : 'ready';
}

/** What to set or do about each quirk met. Only advice we can stand behind: no claims about model quality. */
export function recommendationsFor(quirks: readonly QuirkFound[], contextLength?: number): Recommendation[] {
  const has = (q: QuirkFound) => quirks.includes(q);
  const out: Recommendation[] = [];
  if (has('empty-reply')) out.push({ setting: 'another model, or check the server log', why: 'the model sent empty replies; every turn would fail' });
  if (has('refuses-persona')) {
    out.push({ setting: 'PERSONA_TALKS_SEEKER_MODEL=<another model>', why: 'this model refused to play a distressed seeker even after a reminder; refusals are recorded and the turn pauses' });
  } else if (has('refused-once')) {
    out.push({ setting: 'nothing required', why: 'the model refused once and played along after the reminder; expect refusal records in sessions' });
  }
  if (has('reasoning-in-content')) {
    out.push({
      setting: 'a reasoning parser on the server (vLLM --reasoning-parser, llama.cpp --reasoning-format), or thinking turned off',
      why: 'reasoning arrives inside the reply; persona-talks splits it off and shows "thinking…", but every turn waits for it',
    });
  }
  if (has('reasoning-in-content') || has('reasoning-field')) {
    out.push({ setting: 'keepReasoning: true in settings (only if you study it)', why: 'reasoning is not saved by default' });
  }
  if (has('json-schema-rejected') || has('json-schema-ignored') || has('json-schema-wrapped')) {
    out.push({
      setting: 'a server that enforces json_schema, if labels matter',
      why: 'without it strategy labels are read from free text (labelSource "parsed", or "Others" when none is found) and judge answers are more often dropped',
    });
  }
  if (has('role-break')) out.push({ setting: 'nothing required; another model if it happens often', why: "replies that write the other speaker's lines are cut there, with a note in the session" });
  if (has('other-language')) out.push({ setting: 'another model, or personas written in the language you want', why: 'replies came in another language than the conversation (kept, with a note)' });
  if (has('small-context')) {
    out.push({
      setting: `a larger context on the server (Ollama num_ctx, llama.cpp -c), or --turns below 20`,
      why: `the server reports ${contextLength} tokens; a 20-turn conversation with persona prompts needs about 4,000, the script engine more`,
    });
  }
  if (has('slow')) out.push({ setting: '--judge-cadence 2 (or 0), or a faster judge model (PERSONA_TALKS_JUDGE_MODEL)', why: 'the judge shares this slow model with the agents' });
  return out;
}
