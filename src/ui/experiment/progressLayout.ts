import { cleanForDisplay } from '../../core/sanitize.js';
import { rates, type CellProgress, type ProgressState } from './progressState.js';

/**
 * The progress view's lines for a terminal of `columns` × `rows`, as pure text
 * with a tone per line: the header, the overall bar, the counts, the rates, the
 * cells that fit (running and unfinished ones first), and the last errors.
 */

export type Tone = 'title' | 'bar' | 'text' | 'muted' | 'danger' | 'warning';
export interface Line {
  text: string;
  tone: Tone;
}

export function bar(fraction: number, width: number): string {
  const w = Math.max(1, width);
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * w);
  return `${'█'.repeat(filled)}${'░'.repeat(w - filled)}`;
}

export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

function rate(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1);
}

/** Cells that say the most first: running, then unfinished, then done; the original order within each. */
function cellOrder(cells: readonly CellProgress[]): CellProgress[] {
  const rank = (c: CellProgress) => (c.running > 0 ? 0 : c.done + c.failed < c.total ? 1 : 2);
  return cells.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map(({ c }) => c);
}

export function progressLines(state: ProgressState, size: { columns: number; rows: number }): Line[] {
  const width = Math.max(20, size.columns);
  const lines: Line[] = [];
  const r = rates(state);
  const finishedOrFailed = state.done + state.failed;
  const count = `${state.done}/${state.total}`;
  const status = state.ended ? (state.stopped > 0 ? 'stopped' : 'done') : state.stopping ? 'stopping…' : 'running';
  lines.push({ text: fit(`Experiment ${cleanForDisplay(state.experimentId)} — ${status}`, width), tone: 'title' });
  const barWidth = Math.max(5, width - count.length - 8);
  const pct = state.total > 0 ? Math.floor((state.done / state.total) * 100) : 0;
  lines.push({ text: `${bar(state.total > 0 ? state.done / state.total : 0, barWidth)} ${count} ${String(pct).padStart(3)}%`, tone: 'bar' });
  lines.push({ text: fit(`done ${state.done} · running ${state.running.size} · failed ${state.failed}${state.stopped ? ` · stopped ${state.stopped}` : ''} · left ${Math.max(0, state.total - finishedOrFailed - state.running.size)}`, width), tone: 'text' });
  lines.push({ text: fit(`${rate(r.turnsPerSecond)} turns/s · ${rate(r.tokensPerSecond)} tokens/s · ETA ${state.ended ? '—' : duration(r.etaSeconds)} · ${duration((state.now - state.startedAt) / 1000)} so far`, width), tone: 'muted' });

  // The errors block is kept; the cells get the rows that are left.
  const messages = [...state.errors.map((e) => ({ text: e, tone: 'danger' as const })), ...state.notices.slice(-1).map((n) => ({ text: n, tone: 'warning' as const }))].slice(-3);
  const errorRows = messages.length > 0 ? messages.length + 1 : 0;
  const cellRows = Math.max(0, size.rows - lines.length - 1 - errorRows - 1);
  if (cellRows > 0 && state.cells.length > 0) {
    lines.push({ text: fit(`Cells (${state.cells.filter((c) => c.done === c.total).length}/${state.cells.length} done)`, width), tone: 'muted' });
    const shown = cellOrder(state.cells);
    const room = shown.length > cellRows - 1 ? cellRows - 2 : cellRows - 1;
    const nameWidth = Math.max(10, Math.min(48, Math.floor(width * 0.5)));
    for (const c of shown.slice(0, Math.max(0, room))) {
      const tally = `${c.done}/${c.total}${c.failed ? ` ✗${c.failed}` : ''}${c.running ? ' ▸' : ''}`;
      const cellBar = bar(c.total > 0 ? c.done / c.total : 0, Math.max(3, width - nameWidth - tally.length - 3));
      lines.push({ text: `${fit(cleanForDisplay(c.cell), nameWidth).padEnd(nameWidth)} ${cellBar} ${tally}`, tone: c.failed ? 'warning' : 'text' });
    }
    if (shown.length > room && room >= 0) lines.push({ text: fit(`… and ${shown.length - Math.max(0, room)} more cells`, width), tone: 'muted' });
  }
  if (messages.length > 0 && lines.length + messages.length + 1 <= size.rows - 1) {
    lines.push({ text: 'Last errors', tone: 'muted' });
    for (const m of messages) lines.push({ text: fit(cleanForDisplay(m.text).replace(/\s+/g, ' '), width), tone: m.tone });
  }
  return lines.slice(0, Math.max(1, size.rows - 1));
}
