import { resolve } from 'node:path';
import type { JudgeClient } from '../app/measurement.js';
import { makePersonas, openPersonaModel, type GenerationSummary } from '../app/persona-generation.js';
import { folderProblem, prepareFolder } from '../core/personas/generation/folder.js';
import { formatInputError, readDescriptionFile, readSeeds, type InputRead } from '../core/personas/generation/inputs.js';
import { loadLibrary } from '../core/personas/library.js';
import { bundledFolderProblem } from '../core/personas/save.js';
import type { Role } from '../core/personas/schema.js';
import { cleanForDisplay } from '../core/sanitize.js';
import type { Inventories } from '../core/traits/pipeline.js';
import { inventoryFlagsOrExplain, refuse } from './headless.js';
import { displayPath, misuse, readFlags, usage, type CommandIo } from './io.js';
import { ndjsonPrinter, textPrinter } from './personas-generate-output.js';
import type { PersonasCommandOptions } from './personas.js';

/**
 * `personas generate --from SEEDS --count N` and `personas import FILE`: personas
 * from free-text descriptions, the paper's way — a model writes new descriptions
 * from seeds (generate only), reads a card out of each, the measurement pipeline
 * scores HEXACO and CSI from it, and a quality filter keeps the complete and
 * consistent ones. Kept personas are YAML files in a folder; dropped candidates
 * are lines in its dropped.jsonl, each with the rule and the reason.
 */

export interface PersonasGenerateDeps extends PersonasCommandOptions {
  /** The model; by default the judge role's, from settings, environment and flags, once it answers. */
  model?: JudgeClient;
  inventories?: Inventories;
  env?: NodeJS.ProcessEnv;
}

const SHARED = ['count', 'role', 'out', 'seed', 'concurrency', 'no-check', 'json', 'preset', 'base-url', 'model', 'hexaco-inventory', 'csi-inventory'] as const;
const GENERATE_FLAGS = ['from', ...SHARED, 'temperature'] as const;
const IMPORT_FLAGS = SHARED;

export const DEFAULT_FOLDER = 'personas/generated';
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_SEED = 1;
const DEFAULT_TEMPERATURE = 0.9;

const GENERATE_USAGE = usage(
  `Usage: persona-talks personas generate --from SEEDS --count N [options]

A model writes N new persona descriptions from seed descriptions (each candidate a different
person connected to a seed), reads a card out of each (age band, gender, occupation, a
description; for seekers the ESConv context), scores HEXACO and CSI from it, and keeps those
that pass the quality filter. SEEDS: a text file (one description a line), a JSONL file
({"persona": "..."} or {"description": "..."} lines), a YAML list, a persona folder, or persona
ids joined by commas. Run it again with the same arguments to go on where it stopped.`,
  GENERATE_FLAGS,
);

const IMPORT_USAGE = usage(
  `Usage: persona-talks personas import FILE [options]
       persona-talks personas import card FILE [...]   (a character card: import card --help)

Turns each free-text description in FILE into a persona: a card read out of it, HEXACO and CSI
scored from it, and the quality filter. FILE: JSONL ({"persona": "..."} lines as PersonaHub
writes them, {"description": "..."}, or a JSON string a line) or text (one description a line;
blank lines and lines starting with # are skipped). Run it again to go on where it stopped.`,
  IMPORT_FLAGS,
);

