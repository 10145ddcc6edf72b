import { openApplication } from '../app/application.js';
import type { EndpointFlags } from '../app/endpoints.js';
import type { PresetId } from '../app/providers.js';
import { inventoriesFrom, type Inventories, type JudgeClient } from '../app/measurement.js';
import type { Refusal } from '../app/preflight.js';
import type { Turn } from '../core/domain.js';
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
  /**
   * Print the turns a conversation starts with (a fork's kept turns) in text, under
   * these names (the parent's: a changed persona did not say them), then a line
   * that says where the new part begins. Without it they are not printed.
   */
  kept?: { names: { seeker: string; supporter: string }; note: string };
}

/** Prints finished turns that arrive without having streamed (a fork's kept turns) as the text printer prints a streamed one. */
function keptTurnPrinter(out: (t: string) => void, err: (t: string) => void, kept: NonNullable<PrintOptions['kept']>) {
  const print = createTextPrinter(out, err, kept.names);
  let printed = false;
  let closed = false;
  return {
    turn(turn: Turn) {
      const { index, speaker, by } = turn;
      print({ type: 'turn-started', index, speaker, by });
      if (turn.strategy) print({ type: 'strategy', index, strategy: turn.strategy, labelSource: turn.labelSource ?? 'declared' });
      print({ type: 'text-delta', index, speaker, text: turn.text });
      print({ type: 'turn-finished', turn });
      printed = true;
    },
    /** Once, before the first event that is not a kept turn. */
    close() {
      if (printed && !closed) out(`\n\n${kept.note}\n`);
      closed = true;
    },
  };
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
  const kept = options.kept && !options.json ? keptTurnPrinter(out, err, options.kept) : undefined;
  const streamed = new Set<number>();
  let failure: string | undefined;
  let ended: { reason: string } | undefined;
  for await (const event of conversation.events()) {
    if (event.type === 'turn-started') streamed.add(event.index);
    if (kept && event.type === 'turn-finished' && !streamed.has(event.turn.index)) kept.turn(event.turn);
    else {
      // Kept readings and labels are not printed: the note waits for the first thing that is.
      if (['turn-started', 'notice', 'error', 'refusal', 'ended'].includes(event.type)) kept?.close();
      print(event);
    }
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

/** The flags that say where the models are, as a command read them. */
export function endpointFlags(values: { 'base-url'?: string; model?: string; preset?: PresetId; 'model-file'?: string }): EndpointFlags {
  return {
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(values.preset ? { preset: values.preset } : {}),
    ...(values['model-file'] ? { modelFile: values['model-file'] } : {}),
  };
}

/** The judge's client for `measure` and `personas score`, and how to let it go; undefined after saying why there is none. */
export async function openJudge(
  io: CommandIo,
  options: { env?: NodeJS.ProcessEnv; flags?: EndpointFlags; requestTimeoutSeconds?: number } = {},
): Promise<{ judge: JudgeClient; close(): Promise<void> } | undefined> {
  const opened = openApplication({ env: options.env ?? process.env, ...(options.flags ? { flags: options.flags } : {}), sessionsDir: null, requestTimeoutSeconds: options.requestTimeoutSeconds });
  if (!opened.ok) {
    io.stderr.write(`${opened.message}\n`);
    return undefined;
  }
  const ready = await opened.app.judge();
  if (ready.ok) return { judge: ready.judge, close: () => opened.app.close() };
  await opened.app.close();
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
