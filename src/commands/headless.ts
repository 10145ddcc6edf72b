import type { ResolvedEndpoints } from '../core/config/resolve-endpoints.js';
import type { Conversation } from '../core/engine/types.js';
import { checkServer } from '../core/llm/presets.js';
import type { CommandIo } from './personas.js';
import { createNdjsonPrinter, createTextPrinter } from './run-printers.js';

/** Pieces `run` and `resume` share: the pre-flight checks and the loop that prints a conversation. */

export function missingKeyMessage(endpoints: ResolvedEndpoints): string | undefined {
  if (!endpoints.missingKey) return undefined;
  return `The ${endpoints.preset} preset needs an API key. Set PERSONA_TALKS_API_KEY (or OPENAI_API_KEY for OpenAI) in the environment, or store one in the app's settings.`;
}

/** One quick look before the first turn, so "no server" is one clear paragraph rather than a retry storm. */
export async function unreachableMessage(endpoints: ResolvedEndpoints, what: string): Promise<string | undefined> {
  const reachable = await checkServer(endpoints.supporter, { timeoutMs: 5_000 });
  if (reachable.ok) return undefined;
  return (
    `${reachable.message}\n\n${what} Point persona-talks at an OpenAI-compatible server with --base-url URL ` +
    '(or PERSONA_TALKS_BASE_URL), e.g. http://localhost:11434/v1 for Ollama, and pick a model with --model or PERSONA_TALKS_MODEL.'
  );
}

export interface PrintOptions {
  json: boolean;
  names: { seeker: string; supporter: string };
}

/**
 * Prints a conversation's events until it ends. Headless runs have nobody to press
 * resume, so an error that pauses the conversation ends it. Exit code: 0 when it
 * ended by itself, 1 after an error, 130 when it was stopped.
 */
export async function printConversation(conversation: Conversation, io: CommandIo, options: PrintOptions): Promise<number> {
  const out = (t: string) => io.stdout.write(t);
  const err = (t: string) => io.stderr.write(t);
  const print = options.json ? createNdjsonPrinter(out) : createTextPrinter(out, err, options.names);
  let failure: string | undefined;
  let ended: { reason: string } | undefined;
  for await (const event of conversation.events()) {
    print(event);
    if (event.type === 'error') {
      failure = event.message;
      conversation.stop();
    }
    if (event.type === 'ended') ended = event;
  }
  if (conversation.sessionPath && !options.json) io.stdout.write(`Session saved: ${conversation.sessionPath}\n`);
  if (failure) {
    io.stderr.write(`\nThe conversation stopped: ${failure}\nFinished turns are kept in the session file.\n`);
    return 1;
  }
  return ended?.reason === 'stopped' ? 130 : 0;
}
