/**
 * Known OpenAI-compatible servers: where they listen by default, whether they
 * need a key, a model to suggest, and how to start them — the "no server
 * reachable" screen prints the hint. `local` is not a server: the model runs
 * inside the app (llm/local/), and its base URL is the word LOCAL_BASE_URL,
 * which is also what sessions record for it.
 */
import { DEFAULT_LOCAL_MODEL } from './local/catalog.js';
import { LOCAL_BASE_URL } from './local/local-client.js';

export const PRESET_IDS = ['openai', 'ollama', 'lmstudio', 'vllm', 'llamacpp', 'openrouter', 'custom', 'local'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  label: string;
  baseURL: string;
  needsKey: boolean;
  suggestedModel: string;
  /** One line on how to get this server running. */
  hint: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    needsKey: true,
    suggestedModel: 'gpt-4o-mini',
    hint: 'Set OPENAI_API_KEY (or PERSONA_TALKS_API_KEY) to a key from platform.openai.com.',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    needsKey: false,
    suggestedModel: 'llama3.2',
    hint: 'Run `ollama serve`, then `ollama pull llama3.2`.',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    needsKey: false,
    suggestedModel: 'qwen2.5-7b-instruct',
    hint: 'Load a model in LM Studio and start its server (Developer tab, or `lms server start`).',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    needsKey: false,
    suggestedModel: 'Qwen/Qwen2.5-7B-Instruct',
    hint: 'Run `vllm serve Qwen/Qwen2.5-7B-Instruct`.',
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    baseURL: 'http://localhost:8080/v1',
    needsKey: false,
    suggestedModel: 'default',
    hint: 'Run `llama-server -m your-model.gguf --port 8080` (it serves whichever model it loaded).',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
    suggestedModel: 'openai/gpt-4o-mini',
    hint: 'Set PERSONA_TALKS_API_KEY to a key from openrouter.ai/keys.',
  },
  {
    id: 'custom',
    label: 'Custom server',
    baseURL: 'http://localhost:8000/v1',
    needsKey: false,
    suggestedModel: 'default',
    hint: 'Set --base-url or PERSONA_TALKS_BASE_URL to any OpenAI-compatible /v1 endpoint.',
  },
  {
    id: 'local',
    label: 'Local model (inside the app)',
    baseURL: LOCAL_BASE_URL,
    needsKey: false,
    // The model is a GGUF file; every role shares it (see app/local-endpoint.ts).
    suggestedModel: DEFAULT_LOCAL_MODEL.fileName,
    hint: 'Runs on llama.cpp inside the app, no server: `persona-talks local setup` downloads the model, or name a GGUF file.',
  },
];

export const DEFAULT_PRESET: PresetId = 'ollama';

export function getPreset(id: PresetId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown preset "${id}"`); // unreachable: ids are a closed union
  return preset;
}
