import type { EndReason, Mode } from '../core/domain.js';
import type { PresetId } from '../core/llm/presets.js';

/**
 * The one wording of every message the app says in more than one place: the
 * terminal app, the headless commands and the session browser read these, so a
 * user meets the same sentence wherever it comes up.
 */

/** Why a conversation ended, as the end of a sentence ("… because the seeker said goodbye"). */
export const END_REASON_TEXT: Readonly<Record<EndReason, string>> = {
  'turn-cap': 'the turn cap was reached',
  'seeker-closed': 'the seeker said goodbye',
  stopped: 'it was stopped',
  error: 'an error stopped it',
};

export function missingKeyMessage(preset: PresetId): string {
  return `The ${preset} preset needs an API key: set PERSONA_TALKS_API_KEY (or OPENAI_API_KEY for OpenAI), or store one in the settings.`;
}

/** What to do when the agents' server does not answer (for a command line; the app has its own screen for it). */
export const AGENTS_SERVER_ADVICE =
  'Point persona-talks at an OpenAI-compatible server with --base-url URL (or PERSONA_TALKS_BASE_URL), ' +
  'e.g. http://localhost:11434/v1 for Ollama, and pick a model with --model or PERSONA_TALKS_MODEL.';

/** What to do when the judge's server does not answer. */
export const JUDGE_SERVER_ADVICE =
  'The judge model is needed here. Point it at an OpenAI-compatible server with PERSONA_TALKS_JUDGE_BASE_URL ' +
  '(or PERSONA_TALKS_BASE_URL) and PERSONA_TALKS_JUDGE_MODEL (or PERSONA_TALKS_MODEL).';

export const NOT_STARTED = 'No conversation was started.';

/** Joining needs two agents: the one-call script engine writes every line itself. */
export const SCRIPT_CANNOT_JOIN = 'Joining needs the two-agent engine: the one-call script writes both sides itself.';

export function notResumed(sessionId: string): string {
  return `${sessionId} was not resumed; it is unchanged.`;
}

export function finishedMessage(sessionId: string, reason: EndReason, turns: number): string {
  return `${sessionId} is finished (${END_REASON_TEXT[reason]}, after ${turns} turns); there is nothing to resume. Replay it instead.`;
}

/** A session played with the user in one seat needs a terminal to continue. */
export function joinedElsewhere(sessionId: string, mode: Exclude<Mode, 'watch'>): string {
  const who = mode === 'join-seeker' ? 'the seeker' : 'the supporter';
  return `${sessionId} was played with you as ${who}; resume it in the app (run persona-talks in a terminal, then b for sessions).`;
}

/** What to do when the local model cannot run (for a command line; the app offers it on its no-server screen). */
export const LOCAL_MODEL_ADVICE =
  '`persona-talks local setup` installs the llama.cpp runtime and downloads the model; `persona-talks local status` shows what is there. ' +
  'A GGUF file you already have works with --model-file PATH (or PERSONA_TALKS_MODEL_FILE).';

/**
 * Said when a conversation starts on the local model on a CPU with the default judge cadence:
 * every judge token there is one the agents wait for.
 */
export function cpuCadenceNote(cadence: number): string {
  return `On the CPU the local model's trait judge runs every ${cadence} turns (--judge-cadence N to change).`;
}
