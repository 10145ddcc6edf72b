import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileSync as writeAtomically } from 'atomically';
import { z } from 'zod';
import type { ComparisonSide, ForkChange } from '../domain.js';
import { cleanForDisplay } from '../sanitize.js';
import { SESSION_EXTENSION } from './format.js';
import { readSession, type LoadedSession } from './reader.js';

/**
 * The small file that makes two ordinary sessions a comparison. Both sessions
 * are complete on their own (replay, export, stats work on each); the link says
 * which is side A, which is side B, what B changed, the seed they share and how
 * many turns they share at the start. It lives beside them in the sessions folder
 * as `<comparison id>.comparison.json`, written once, atomically.
 */

export const COMPARISON_EXTENSION = '.comparison.json';
export const COMPARISON_FORMAT_VERSION = 1;

const CHANGE_KINDS = ['persona', 'trait', 'condition', 'engine', 'model', 'server', 'temperature', 'mode'] as const;

const SideSchema = z.object({
  /** The session's id. */
  id: z.string().min(1),
  /** Its file: relative to the link's folder when it is inside it (so a folder can be moved whole), else absolute. */
  file: z.string().min(1),
  /** What this side is, in a few words ("warm-listener · aware"). */
  label: z.string(),
});

export const ComparisonLinkSchema = z.object({
  type: z.literal('comparison'),
  app: z.literal('persona-talks'),
  v: z.number().int().min(1),
  id: z.string().min(1),
  createdAt: z.string(),
  appVersion: z.string(),
  seed: z.number().int().optional(),
  /** Turns both sides start with, identical: the shared opening, or the turns kept from the session both fork. */
  sharedTurns: z.number().int().min(0),
  /** What side B has that side A has not. */
  changes: z.array(z.looseObject({ kind: z.enum(CHANGE_KINDS) })),
  sides: z.object({ A: SideSchema, B: SideSchema }),
  /** A comparison of two forks of one session at one turn (`compare --fork`). */
  fork: z.object({ parent: z.object({ id: z.string(), path: z.string().optional() }), atTurn: z.number().int().min(0) }).optional(),
});

export type ComparisonLink = Omit<z.infer<typeof ComparisonLinkSchema>, 'changes'> & { changes: ForkChange[] };

export class ComparisonReadError extends Error {}

/** A sortable comparison id, like a session's: time, the seeker, a random tail. */
export function newComparisonId(seekerId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  return `${stamp}_compare_${seekerId}_${Math.random().toString(36).slice(2, 6)}`;
}

export function comparisonPath(dir: string, id: string): string {
  return join(dir, `${id}${COMPARISON_EXTENSION}`);
}

/** A side's file as the link records it: relative to the link's folder when it is inside it. */
export function linkedFile(dir: string, sessionPath: string): string {
  const rel = relative(resolve(dir), resolve(sessionPath));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(sessionPath);
}

/** Writes the link into `dir` (temp file, fsync, rename: a crash leaves the old state or the whole file). Never over another. */
export function writeComparisonLink(dir: string, link: ComparisonLink): string {
  const path = comparisonPath(dir, link.id);
  if (existsSync(path)) throw new Error(`a comparison ${link.id} already exists in ${dir}`);
  writeAtomically(path, `${JSON.stringify(link, null, 2)}\n`, { mode: 0o600 });
  return path;
}

export function readComparisonLink(path: string): ComparisonLink {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ComparisonReadError(`cannot read comparison ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ComparisonReadError(`${path} is not a comparison (not JSON)`);
  }
  const parsed = ComparisonLinkSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the file';
    throw new ComparisonReadError(`${path} is not a persona-talks comparison: ${where} ${issue?.message ?? 'is not as expected'}`);
  }
  if (parsed.data.v > COMPARISON_FORMAT_VERSION) {
    throw new ComparisonReadError(`${path} was written by a newer persona-talks (comparison format ${parsed.data.v}); please upgrade`);
  }
  return parsed.data as ComparisonLink;
}

/** A comparison with both of its sessions read. */
export interface LoadedComparison {
  path: string;
  link: ComparisonLink;
  sides: Record<ComparisonSide, LoadedSession>;
}

/**
 * Reads a link and both sessions it names. A side's file is looked for where the
 * link says, then by its id beside the link (the folder was moved); a side that
 * cannot be found or read is an error naming it.
 */
export function loadComparison(path: string): LoadedComparison {
  const link = readComparisonLink(path);
  const dir = dirname(path);
  const read = (side: ComparisonSide): LoadedSession => {
    const ref = link.sides[side];
    const candidates = [isAbsolute(ref.file) ? ref.file : join(dir, ref.file), join(dir, `${ref.id}${SESSION_EXTENSION}`)];
    const found = candidates.find((p) => existsSync(p));
    if (!found) throw new ComparisonReadError(`side ${side} of comparison ${cleanForDisplay(link.id)} is missing: no ${cleanForDisplay(ref.file)}`);
    return readSession(found);
  };
  return { path, link, sides: { A: read('A'), B: read('B') } };
}

/** The comparison files directly in `dir`, sorted by name. */
export function comparisonFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(COMPARISON_EXTENSION))
    .map((e) => join(dir, e.name))
    .sort();
}

/**
 * The comparison a command-line argument names, if it names one: a link file's
 * path, a comparison id in `dir`, or (unless `exact`) a prefix of exactly one.
 * Undefined when it names none (it may be a session); an error when the prefix
 * fits several.
 */
export function resolveComparisonArg(arg: string, dir: string, options: { exact?: boolean } = {}): string | undefined {
  const asPath = resolve(arg);
  if (arg.endsWith(COMPARISON_EXTENSION) && existsSync(asPath)) return asPath;
  const id = arg.endsWith(COMPARISON_EXTENSION) ? arg.slice(0, -COMPARISON_EXTENSION.length) : arg;
  if (id.trim() === '' || /[\\/]/.test(id)) return undefined;
  const matches = comparisonFilesIn(dir).filter((p) => basename(p, COMPARISON_EXTENSION).startsWith(id));
  const exact = matches.find((p) => basename(p, COMPARISON_EXTENSION) === id);
  if (exact) return resolve(exact);
  if (options.exact) return undefined;
  if (matches.length === 1) return resolve(matches[0]!);
  if (matches.length > 1) {
    throw new ComparisonReadError(`"${cleanForDisplay(arg)}" matches ${matches.length} comparisons in ${dir}; give more of the id`);
  }
  return undefined;
}
