import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { openApplication } from '../app/application.js';
import { modelFailureMessage, scoreFromDescription, type Inventories, type JudgeClient } from '../app/measurement.js';
import { appVersion } from '../core/package-info.js';
import { CardError, cardToPersona, personaToCard, readCard, type CardData, type SeekerContext } from '../core/personas/card.js';
import { PersonaValidationError } from '../core/personas/errors.js';
import { findPersona, loadLibrary } from '../core/personas/library.js';
import { defaultUserPersonasDir } from '../core/personas/paths.js';
import { savePersona } from '../core/personas/save.js';
import { ROLES, type Persona, type Role } from '../core/personas/schema.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { misuse, readFlags, usage, type CommandIo } from './io.js';
import type { PersonasCommandOptions } from './personas.js';

/**
 * `personas import card FILE` and `personas export ID --format card`: personas
 * to and from the character-card ecosystem (SillyTavern and friends). Traits of
 * an imported card are scored from its description by the measurement pipeline
 * when a model is reachable; otherwise the persona is saved marked `unscored`.
 */

export type JudgeOrReason = { client: JudgeClient } | { reason: string };

export interface PersonaCardDeps extends PersonasCommandOptions {
  /** The judge for scoring traits; by default from settings and the environment. */
  judge?: () => Promise<JudgeOrReason>;
  /** Asks the user a question on the terminal; undefined when there is no terminal to ask on. */
  ask?: (question: string) => Promise<string | undefined>;
  inventories?: Inventories;
}

const CARD_FLAGS = ['role', 'id', 'no-score', 'emotion-type', 'problem-type', 'intensity', 'situation', 'format', 'out', 'request-timeout'] as const;

const USAGE = usage(
  `Usage:
  persona-talks personas import card FILE [--role seeker|supporter|either] [--id ID] [--no-score]
                [--emotion-type TYPE] [--problem-type TYPE] [--intensity 1-5] [--situation TEXT]
  persona-talks personas export ID --format card [--out FILE]
FILE is a Character Card V2 (chara_card_v2) JSON file, or a PNG image carrying one in its
"chara" text chunk. Name, description and personality make the persona's description; the
scenario becomes a seeker's situation. Traits are scored from the description by the judge
model when one is reachable (--no-score skips it); otherwise they are left for you to fill in.`,
  CARD_FLAGS,
);

export async function runPersonaCardCommand(args: string[], io: CommandIo, deps: PersonaCardDeps = {}): Promise<number> {
  const bad = (message: string) => misuse(io, 'personas', USAGE, message);
  const parsed = readFlags(io, 'personas', USAGE, args, CARD_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub, kind, target, extra] = positionals;
  if (sub === 'export') {
    if (!kind || target !== undefined) return bad('export needs exactly one persona id');
    if (values.format !== 'card') return bad(`--format needs card${values.format ? ` (got "${cleanForDisplay(values.format)}")` : ''}`);
    return exportCard(kind, values.out, io, deps);
  }
  if (kind !== 'card') return bad(kind ? `cannot import "${cleanForDisplay(kind)}" (only: card FILE)` : 'say what to import: card FILE');
  if (!target || extra !== undefined) return bad('import card needs exactly one file');
  const seeker: SeekerContext = {
    ...(values['emotion-type'] ? { emotion_type: values['emotion-type'] } : {}),
    ...(values['problem-type'] ? { problem_type: values['problem-type'] } : {}),
    ...(values.intensity !== undefined ? { initial_intensity: values.intensity } : {}),
    ...(values.situation ? { situation: values.situation } : {}),
  };
  return importCard(target, { role: values.role, id: values.id, score: !values['no-score'], seeker, requestTimeoutSeconds: values['request-timeout'] }, io, deps);
}

interface ImportFlags {
  role?: Role;
  id?: string;
  score: boolean;
  seeker: SeekerContext;
  requestTimeoutSeconds?: number;
}

