import { measureAndRecord, modelFailureMessage, type Inventories, type JudgeClient } from '../app/measurement.js';
import type { MeasurementResult, Speaker } from '../core/domain.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { wrap } from '../core/text.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import { cardText } from '../core/prompts/measurement.js';
import { traitTables } from '../core/traits/pipeline-text.js';
import { endpointFlags, inventoryFlagsOrExplain, openJudge } from './headless.js';
import { misuse, readFlags, usage, type CommandIo } from './io.js';
import { readSessionArg, sessionsFolder } from './session-args.js';

/**
 * `persona-talks measure SESSION [--speaker seeker|supporter] [--json]`: the
 * measurement pipeline on a saved conversation, for one speaker or both,
 * printed beside the persona's targets and appended to the session log as a
 * 'measurement' record.
 */

export interface MeasureCommandDeps {
  /** The judge's client; by default the one the settings and environment point at, once it answers. */
  judge?: JudgeClient;
  /** Where a bare session id (rather than a path) is looked up when --sessions is not given. */
  sessionsDir?: string;
  /** Inventories to rate; by default the bundled ones, or those --hexaco-inventory / --csi-inventory name. */
  inventories?: Inventories;
}

const MEASURE_FLAGS = ['speaker', 'json', 'sessions', 'hexaco-inventory', 'csi-inventory', 'preset', 'base-url', 'model', 'model-file', 'request-timeout'] as const;

const USAGE = usage(
  `Usage: persona-talks measure SESSION [--speaker seeker|supporter] [--json]

SESSION is a session file, id or unique id prefix. Without --speaker both speakers are
measured. The result is printed and appended to the session log.`,
  MEASURE_FLAGS,
);

/** Exit codes: 0 measured, 1 the session or the model failed, 2 bad usage. */
export async function runMeasureCommand(args: string[], io: CommandIo, deps: MeasureCommandDeps = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  /** A failure of the session or the model: said in lines of 100 columns, exit code 1. */
  const cannot = (message: string) => {
    for (const line of wrap(`persona-talks measure: ${message}`, 100)) err(line);
    return 1;
  };
  const parsed = readFlags(io, 'measure', USAGE, args, MEASURE_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'measure', USAGE, 'name exactly one session.');
  const inventories = deps.inventories ?? (await inventoryFlagsOrExplain(io, values['hexaco-inventory'], values['csi-inventory']));
  if (inventories === null) return 2;
  const found = readSessionArg(positionals[0]!, sessionsFolder(values.sessions, deps), err, 'measure');
  if (typeof found === 'number') return found;
  const session: LoadedSession = found;
  const path = session.path;
  const speakers: Speaker[] = values.speaker ? [values.speaker] : ['seeker', 'supporter'];
  const measurable = speakers.filter((s) => session.turns.some((t) => t.speaker === s));
  if (measurable.length === 0) return cannot(`the session has no ${values.speaker ? `${values.speaker} ` : ''}turns to measure`);
  const opened = deps.judge ? { judge: deps.judge, close: async () => undefined } : await openJudge(io, { flags: endpointFlags(values), requestTimeoutSeconds: values['request-timeout'] });
  if (!opened) return 1;
  const { judge } = opened;

  const results: MeasurementResult[] = [];
  try {
    for (const speaker of measurable) {
      err(`measuring the ${speaker} (persona card, behaviour sentences, inventory ratings)…`);
      const result = await measureAndRecord(judge, session, speaker, inventories);
      results.push(result);
    }
  } catch (error) {
    const failure = modelFailureMessage(error);
    if (failure) return cannot(failure);
    throw error;
  } finally {
    await opened.close();
  }

  if (values.json) {
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
    `${result.speaker === 'seeker' ? 'Seeker' : 'Supporter'}: ${cleanForDisplay(persona.name)} (${persona.id}) — measured after ${result.afterTurn + 1} turns with ${cleanForDisplay(result.model.model)}`,
    // The card is the judge model's words: neutralised here as well as where it was read, since a measurement record may come from an older file.
    ...wrap(`Extracted card: ${cleanForDisplay(cardText(result.card))}`, 96).map((l) => `  ${l}`),
    '',
    traitTables({ hexaco: result.hexaco, csi: result.csi, target: { hexaco: persona.hexaco, csi: persona.csi } }),
  ];
  if (result.missing.length > 0) lines.push('', `  note: ${result.missing.length} statement(s) got no valid rating and were left out (${result.missing.join(', ')})`);
  return lines.join('\n');
}