/** Exit codes: 0 done, 1 the model could not be reached or candidates failed, 2 bad input (nothing started), 130 stopped. */
export async function runPersonasGenerateCommand(args: string[], io: CommandIo, deps: PersonasGenerateDeps = {}): Promise<number> {
  const [sub, ...rest] = args;
  const generate = sub === 'generate';
  const command = generate ? 'personas generate' : 'personas import';
  const help = generate ? GENERATE_USAGE : IMPORT_USAGE;
  const parsed = readFlags(io, command, help, rest, generate ? GENERATE_FLAGS : IMPORT_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const values: Partial<Record<(typeof GENERATE_FLAGS)[number], unknown>> & typeof parsed.values = parsed.values;
  const bad = (message: string) => misuse(io, command, help, message);
  const err = (text: string) => io.stderr.write(`${text}\n`);

  let source: string;
  if (generate) {
    if (parsed.positionals.length > 0) return bad(`generate takes no file argument (got "${cleanForDisplay(parsed.positionals[0]!)}"); name the seeds with --from`);
    if (typeof values.from !== 'string') return bad('say where the seed descriptions are: --from FILE, a persona folder, or persona ids');
    if (values.count === undefined) return bad('say how many personas to make: --count N');
    source = values.from;
  } else {
    const [file, extra] = parsed.positionals;
    if (!file) return bad('say which file to import: personas import FILE (or personas import card FILE)');
    if (extra !== undefined) return bad('import takes one file');
    source = file;
  }

  const inventories = deps.inventories ?? (await inventoryFlagsOrExplain(io, values['hexaco-inventory'], values['csi-inventory']));
  if (inventories === null) return 2;
  const library = () => loadLibrary({ ...(deps.bundledDir ? { bundledDir: deps.bundledDir } : {}), ...(deps.userDir ? { userDir: deps.userDir } : {}) });
  const read: InputRead = generate ? await readSeeds(source, library, (p) => resolve(p)) : await readDescriptionFile(resolve(source), source);
  if (!read.ok) {
    for (const e of read.errors) err(`persona-talks ${command}: ${cleanForDisplay(formatInputError(e))}`);
    err('Nothing was started.');
    return 2;
  }
  for (const note of read.notes) err(`note: ${cleanForDisplay(note)}`);

  const outDir = resolve(values.out ?? DEFAULT_FOLDER);
  const unusable = (message: string) => {
    err(`persona-talks ${command}: ${cleanForDisplay(message)} (choose another with --out DIR). Nothing was started.`);
    return 2;
  };
  // Checked before the model is asked, created only after it answers: a server that is down leaves no empty folder behind.
  const problem = (await bundledFolderProblem(outDir, deps.bundledDir)) ?? (await folderProblem(outDir));
  if (problem) return unusable(problem);

  let model = deps.model;
  if (!model) {
    const ready = await openPersonaModel({ baseUrl: values['base-url'], model: values.model, preset: values.preset }, deps.env ?? process.env);
    if (!ready.ok) return refuse(io, ready, `persona-talks ${command}`);
    model = ready.judge;
  }
  const notMade = await prepareFolder(outDir);
  if (notMade) return unusable(notMade);

  const { personas } = await library();
  const controller = new AbortController();
  deps.onStart?.(() => controller.abort());
  const json = values.json ?? false;
  const text = json ? undefined : textPrinter({ out: io.stdout, err: io.stderr, verb: generate ? 'Generating' : 'Importing' });
  const onEvent = json ? ndjsonPrinter((t) => io.stdout.write(t)) : text!.onEvent;
  let summary: GenerationSummary;
  try {
    summary = await makePersonas(model, {
      method: generate ? 'generate' : 'import',
      role: (values.role as Role | undefined) ?? 'either',
      texts: read.texts,
      ...(values.count !== undefined ? { count: values.count } : {}),
      seed: values.seed ?? DEFAULT_SEED,
      concurrency: values.concurrency ?? DEFAULT_CONCURRENCY,
      outDir,
      takenIds: personas.map((p) => p.persona.id),
      check: !values['no-check'],
      temperature: (values.temperature as number | undefined) ?? DEFAULT_TEMPERATURE,
      ...(inventories ? { inventories } : {}),
      signal: controller.signal,
      ...(deps.bundledDir ? { bundledDir: deps.bundledDir } : {}),
      onEvent,
    });
  } finally {
    text?.end();
  }
  if (summary.stopped === 'interrupted') return 130;
  if (summary.stopped || summary.failed > 0) {
    if (!json && summary.saved === 0 && summary.failed > 0) err(`See the failures above; the folder is ${displayPath(outDir)}.`);
    return 1;
  }
  return 0;
}
