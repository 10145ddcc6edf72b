import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { detectCrisis } from '../../../src/core/safety.js';

const Entry = z.strictObject({ text: z.string().min(1), crisis: z.boolean(), tag: z.string().min(1) });
export type CorpusEntry = z.infer<typeof Entry>;

export type CorpusFile = 'corpus.yaml' | 'corpus-holdout.yaml' | 'corpus-independent.yaml';

/** Loads one of the YAML corpora beside this file, validated so a typo fails loudly. */
export function loadCorpus(file: CorpusFile): CorpusEntry[] {
  const path = fileURLToPath(new URL(file, import.meta.url));
  return z.array(Entry).parse(parse(readFileSync(path, 'utf8')));
}

export interface CorpusScore {
  positives: number;
  negatives: number;
  recall: number;
  falsePositiveRate: number;
  missed: CorpusEntry[];
  falseAlarms: CorpusEntry[];
}

export function scoreCorpus(entries: readonly CorpusEntry[]): CorpusScore {
  const positives = entries.filter((e) => e.crisis);
  const negatives = entries.filter((e) => !e.crisis);
  const missed = positives.filter((e) => !detectCrisis(e.text).matched);
  const falseAlarms = negatives.filter((e) => detectCrisis(e.text).matched);
  return {
    positives: positives.length,
    negatives: negatives.length,
    recall: (positives.length - missed.length) / positives.length,
    falsePositiveRate: falseAlarms.length / negatives.length,
    missed,
    falseAlarms,
  };
}

export function describeScore(name: string, s: CorpusScore): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${name}: recall ${pct(s.recall)} (${s.positives - s.missed.length}/${s.positives}), ` +
      `false positives ${pct(s.falsePositiveRate)} (${s.falseAlarms.length}/${s.negatives})`,
    ...s.missed.map((e) => `  missed [${e.tag}] ${e.text}`),
    ...s.falseAlarms.map((e) => `  false alarm [${e.tag}] ${e.text} -> ${detectCrisis(e.text).evidence.join(' | ')}`),
  ];
  return lines.join('\n');
}
