import { finishPendingAndRecord, measureAndRecord, modelFailureMessage, pendingOf, type FinishedWork, type Inventories, type JudgeClient } from '../app/measurement.js';
import { qualityDroppedMessage, rateAndRecordQuality, type QualityRating } from '../app/quality.js';
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
 * 'measurement' record. First it finishes what the live judge left pending (the
 * strategy labels and last trait readings a conversation ended without), so a
 * session is complete however slow its judge was.
 * With --quality, the dialogue-quality rating instead, appended as a 'quality' record.
 */

export interface MeasureCommandDeps {
  /** The judge's client; by default the one the settings and environment point at, once it answers. */
  judge?: JudgeClient;
  /** Where a bare session id (rather than a path) is looked up when --sessions is not given. */
  sessionsDir?: string;
  /** Inventories to rate; by default the bundled ones, or those --hexaco-inventory / --csi-inventory name. */
  inventories?: Inventories;
}

const MEASURE_FLAGS = ['speaker', 'quality', 'json', 'sessions', 'hexaco-inventory', 'csi-inventory', 'preset', 'base-url', 'model', 'model-file', 'request-timeout'] as const;

const USAGE = usage(
  `Usage: persona-talks measure SESSION [--speaker seeker|supporter] [--json]
       persona-talks measure SESSION --quality [--json]

SESSION is a session file, id or unique id prefix. Without --speaker both speakers are
measured. Strategy labels and trait readings the live judge left pending are finished
first. With --quality the judge rates the dialogue instead: the supporter's empathy
and relevance, the seeker's emotion intensity at the start and at the end (1–5). The
result is printed and appended to the session log.`,
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
  if (values.quality && (values.speaker || values['hexaco-inventory'] || values['csi-inventory'])) {
    return misuse(io, 'measure', USAGE, '--quality rates the whole dialogue: it takes no --speaker or inventory.');
  }
  if (values.quality) return rateCommand(positionals[0]!, values, io, deps, cannot);
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
  let finished: FinishedWork | undefined;
  try {
    const pending = pendingOf(session);
    const labels = measurable.includes('supporter') ? pending.labels.length : 0;
    const readings = pending.readings.filter((s) => measurable.includes(s));
    if (labels > 0 || readings.length > 0) {
      const what = [labels > 0 ? `${labels} strategy label${labels > 1 ? 's' : ''}` : '', readings.length > 0 ? `the last trait reading of the ${readings.join(' and the ')}` : ''].filter(Boolean);
      err(`finishing what the live judge left pending: ${what.join(' and ')}…`);
      finished = await finishPendingAndRecord(judge, session, measurable);
      for (const note of finished.dropped) err(`note: ${note}`);
    }
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
    const completed = finished ? { finished: { perceived: finished.perceived, readings: finished.readings } } : {};
    out(JSON.stringify({ session: path, measurements: results, ...completed }, null, 2));
    return 0;
  }
  results.forEach((result, i) => {
    if (i > 0) out('');
    out(report(session, result));
  });
  out('');
  const failedLabels = finished ? finished.perceived.filter((p) => p.failed).length : 0;
  const n = finished ? finished.perceived.length - failedLabels : 0;
  if (finished && (n > 0 || finished.readings.length > 0)) {
    const parts = [n > 0 ? `${n} pending strategy label${n > 1 ? 's' : ''}` : '', ...finished.readings.map((r) => `the ${r.speaker}'s last trait reading`)].filter(Boolean);
    out(`Finished ${parts.join(', ')}.`);
  }
  if (failedLabels > 0) {
    // Recorded as failed, never as "Others": still pending, so the next measure asks again.
    out(`${failedLabels} strategy label${failedLabels > 1 ? 's' : ''} named none of the eight strategies: recorded as failed; measure again to ask again.`);
  }
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

/** `measure SESSION --quality`: the dialogue-quality rating, printed and recorded. */
async function rateCommand(
  arg: string,
  values: { json?: boolean; sessions?: string; 'request-timeout'?: number } & Parameters<typeof endpointFlags>[0],
  io: CommandIo,
  deps: MeasureCommandDeps,
  cannot: (message: string) => number,
): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const found = readSessionArg(arg, sessionsFolder(values.sessions, deps), err, 'measure');
  if (typeof found === 'number') return found;
  const session: LoadedSession = found;
  const opened = deps.judge ? { judge: deps.judge, close: async () => undefined } : await openJudge(io, { flags: endpointFlags(values), requestTimeoutSeconds: values['request-timeout'] });
  if (!opened) return 1;
  err('rating the dialogue (empathy, relevance, emotion intensity)…');
  let outcome;
  try {
    outcome = await rateAndRecordQuality(opened.judge, session);
  } catch (error) {
    const failure = modelFailureMessage(error);
    if (failure) return cannot(failure);
    throw error;
  } finally {
    await opened.close();
  }
  if (!outcome.ok) return cannot(`${qualityDroppedMessage(outcome)}${outcome.attempts > 0 ? '; the log notes it' : ''}`);
  const { ok: _ok, ...quality } = outcome;
  io.stdout.write(values.json ? `${JSON.stringify({ session: session.path, quality }, null, 2)}\n` : `${qualityText(session, outcome)}\n\nRecorded in ${session.path}\n`);
  return 0;
}

function qualityText(session: LoadedSession, rating: QualityRating): string {
  const { seeker, supporter } = session.header.personas;
  const turns = rating.afterTurn === undefined ? session.turns.length : rating.afterTurn + 1;
  // Names come from the session file: untrusted text, neutralised before it is shown.
  return cleanForDisplay([
    `Dialogue quality: ${supporter.name} (${supporter.id}) supporting ${seeker.name} (${seeker.id}) — rated after ${turns} turns with ${rating.model.model} (${rating.prompt})`,
    `  Supporter's empathy              ${rating.empathy} / 5`,
    `  Supporter's relevance            ${rating.relevance} / 5`,
    `  Seeker's emotion intensity       ${rating.initialIntensity} at the start → ${rating.finalIntensity} at the end (1 mild … 5 overwhelming)`,
  ].join('\n'));
}
