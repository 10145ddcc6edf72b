import type { MeasurementResult, Speaker } from '../core/domain.js';
import { measureAndRecord, modelFailureMessage, type Inventories, type JudgeClient } from '../app/measurement.js';
import { wrap } from '../core/personas/text-view.js';
import { resolveSessionArg, SessionLookupError } from '../core/sessions/list.js';
import { readSession, SessionReadError, type LoadedSession } from '../core/sessions/reader.js';
import { cardText } from '../core/traits/pipeline-prompts.js';
import { traitTables } from '../core/traits/pipeline-text.js';
import type { CommandIo } from './personas.js';

/**
 * `persona-talks measure SESSION [--speaker seeker|supporter] [--json]`: the
 * paper's post-hoc pipeline on a saved conversation, for one speaker or both,
 * printed beside the persona's targets and appended to the session log as a
 * 'measurement' record.
 */

export interface MeasureCommandDeps {
  judge: JudgeClient;
  /** Where a bare session id (rather than a path) is looked up. */
  sessionsDir?: string;
  /** Inventories to rate; the bundled ones by default. */
  inventories?: Inventories;
}

const USAGE = `Usage:
  persona-talks measure SESSION [--speaker seeker|supporter] [--json]
      SESSION is a session file or id. Without --speaker both speakers are measured.
      The result is printed and appended to the session log.`;

interface Flags {
  session?: string;
  speaker?: Speaker;
  json: boolean;
}

function parse(args: string[]): Flags | string | 'help' {
  const flags: Flags = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--json') flags.json = true;
    else if (arg === '--speaker' || arg.startsWith('--speaker=')) {
      const value = arg === '--speaker' ? args[++i] : arg.slice('--speaker='.length);
      if (value !== 'seeker' && value !== 'supporter') return '--speaker needs seeker or supporter';
      flags.speaker = value;
    } else if (arg.startsWith('-')) return `unknown option "${arg}"`;
    else if (flags.session === undefined) flags.session = arg;
    else return `unexpected argument "${arg}" (one session at a time)`;
  }
  if (!flags.session) return 'which session? give a session file or id';
  return flags;
}

/** Exit codes: 0 measured, 1 the session or the model failed, 2 bad usage. */
export async function runMeasureCommand(args: string[], io: CommandIo, deps: MeasureCommandDeps): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const fail = (message: string) => {
    for (const line of wrap(`persona-talks measure: ${message}`, 100)) err(line);
    return 1;
  };
  const flags = parse(args);
  if (flags === 'help') {
    out(USAGE);
    return 0;
  }
  if (typeof flags === 'string') {
    err(`persona-talks measure: ${flags}`);
    err(USAGE);
    return 2;
  }
  // The same lookup as every other session command: a path, an id, or a unique id prefix.
  let path: string;
  try {
    path = resolveSessionArg(flags.session!, deps.sessionsDir ?? process.cwd());
  } catch (error) {
    if (!(error instanceof SessionLookupError)) throw error;
    const ambiguous = / matches \d+ sessions /.test(error.message);
    return fail(ambiguous ? error.message : `no session file "${flags.session}"${deps.sessionsDir ? ` (looked in ${deps.sessionsDir} too)` : ''}`);
  }

  let session: LoadedSession;
  try {
    session = readSession(path);
  } catch (error) {
    if (error instanceof SessionReadError) return fail(error.message);
    throw error;
  }
  const speakers: Speaker[] = flags.speaker ? [flags.speaker] : ['seeker', 'supporter'];
  const measurable = speakers.filter((s) => session.turns.some((t) => t.speaker === s));
  if (measurable.length === 0) return fail(`the session has no ${flags.speaker ? `${flags.speaker} ` : ''}turns to measure`);

  const results: MeasurementResult[] = [];
  try {
    for (const speaker of measurable) {
      err(`measuring the ${speaker} (persona card, behaviour sentences, inventory ratings)…`);
      const result = await measureAndRecord(deps.judge, session, speaker, deps.inventories);
      results.push(result);
    }
  } catch (error) {
    const failure = modelFailureMessage(error);
    if (failure) return fail(failure);
    throw error;
  }

  if (flags.json) {
    out(JSON.stringify({ session: path, measurements: results }, null, 2));
    return 0;
  }
  results.forEach((result, i) => {
    if (i > 0) out('');
    out(report(session, result));
  });
  out('');
  out(`Recorded in ${path}`);
  return 0;
}

function report(session: LoadedSession, result: MeasurementResult): string {
  const persona = session.header.personas[result.speaker];
  const lines = [
    `${result.speaker === 'seeker' ? 'Seeker' : 'Supporter'}: ${persona.name} (${persona.id}) — measured after ${result.afterTurn + 1} turns with ${result.model.model}`,
    ...wrap(`Extracted card: ${cardText(result.card)}`, 96).map((l) => `  ${l}`),
    '',
    traitTables({ hexaco: result.hexaco, csi: result.csi, target: { hexaco: persona.hexaco, csi: persona.csi } }),
  ];
  if (result.missing.length > 0) lines.push('', `  note: ${result.missing.length} statement(s) got no valid rating and were left out (${result.missing.join(', ')})`);
  return lines.join('\n');
}
