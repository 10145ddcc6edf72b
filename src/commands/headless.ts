import { openApplication } from '../app/application.js';
import { inventoriesFrom, type Inventories, type JudgeClient } from '../app/measurement.js';
import type { Refusal } from '../app/preflight.js';
import type { Conversation } from '../core/engine/types.js';
import { cleanForDisplay } from '../core/sanitize.js';
import type { CommandIo } from './io.js';
import { createNdjsonPrinter, createTextPrinter } from './run-printers.js';

/** What `run` and `resume` share: saying why a conversation did not start, and printing one until it ends. */

/** Prints a refusal (and, for a server that does not answer, what to do about it); exit code 1. */
export function refuse(io: CommandIo, refusal: Refusal, prefix?: string): number {
  // A refusal can quote a session file's id or a server's words: neither is trusted.
  io.stderr.write(`${prefix ? `${prefix}: ` : ''}${cleanForDisplay(refusal.message)}\n${refusal.advice ? `\n${refusal.advice}\n` : ''}`);
  return 1;
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

/** The judge's client for `measure` and `personas score`; undefined after saying why there is none. */
export async function openJudge(io: CommandIo, options: { env?: NodeJS.ProcessEnv; requestTimeoutSeconds?: number } = {}): Promise<JudgeClient | undefined> {
  const opened = openApplication({ env: options.env ?? process.env, sessionsDir: null, requestTimeoutSeconds: options.requestTimeoutSeconds });
  if (!opened.ok) {
    io.stderr.write(`${opened.message}\n`);
    return undefined;
  }
  const ready = await opened.app.judge();
  if (ready.ok) return ready.judge;
  refuse(io, ready);
  return undefined;
}

/**
 * The inventories `--hexaco-inventory FILE` / `--csi-inventory FILE` name (undefined:
 * the bundled ones), or null after printing what is wrong with a file.
 */
export async function inventoryFlagsOrExplain(io: CommandIo, hexaco: string | undefined, csi: string | undefined): Promise<Inventories | undefined | null> {
  try {
    return await inventoriesFrom({ ...(hexaco ? { hexaco } : {}), ...(csi ? { csi } : {}) });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}
