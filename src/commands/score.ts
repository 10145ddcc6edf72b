import { modelFailureMessage, scoreFromDescription, type Inventories, type JudgeClient } from '../app/measurement.js';
import { wrap } from '../core/personas/text-view.js';
import { traitsYaml, traitTables } from '../core/traits/pipeline-text.js';
import type { CommandIo } from './personas.js';

/**
 * `persona-talks personas score "DESCRIPTION" [--json]`: the paper's pipeline
 * (behavioural sentences → inventory ratings → reverse keys and means) turns a
 * free-text description of a person into HEXACO + CSI scores.
 */

export interface ScoreCommandDeps {
  judge: JudgeClient;
  /** Inventories to rate; the bundled ones by default. */
  inventories?: Inventories;
}

const USAGE = `Usage:
  persona-talks personas score "DESCRIPTION" [--json]
      Scores a free-text description of a person into HEXACO + CSI (1–5) with the judge model.`;

/** Exit codes: 0 scored, 1 the model could not score it, 2 bad usage. `args` are the words after "score". */
export async function runScoreCommand(args: string[], io: CommandIo, deps: ScoreCommandDeps): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  let json = false;
  const words: string[] = [];
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      out(USAGE);
      return 0;
    } else if (arg.startsWith('--')) {
      err(`persona-talks personas score: unknown option "${arg}"`);
      err(USAGE);
      return 2;
    } else words.push(arg);
  }
  // Unquoted descriptions arrive as several words: they are one description.
  const description = words.join(' ').trim();
  if (description === '') {
    err('persona-talks personas score: give a description of the person, in quotes');
    err(USAGE);
    return 2;
  }
  try {
    const result = await scoreFromDescription(deps.judge, description, deps.inventories);
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
  }
}
