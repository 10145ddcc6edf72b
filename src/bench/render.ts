import { pacedReplies, pipedConversation, tuiConversation, type ConversationRun } from './conversation-runs.js';
import type { BenchOptions } from './options.js';
import type { KindStats } from './server-stats.js';
import type { Figures } from './summary.js';

/**
 * P1, P2 and P6: one conversation at a realistic pace with the app's defaults,
 * drawn by the TUI in each mode and printed by the headless run, measured from
 * outside. Ratios pair the runs of the same round, which ran minutes apart on
 * the same machine.
 */
export async function measureRendering(o: BenchOptions, figures: Figures, progress: (text: string) => void): Promise<void> {
  const replies = pacedReplies(o);
  const wantRender = o.only.has('P1') || o.only.has('P2');
  progress('headless conversation');
  const headless = await pipedConversation(o, replies);
  if (o.only.has('P6')) callsPerTurn(headless, figures);
  if (!wantRender) return;
  const byMode = new Map<string, ConversationRun>();
  for (const mode of o.modes) {
    progress(`TUI conversation, ${mode.name} mode`);
    const tui = await tuiConversation(o, mode, replies);
    if (tui.transcript.bytes !== headless.transcript.bytes) {
      progress(`note: the TUI's transcript (${tui.transcript.bytes} bytes) differs from the headless one (${headless.transcript.bytes}); figures are per transcript byte`);
    }
    byMode.set(mode.name, tui);
    const tag = `[${mode.name}]`;
    const perByte = (run: ConversationRun) => run.bytes / run.transcript.bytes;
    if (o.only.has('P1')) {
      figures.add(`P1 ${tag}`, `P1 terminal bytes per transcript byte, TUI ÷ headless ${tag}`, perByte(tui) / perByte(headless));
      figures.add(`P1 ${tag} tui`, 'TUI bytes per transcript byte', perByte(tui), { detail: true, digits: 1 });
      figures.add(`P1 ${tag} headless`, 'headless bytes per transcript byte', perByte(headless), { detail: true });
      figures.add(`P1 ${tag} frames`, 'TUI frames per turn (ESC[?2026h)', tui.frames / tui.transcript.turns, { detail: true, digits: 1 });
      figures.add(`P1 ${tag} transcript`, 'transcript', tui.transcript.bytes, { detail: true, digits: 0, unit: 'bytes' });
    }
    if (o.only.has('P2')) {
      figures.add(`P2 ${tag}`, `P2 CPU user+sys of the app process, TUI ÷ headless ${tag}`, tui.cpuSeconds / headless.cpuSeconds);
      figures.add(`P2 ${tag} tui`, 'TUI CPU', tui.cpuSeconds, { detail: true, unit: 's' });
      figures.add(`P2 ${tag} headless`, 'headless CPU', headless.cpuSeconds, { detail: true, unit: 's' });
      figures.add(`P2 ${tag} load`, 'TUI CPU over its wall time', (100 * tui.cpuSeconds * 1000) / tui.wallMs, { detail: true, unit: '% of a core', digits: 0 });
      figures.add(`P2 ${tag} wall`, 'TUI wall time, spawn to exit', tui.wallMs / 1000, { detail: true, unit: 's', digits: 1 });
    }
  }
  // The default (full screen) against --inline, per transcript byte: the budget is 2×.
  const full = byMode.get('full-screen');
  const inline = byMode.get('inline');
  if (full && inline) {
    const perByte = (run: ConversationRun) => run.bytes / run.transcript.bytes;
    const cpuPerByte = (run: ConversationRun) => run.cpuSeconds / run.transcript.bytes;
    if (o.only.has('P1')) figures.add('P1 full÷inline', 'P1 terminal bytes per transcript byte, full-screen ÷ inline', perByte(full) / perByte(inline));
    if (o.only.has('P2')) figures.add('P2 full÷inline', 'P2 CPU per transcript byte, full-screen ÷ inline', cpuPerByte(full) / cpuPerByte(inline));
  }
}

const sum = (stats: Record<string, KindStats>, kinds: string[], field: keyof KindStats) => kinds.reduce((n, k) => n + (stats[k]?.[field] ?? 0), 0);

/** P6 and token counts, from what the server received during the headless conversation. */
function callsPerTurn(run: ConversationRun, figures: Figures): void {
  const stats = run.server.byKind;
  const turns = run.transcript.turns;
  const generation = ['seeker_turn', 'supporter_turn'];
  const judgeSide = Object.keys(stats).filter((k) => !generation.includes(k));
  const per = (kinds: string[], field: keyof KindStats) => sum(stats, kinds, field) / turns;
  figures.add('P6', 'P6 model calls per turn (judge every turn, classifier on)', per([...generation, ...judgeSide], 'calls'));
  figures.add('P6 gen', 'generation calls per turn', per(generation, 'calls'), { detail: true });
  figures.add('P6 trait', 'trait judge calls per turn', per(['trait_estimate'], 'calls'), { detail: true });
  figures.add('P6 classifier', 'classifier calls per turn', per(['perceived_strategy'], 'calls'), { detail: true });
  const other = judgeSide.filter((k) => k !== 'trait_estimate' && k !== 'perceived_strategy');
  if (other.length > 0) figures.add('P6 other', `other calls per turn (${other.join(', ')})`, per(other, 'calls'), { detail: true });
  figures.add('P6 gen in', 'generation input tokens per turn', per(generation, 'promptTokens'), { detail: true, digits: 0 });
  figures.add('P6 gen out', 'generation output tokens per turn', per(generation, 'completionTokens'), { detail: true, digits: 0 });
  figures.add('P6 judge in', 'judge-side input tokens per turn', per(judgeSide, 'promptTokens'), { detail: true, digits: 0 });
  figures.add('P6 judge out', 'judge-side output tokens per turn', per(judgeSide, 'completionTokens'), { detail: true, digits: 0 });
}
