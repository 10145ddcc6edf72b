import type { Turn } from '../../core/domain.js';
import { STRATEGIES, STRATEGY_SHORT, type Strategy } from '../../core/strategies.js';
import type { SpeakerMeter } from '../../core/traits/meter.js';
import { HEXACO_KEYS } from '../../core/traits/dimensions.js';
import { formatScore } from '../../core/text.js';

/** A supporter's strategies so far, in the table's order, with their counts. */
export function strategyMix(turns: readonly Turn[]): Array<{ strategy: Strategy; count: number }> {
  const counts = new Map<Strategy, number>();
  for (const t of turns) if (t.speaker === 'supporter' && t.strategy) counts.set(t.strategy, (counts.get(t.strategy) ?? 0) + 1);
  return STRATEGIES.filter((s) => counts.has(s)).map((strategy) => ({ strategy, count: counts.get(strategy)! }));
}

/**
 * The mix as a bar of `width` cells, each strategy's share in cells (largest
 * remainders get the cells rounding left over), so two bars of the same width
 * compare at a glance.
 */
export function mixBar(mix: ReadonlyArray<{ strategy: Strategy; count: number }>, width: number): Array<{ strategy: Strategy; cells: number }> {
  const total = mix.reduce((n, m) => n + m.count, 0);
  if (total === 0 || width <= 0) return [];
  const exact = mix.map((m) => ({ strategy: m.strategy, share: (m.count / total) * width }));
  const cells = exact.map((e) => ({ strategy: e.strategy, cells: Math.floor(e.share), rest: e.share - Math.floor(e.share) }));
  let left = width - cells.reduce((n, c) => n + c.cells, 0);
  for (const c of [...cells].sort((x, y) => y.rest - x.rest)) {
    if (left <= 0) break;
    c.cells += 1;
    left -= 1;
  }
  return cells.filter((c) => c.cells > 0).map(({ strategy, cells: n }) => ({ strategy, cells: n }));
}

/** "Qu 3 · Re 2": the counts beside the bar. */
export function mixCounts(mix: ReadonlyArray<{ strategy: Strategy; count: number }>): string {
  return mix.length === 0 ? 'no labelled turns yet' : mix.map((m) => `${STRATEGY_SHORT[m.strategy]} ${m.count}`).join(' · ');
}

/** The supporter's latest HEXACO reading, "H 3.1 E 2.0 …", or what stands in for it. */
export function traitReading(meter: SpeakerMeter | undefined, judgeOff = false): string {
  if (judgeOff) return 'judge off';
  if (!meter || meter.afterTurn < 0) return 'not measured yet';
  const parts = HEXACO_KEYS.map((k) => {
    const d = meter.hexaco[k];
    return d ? `${k} ${formatScore(d.current.value)}` : `${k} –`;
  });
  return `${parts.join(' ')} (after turn ${meter.afterTurn + 1})`;
}
