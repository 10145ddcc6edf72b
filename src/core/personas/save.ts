import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Document, isMap, isScalar, Scalar } from 'yaml';
import { CSI_KEYS, HEXACO_KEYS } from '../traits/dimensions.js';
import { PersonaValidationError } from './errors.js';
import { issuesToErrors } from './issues.js';
import { bundledPersonasDir, defaultUserPersonasDir } from './paths.js';
import { stripControlsDeep } from '../sanitize.js';
import { PersonaSchema, type Persona } from './schema.js';

/** Text fields longer than this are written as folded blocks so files stay readable. */
const FOLD_AFTER = 72;

/** Validates (and cleans) a persona the way loading would; throws PersonaValidationError listing every problem. */
export function validatePersona(persona: unknown, file = '<persona>'): Persona {
  const data = stripControlsDeep(persona);
  const result = PersonaSchema.safeParse(data);
  if (!result.success) throw new PersonaValidationError(issuesToErrors(result.error.issues, { file, data }));
  return result.data;
}

/** Readable YAML with keys in schema order, a comment header, long text as blocks. */
export function personaToYaml(persona: Persona): string {
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(PersonaSchema.shape) as (keyof Persona)[]) {
    const value = persona[key];
    if (value === undefined) continue;
    if (key === 'hexaco' && persona.hexaco) ordered[key] = pick(persona.hexaco, HEXACO_KEYS);
    else if (key === 'csi' && persona.csi) ordered[key] = pick(persona.csi, CSI_KEYS);
    else ordered[key] = value;
  }
  const doc = new Document(ordered);
  doc.commentBefore = ` ${persona.name} — ${persona.baseline ? 'baseline ' : ''}${persona.role} persona for persona-talks (edit freely; check with: persona-talks personas validate)`;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      blockIfLong(pair.value);
      // One level down too: a generated persona's provenance quotes whole descriptions.
      if (isMap(pair.value)) for (const inner of pair.value.items) blockIfLong(inner.value);
    }
  }
  return doc.toString({ lineWidth: 100, minContentWidth: 40, flowCollectionPadding: true });
}

function blockIfLong(node: unknown): void {
  if (isScalar(node) && typeof node.value === 'string') {
    const text = node.value;
    if (text.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    else if (text.length > FOLD_AFTER) node.type = Scalar.BLOCK_FOLDED;
  }
}

function pick<K extends string>(values: Record<K, number>, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, values[k]])) as Record<K, number>;
}

export interface SaveOptions {
  /** The folder saving must never write into; defaults to the package's personas/. */
  bundledDir?: string;
}

/**
 * Writes `<dir>/<id>.yaml` atomically (temp file + rename, so a crash never
 * leaves a half-written persona) and returns its path. Refuses the bundled
 * folder: edits to a bundled persona go to the user folder, where they override it.
 */
export async function savePersona(persona: Persona, dir: string, opts: SaveOptions = {}): Promise<string> {
  const bundled = opts.bundledDir ?? bundledPersonasDir();
  if (await isInside(dir, bundled)) {
    throw new Error(
      `refusing to save into the bundled persona folder (${resolve(bundled)}); save to your persona folder instead ` +
        `(${defaultUserPersonasDir()}), where a persona with the same id overrides the bundled one`,
    );
  }
  const target = join(dir, `${persona.id}.yaml`);
  const clean = validatePersona(persona, target);
  const text = personaToYaml(clean);

  await mkdir(dir, { recursive: true });
  const temp = tempName(dir, clean.id);
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return target;
}

const tempName = (dir: string, id: string) => join(dir, `.${id}.yaml.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
const TEMP_NAME = /^\..+\.yaml\.(\d+)\.[0-9a-f]{8}\.tmp$/;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the temp files saveNewPersona leaves in `dir` when its process is killed
 * between writing and linking (kill -9); a live process's temps are left alone.
 * Returns how many went.
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    await unlink(join(dir, name)).then(() => (removed += 1)).catch(() => undefined);
  }
  return removed;
}

/** The sentence refusing the bundled persona folder itself as a place for new personas, or undefined for any other folder. */
export async function bundledFolderProblem(dir: string, bundledDir?: string): Promise<string | undefined> {
  const [folder, bundled] = await Promise.all([realOrResolved(dir), realOrResolved(bundledDir ?? bundledPersonasDir())]);
  return folder === bundled ? `refusing to save into the bundled persona folder (${bundled})` : undefined;
}

/**
 * Writes `<dir>/<id>.yaml` only if no such file exists, complete or not at all:
 * the text goes to a temp file that is then hard-linked under its name, which
 * fails (EEXIST) rather than replace a file another writer made first. For
 * personas made in bulk (`personas generate`), where two may want one id and
 * none may overwrite another. Refuses the bundled folder itself (a folder
 * inside it is not loaded as bundled, so generated personas may live there).
 */
export async function saveNewPersona(persona: Persona, dir: string, opts: SaveOptions = {}): Promise<string> {
  const bundled = await bundledFolderProblem(dir, opts.bundledDir);
  if (bundled) throw new Error(`${bundled}; choose a folder of your own`);
  const target = join(dir, `${persona.id}.yaml`);
  const text = personaToYaml(validatePersona(persona, target));
  await mkdir(dir, { recursive: true });
  const temp = tempName(dir, persona.id);
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    try {
      await link(temp, target);
    } catch (err) {
      // A file system without hard links: an exclusive create still never overwrites (but a crash could leave it half-written).
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
      await writeFile(target, text, { encoding: 'utf8', flag: 'wx' });
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return target;
}

/** True when `dir` is `root` or below it, comparing real paths so symlinks cannot sneak around the check. */
async function isInside(dir: string, root: string): Promise<boolean> {
  const [a, b] = await Promise.all([realOrResolved(dir), realOrResolved(root)]);
  const rel = relative(b, a);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A not-yet-created folder has no real path; resolve its nearest existing ancestor instead. */
async function realOrResolved(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return join(await realOrResolved(parent), basename(abs));
  }
}