async function importCard(file: string, flags: ImportFlags, io: CommandIo, deps: PersonaCardDeps): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const shown = cleanForDisplay(file);
  let card: CardData;
  try {
    card = readCard(await readFile(resolve(file)), shown);
  } catch (error) {
    if (error instanceof CardError) err(`persona-talks personas: ${cleanForDisplay(error.message)}`);
    else err(`persona-talks personas: cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  const ask = deps.ask ?? terminalAsk;
  const role = flags.role ?? (await askRole(ask, card.name));
  if (!role) {
    err(`persona-talks personas: say which side "${cleanForDisplay(card.name)}" plays: --role seeker, supporter or either`);
    return 2;
  }
  const library = await loadLibrary(deps);
  const taken = new Set(library.personas.map((p) => p.persona.id));
  const make = (seeker: SeekerContext) => cardToPersona(card, { role, ...(flags.id ? { id: flags.id } : {}), seeker });
  let made;
  try {
    try {
      made = make(flags.seeker);
    } catch (error) {
      // A seeker short of its ESConv context: ask for what is missing (on a terminal), then try once more.
      if (!(error instanceof CardError) || role !== 'seeker') throw error;
      made = make(await completeSeeker(flags.seeker, card, ask));
    }
  } catch (error) {
    if (!(error instanceof CardError)) throw error;
    err(`persona-talks personas: ${cleanForDisplay(error.message)}`);
    if (role === 'seeker') err('A seeker needs --emotion-type, --problem-type, --intensity 1-5 and a situation (the card\'s scenario, or --situation).');
    return 1;
  }
  let persona: Persona = made.persona;
  if (taken.has(persona.id)) {
    if (flags.id) {
      err(`persona-talks personas: a persona with id "${cleanForDisplay(flags.id)}" exists already; choose another --id`);
      return 1;
    }
    const free = freeId(persona.id, taken);
    made.notes.push(`the id "${persona.id}" is taken; saved as "${free}"`);
    persona = { ...persona, id: free };
  }
  let unscoredBecause: string | undefined;
  if (persona.unscored) {
    const scored = flags.score ? await scoreTraits(persona, deps, flags.requestTimeoutSeconds) : { reason: 'you asked not to score them (--no-score)' };
    if ('persona' in scored) persona = scored.persona;
    else unscoredBecause = scored.reason;
  }
  const dir = deps.userDir ?? defaultUserPersonasDir();
  let path: string;
  try {
    path = await savePersona(persona, dir, deps.bundledDir ? { bundledDir: deps.bundledDir } : {});
  } catch (error) {
    const message = error instanceof PersonaValidationError ? error.message : (error as Error).message;
    err(`persona-talks personas: cannot save the persona: ${cleanForDisplay(message)}`);
    return 1;
  }
  out(`Imported "${cleanForDisplay(persona.name)}" as ${persona.id} (${persona.role}) to ${cleanForDisplay(path)}`);
  for (const note of made.notes) out(`  note: ${cleanForDisplay(note)}`);
  if (made.restored) out('  traits and context restored from the card (it was exported by persona-talks)');
  else if (unscoredBecause === undefined) out('  traits scored from the description by the judge model');
  else {
    err(`notice: traits not scored: ${cleanForDisplay(unscoredBecause)}`);
    err(`  The persona is saved with "unscored: true" and no traits. Fill in hexaco and csi in ${cleanForDisplay(path)} and remove that line,`);
    err('  or score the description later with: persona-talks personas score "DESCRIPTION"');
  }
  return 0;
}

function freeId(id: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${id.slice(0, 60)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

async function scoreTraits(persona: Persona, deps: PersonaCardDeps, requestTimeoutSeconds?: number): Promise<{ persona: Persona } | { reason: string }> {
  const judge = await (deps.judge ?? (() => defaultJudge(requestTimeoutSeconds)))();
  if ('reason' in judge) return judge;
  try {
    const result = await scoreFromDescription(judge.client, persona.description, deps.inventories);
    const { unscored: _unscored, ...rest } = persona;
    return { persona: { ...rest, hexaco: result.hexaco, csi: result.csi } };
  } catch (error) {
    const failure = modelFailureMessage(error);
    if (failure !== undefined) return { reason: `the judge model could not score them (${failure})` };
    throw error;
  }
}

/** The judge client from settings and the environment, or what stood in the way (not printed: the import goes on). */
async function defaultJudge(requestTimeoutSeconds?: number): Promise<JudgeOrReason> {
  const opened = openApplication({ sessionsDir: null, requestTimeoutSeconds });
  if (!opened.ok) return { reason: `no judge model is reachable (${opened.message})` };
  const ready = await opened.app.judge();
  return ready.ok ? { client: ready.judge } : { reason: `no judge model is reachable (${ready.message})` };
}

async function askRole(ask: NonNullable<PersonaCardDeps['ask']>, name: string): Promise<Role | undefined> {
  for (let tries = 0; tries < 3; tries++) {
    const answer = (await ask(`Import "${cleanForDisplay(name)}" as a seeker, supporter or either? `))?.trim().toLowerCase();
    if (answer === undefined) return undefined;
    if ((ROLES as readonly string[]).includes(answer)) return answer as Role;
  }
  return undefined;
}

/** A seeker needs ESConv context a card does not hold: asked for on a terminal, else left for the error to name. */
async function completeSeeker(given: SeekerContext, card: CardData, ask: NonNullable<PersonaCardDeps['ask']>): Promise<SeekerContext> {
  const context: SeekerContext = { ...given };
  const question = async (q: string) => (await ask(q))?.trim() || undefined;
  if (!context.situation && !card.scenario) context.situation = await question('Their situation (what troubles them)? ');
  if (!context.emotion_type) context.emotion_type = await question('Main emotion (e.g. anxiety, sadness, anger)? ');
  if (!context.problem_type) context.problem_type = await question('Problem type (e.g. job crisis, breakup with partner)? ');
  if (context.initial_intensity === undefined) {
    const n = Number(await question('Emotion intensity, 1-5? '));
    if (Number.isInteger(n) && n >= 1 && n <= 5) context.initial_intensity = n;
  }
  return context;
}

async function terminalAsk(question: string): Promise<string | undefined> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

async function exportCard(id: string, outPath: string | undefined, io: CommandIo, deps: PersonaCardDeps): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const library = await loadLibrary(deps);
  const found = findPersona(library.personas, id);
  if (!found) {
    err(`persona-talks personas: no persona with id "${cleanForDisplay(id)}" (run "persona-talks personas list" to see ids)`);
    return 1;
  }
  const text = `${JSON.stringify(personaToCard(found.persona, appVersion()), null, 2)}\n`;
  if (outPath === undefined || outPath === '-') {
    io.stdout.write(text);
    return 0;
  }
  try {
    await writeFile(resolve(outPath), text);
  } catch (error) {
    err(`persona-talks personas: cannot write ${cleanForDisplay(outPath)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  err(`Exported ${found.persona.id} as a character card to ${cleanForDisplay(outPath)}`);
  return 0;
}
