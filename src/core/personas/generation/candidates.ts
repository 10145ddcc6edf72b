import { createHash } from 'node:crypto';
import { expansionVariant } from '../../prompts/persona-expansion.js';
import type { Role } from '../schema.js';
import type { SourceText } from './inputs.js';
import { duplicateKey } from './rules.js';
import type { Candidate } from './types.js';

/**
 * A run's candidates, in order, each with a key that is the same on every run
 * with the same arguments (so a finished one is recognised and skipped) and its
 * own seed. Pure functions of the inputs.
 */

/** `personas generate` stops after this many candidates per persona asked for, kept or not. */
export const CANDIDATES_PER_PERSONA = 3;

const keyOf = (parts: readonly unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);

/** One candidate per description, in file order; a repeated description is dropped as a duplicate of its first line. */
export function importCandidates(texts: readonly SourceText[], role: Role, seedBase: number): Candidate[] {
  const first = new Map<string, SourceText>();
  return texts.map((source, index) => {
    const same = duplicateKey(source.text);
    const earlier = first.get(same);
    if (!earlier) first.set(same, source);
    const where = earlier?.line !== undefined ? `line ${earlier.line}` : 'an earlier description';
    return {
      key: `i-${keyOf(earlier ? ['import', role, same, 'repeat', source.line ?? index] : ['import', role, same])}`,
      index,
      seed: seedBase + index,
      method: 'import' as const,
      role,
      source: source.text,
      ...(source.file !== undefined ? { sourceFile: source.file } : {}),
      ...(source.line !== undefined ? { sourceLine: source.line } : {}),
      ...(earlier ? { predropped: { rule: 'duplicate' as const, reason: `the same description as ${where}` } } : {}),
    };
  });
}

/**
 * Candidates for `target` new personas: the seeds taken in turn, each round with
 * another relation to the seed person and, after every relation, another setting
 * (expansionVariant). At most CANDIDATES_PER_PERSONA × target of them.
 */
export function generateCandidates(seeds: readonly SourceText[], role: Role, seedBase: number, target: number): Candidate[] {
  const count = Math.max(0, Math.min(target * CANDIDATES_PER_PERSONA, 1_000_000));
  return Array.from({ length: seeds.length === 0 ? 0 : count }, (_, index) => {
    const seed = seeds[index % seeds.length]!;
    const variant = expansionVariant(index, seeds.length);
    return {
      key: `g-${keyOf(['generate', role, seedBase, index, seed.text, variant.relation, variant.setting])}`,
      index,
      seed: seedBase + index,
      method: 'generate' as const,
      role,
      source: seed.text,
      ...(seed.file !== undefined ? { sourceFile: seed.file } : {}),
      ...(seed.line !== undefined ? { sourceLine: seed.line } : {}),
      variant,
    };
  });
}
