import type { Divergence } from '../../app/compare.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import { STRATEGIES, STRATEGY_SHORT } from '../../core/strategies.js';
import { wrap } from '../../core/text.js';

const INDENT = '  ';
/** The traits with the largest gaps; the rest are counted (a screen has no room for all twelve). */
const MOST_TRAITS = 6;
const num = (n: number, digits = 1) => n.toFixed(digits);
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}`;

function mixLine(counts: Readonly<Record<string, number>>): string {
  const used = STRATEGIES.filter((s) => (counts[s] ?? 0) > 0);
  return used.length === 0 ? '(no labelled supporter turns)' : used.map((s) => `${STRATEGY_SHORT[s]} ${counts[s]}`).join(' · ');
}

/**
 * "Where they diverged", the screen's end of a comparison: the same findings,
 * in the same words, as the headless compare's closing paragraph, wrapped to
 * `width`. The traits are the ones measured on both sides, largest gap first.
 */
export function divergenceLines(d: Divergence, width: number): string[] {
  const lines: string[] = [];
  const shared = d.sharedTurns > 0 ? ` (both start with the same ${d.sharedTurns === 1 ? 'turn' : `${d.sharedTurns} turns`})` : '';
  lines.push(`turns: A ${d.turns.A} · B ${d.turns.B}${shared}`);
  lines.push(`first different words: ${d.firstDifferentText !== undefined ? `turn ${d.firstDifferentText + 1}` : 'none — every turn both have is the same'}`);
  const s = d.firstDifferentStrategy;
  lines.push(`first different strategy: ${s ? `turn ${s.index + 1} (A ${s.A}, B ${s.B})` : 'none — the supporters never used different strategies at the same turn'}`);
  const js = d.strategyMix.jensenShannon;
  lines.push(`strategy mix: ${js ? `Jensen–Shannon divergence ${num(js.divergence, 3)} bits (0 = same mix, 1 = nothing in common)` : `not comparable: ${d.strategyMix.notComputable ?? 'no labelled turns'}`}`);
  lines.push(`${INDENT}A ${mixLine(d.strategyMix.A)}`, `${INDENT}B ${mixLine(d.strategyMix.B)}`);
  const compared = d.traits.filter((t) => t.difference !== undefined).sort((x, y) => Math.abs(y.difference!) - Math.abs(x.difference!));
  const shown = compared.slice(0, MOST_TRAITS);
  const more = compared.length - shown.length;
  lines.push(
    compared.length > 0
      ? `supporter traits as measured, B − A, largest first: ${shown.map((t) => `${cleanForDisplay(t.name)}${t.scale === 'csi' ? ' (CSI)' : ''} ${signed(t.difference!)}`).join(' · ')}${more > 0 ? ` · ${more} more` : ''}`
      : 'supporter traits: not measured on both sides (the trait judge was off or had not answered)',
  );
  const len = d.replyLengths;
  lines.push(`mean words per message: supporter A ${num(len.supporter.A.meanWords)} · B ${num(len.supporter.B.meanWords)}; seeker A ${num(len.seeker.A.meanWords)} · B ${num(len.seeker.B.meanWords)}`);
  // wrap() drops leading blanks: the indent of the mix rows is put back on each of their lines.
  return lines.flatMap((line) => {
    const indent = line.startsWith(INDENT) ? INDENT : '';
    return wrap(line.slice(indent.length), Math.max(10, width - indent.length)).map((l) => indent + l);
  });
}
