import { END_REASON_TEXT } from '../app/messages.js';
import type { ComparisonEvent, Divergence } from '../app/compare.js';
import type { ComparisonSide, SessionHeader, Turn } from '../core/domain.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { STRATEGIES, STRATEGY_SHORT } from '../core/strategies.js';
import { plural } from '../core/text.js';
import { chalkFor, paintWith, type Paint } from './colours.js';
import type { Write } from './run-printers.js';

/**
 * Two conversations in one stream of text: each finished turn is one paragraph,
 * its first line prefixed with the side (A, B, or AB for a turn both sides share),
 * so the two interleave in the order they happen and stay readable in a pipe.
 * Notices and errors go to stderr with the side in front.
 */
export function createComparisonTextPrinter(
  out: Write,
  err: Write,
  options: { sharedTurns: number },
  paint: { out: Paint; err: Paint } = { out: paintWith(chalkFor('stdout')), err: paintWith(chalkFor('stderr')) },
) {
  const headers: Partial<Record<ComparisonSide, SessionHeader>> = {};
  const sharedShown = new Set<number>();
  const tag = (side: ComparisonSide | 'AB') => side.padEnd(2);
  const turnLine = (side: ComparisonSide | 'AB', header: SessionHeader, turn: Turn) => {
    const name = cleanForDisplay(header.personas[turn.speaker].name);
    const label = turn.strategy ? ` ${paint.out.strategy(turn.strategy, `[${turn.strategy}]`)}` : '';
    const goodbye = turn.closes ? ' (says goodbye)' : '';
    out(`${tag(side)} [${turn.index + 1}] ${paint.out.speaker(turn.speaker, name)} (${turn.speaker})${label}: ${cleanForDisplay(turn.text)}${goodbye}\n\n`);
  };
  return (e: ComparisonEvent): void => {
    if (e.type === 'linked') {
      if (e.path) out(`Comparison saved: ${cleanForDisplay(e.path)}\n\n`);
      return;
    }
    if (e.type === 'compared') {
      out(renderDivergence(e.divergence));
      return;
    }
    const { side, event } = e;
    switch (event.type) {
      case 'session-started': {
        headers[side] = event.header;
        const h = event.header;
        const model = h.models.supporter.model;
        out(
          `${tag(side)} ${cleanForDisplay(h.personas.seeker.name)} (seeker) with ${cleanForDisplay(h.personas.supporter.name)} (supporter, ${cleanForDisplay(h.personas.supporter.id)}) · ` +
            `${h.condition} · ${h.engine} engine · ${cleanForDisplay(model)}${event.path ? ` · ${cleanForDisplay(event.path)}` : ''}\n`,
        );
        if (side === 'B') out('\n');
        break;
      }
      case 'turn-finished': {
        const header = headers[side];
        if (!header) break;
        if (event.turn.index < options.sharedTurns) {
          if (!sharedShown.has(event.turn.index)) turnLine('AB', header, event.turn);
          sharedShown.add(event.turn.index);
        } else turnLine(side, header, event.turn);
        break;
      }
      case 'refusal':
        err(`${tag(side)} ${paint.err.warning('refusal')}: the ${event.role} model (${cleanForDisplay(event.model)}) ${event.reason}\n`);
        break;
      case 'notice':
        err(`${tag(side)} ${event.level === 'warn' ? paint.err.warning('warning') : paint.err.muted('note')}: ${cleanForDisplay(event.message)}\n`);
        break;
      case 'error':
        err(`${tag(side)} ${paint.err.danger('error')}: ${cleanForDisplay(event.message)}\n`);
        break;
      case 'ended':
        out(`${tag(side)} ended after ${plural(event.turns, 'turn')} because ${END_REASON_TEXT[event.reason]}.\n`);
        break;
      default:
        break;
    }
  };
}

/** One JSON object per line: each side's events with a `side` field, the link as `comparison`, the summary as `divergence`. */
export function createComparisonNdjsonPrinter(out: Write) {
  return (e: ComparisonEvent): void => {
    if (e.type === 'side') out(`${JSON.stringify({ side: e.side, ...e.event })}\n`);
    else if (e.type === 'linked') out(`${JSON.stringify({ ...e.link, ...(e.path ? { path: e.path } : {}) })}\n`);
    else out(`${JSON.stringify({ type: 'divergence', ...e.divergence })}\n`);
  };
}

const num = (n: number, digits = 1) => n.toFixed(digits);
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${num(Math.abs(n))}`;

function mixLine(counts: Record<string, number>): string {
  const used = STRATEGIES.filter((s) => (counts[s] ?? 0) > 0);
  return used.length === 0 ? '(no labelled supporter turns)' : used.map((s) => `${STRATEGY_SHORT[s]} ${counts[s]}`).join(' · ');
}

/** Where the two sides went apart, as the closing paragraph of a headless compare or replay. */
export function renderDivergence(d: Divergence): string {
  const lines = ['', 'Where they diverged'];
  const shared = d.sharedTurns > 0 ? ` (both start with the same ${d.sharedTurns === 1 ? 'turn' : `${d.sharedTurns} turns`})` : '';
  lines.push(`  turns: A ${d.turns.A} · B ${d.turns.B}${shared}`);
  lines.push(`  first different words: ${d.firstDifferentText !== undefined ? `turn ${d.firstDifferentText + 1}` : 'none — every turn both have is the same'}`);
  const s = d.firstDifferentStrategy;
  lines.push(`  first different strategy: ${s ? `turn ${s.index + 1} (A ${s.A}, B ${s.B})` : 'none — the supporters never used different strategies at the same turn'}`);
  const js = d.strategyMix.jensenShannon;
  lines.push(`  strategy mix: ${js ? `Jensen–Shannon divergence ${num(js.divergence, 3)} bits (0 = same mix, 1 = nothing in common)` : `not comparable: ${d.strategyMix.notComputable ?? 'no labelled turns'}`}`);
  lines.push(`    A  ${mixLine(d.strategyMix.A)}`);
  lines.push(`    B  ${mixLine(d.strategyMix.B)}`);
  const compared = d.traits.filter((t) => t.difference !== undefined);
  if (compared.length > 0) {
    lines.push('  supporter traits as measured, B − A (the given values in brackets):');
    for (const scale of ['hexaco', 'csi'] as const) {
      const rows = compared.filter((t) => t.scale === scale);
      if (rows.length > 0) lines.push(`    ${scale === 'hexaco' ? 'HEXACO' : 'CSI'}`);
      for (const t of rows) {
        const given = t.target && (t.target.A !== undefined || t.target.B !== undefined) ? ` [${t.target.A ?? '–'}, ${t.target.B ?? '–'}]` : '';
        lines.push(`      ${t.name.padEnd(28)} ${signed(t.difference!).padStart(5)}   A ${num(t.A!)}, B ${num(t.B!)}${given}`);
      }
    }
  } else lines.push('  supporter traits: not measured on both sides (the trait judge was off or had not answered)');
  const len = d.replyLengths;
  lines.push(
    `  mean words per message: supporter A ${num(len.supporter.A.meanWords)} · B ${num(len.supporter.B.meanWords)}; ` +
      `seeker A ${num(len.seeker.A.meanWords)} · B ${num(len.seeker.B.meanWords)}`,
  );
  return `${lines.join('\n')}\n`;
}
