import { modelFailureMessage, scoreFromDescription, type Inventories, type JudgeClient } from '../app/measurement.js';
import { wrap } from '../core/text.js';
import { traitsYaml, traitTables } from '../core/traits/pipeline-text.js';
import { endpointFlags, inventoryFlagsOrExplain, openJudge } from './headless.js';
import { misuse, readFlags, usage, type CommandIo } from './io.js';

/**
 * `persona-talks personas score "DESCRIPTION" [--json]`: the measurement pipeline
 * (behavioural sentences → inventory ratings → reverse keys and means) turns a
 * free-text description of a person into HEXACO + CSI scores.
 */

export interface ScoreCommandDeps {
  /** The judge's client; by default the one the settings and environment point at, once it answers. */
  judge?: JudgeClient;
  /** Inventories to rate; by default the bundled ones, or those --hexaco-inventory / --csi-inventory name. */
  inventories?: Inventories;
}

const SCORE_FLAGS = ['json', 'hexaco-inventory', 'csi-inventory', 'preset', 'base-url', 'model', 'model-file', 'request-timeout'] as const;

const USAGE = usage(
  `Usage: persona-talks personas score "DESCRIPTION" [--json]

Scores a free-text description of a person into HEXACO + CSI (1–5) with the judge model.`,
  SCORE_FLAGS,
);

/** Exit codes: 0 scored, 1 the model could not score it, 2 bad usage. `args` are the words after "score". */
export async function runScoreCommand(args: string[], io: CommandIo, deps: ScoreCommandDeps = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = readFlags(io, 'personas score', USAGE, args, SCORE_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals: words } = parsed;
  const json = values.json ?? false;
  // Unquoted descriptions arrive as several words: they are one description.
  const description = words.join(' ').trim();
  if (description === '') {
    return misuse(io, 'personas score', USAGE, 'give a description of the person, in quotes');
  }
  const inventories = deps.inventories ?? (await inventoryFlagsOrExplain(io, values['hexaco-inventory'], values['csi-inventory']));
  if (inventories === null) return 2;
  const opened = deps.judge ? { judge: deps.judge, close: async () => undefined } : await openJudge(io, { flags: endpointFlags(values), requestTimeoutSeconds: values['request-timeout'] });
  if (!opened) return 1;
  try {
    const result = await scoreFromDescription(opened.judge, description, inventories);
    if (json) {
      out(JSON.stringify(result, null, 2));
      return 0;
    }
    out(traitTables({ hexaco: result.hexaco, csi: result.csi }));
    if (result.missing.length > 0) {
      out('');
      out(`  note: ${result.missing.length} statement(s) got no valid rating and were left out of the means (${result.missing.join(', ')})`);
    }
    out('\nAs YAML for a persona file:');
    out(traitsYaml(result.hexaco, result.csi));
    return 0;
  } catch (error) {
    const failure = modelFailureMessage(error);
    if (!failure) throw error;
    for (const line of wrap(`persona-talks personas score: ${failure}`, 100)) err(line);
    return 1;
  } finally {
    await opened.close();
  }
}
