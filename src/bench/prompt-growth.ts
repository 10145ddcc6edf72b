import { pipedConversation } from './conversation-runs.js';
import type { BenchOptions } from './options.js';
import type { Figures } from './summary.js';

/** Least-squares line through (x, y) points. */
export function fitLine(points: readonly (readonly [number, number])[]): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export const EXTRAPOLATE_TO = 800;

/**
 * How big the generation prompt gets: a long headless conversation (defaults
 * otherwise) with replies unpaced, since only their sizes matter here. Prompt
 * sizes are the characters of all messages in each seeker/supporter request the
 * server received, request k being turn k. Turn 800 is extrapolated from a line
 * through the second half of the run, so a prompt that stops growing (a bounded
 * window) extrapolates flat.
 */
export async function measurePromptGrowth(o: BenchOptions, figures: Figures, progress: (text: string) => void): Promise<void> {
  const turns = o.growthTurns;
  progress(`prompt growth: a ${turns}-turn headless conversation`);
  const run = await pipedConversation(o, { chunkDelayMs: 0, chunkSize: 16, minWords: o.words, closeAfter: 100_000 }, { turns });
  const prompts = run.server.generationPrompts;
  if (prompts.length < turns) throw new Error(`the server saw ${prompts.length} generation requests for ${turns} turns`);
  const at = (turn: number) => prompts[turn - 1]!;
  const marks = [50, 100, turns].filter((t, i, all) => t <= turns && all.indexOf(t) === i);
  for (const t of marks) figures.add(`growth ${t}`, `generation prompt at turn ${t}`, at(t), { unit: 'chars', digits: 0 });
  const tail = prompts.slice(Math.floor(turns / 2), turns).map((y, i) => [Math.floor(turns / 2) + i + 1, y] as const);
  const line = fitLine(tail);
  const predict = (t: number) => line.intercept + line.slope * t;
  figures.add('growth 800', `generation prompt at turn ${EXTRAPOLATE_TO} (extrapolated)`, predict(EXTRAPOLATE_TO), { unit: 'chars', digits: 0 });
  const total = prompts.slice(0, turns).reduce((a, b) => a + b, 0);
  figures.add('growth total', `generation input over ${turns} turns`, total, { unit: 'chars', digits: 0 });
  let total800 = total;
  for (let t = turns + 1; t <= EXTRAPOLATE_TO; t++) total800 += predict(t);
  figures.add('growth total 800', `generation input over ${EXTRAPOLATE_TO} turns (extrapolated)`, total800, { unit: 'chars', digits: 0 });
  figures.add('growth judge', `largest trait-judge prompt (turn ${turns})`, run.server.largestJudgePrompt, { unit: 'chars', digits: 0 });
}
