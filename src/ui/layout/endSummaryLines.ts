import { END_REASON_TEXT } from '../../app/messages.js';
import type { EndReason, PerceivedLabel, Turn } from '../../core/domain.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import { STRATEGY_SHORT } from '../../core/strategies.js';
import { strategyCounts, type InventoryDrift, type SpeakerDrift } from '../conversation/derived.js';
import { line, strategyTone, type StyledLine } from './styledLines.js';
import { wrapForScreen } from './transcriptLines.js';

/** Bar length for a count, scaled so the most used strategy fills `maxWidth`. */
export function countBarWidth(count: number, maxCount: number, maxWidth: number): number {
  if (count <= 0 || maxCount <= 0) return 0;
  return Math.max(1, Math.round((count / maxCount) * maxWidth));
}

export interface EndSummaryInput {
  turns: readonly Turn[];
  reason: EndReason;
  sessionPath: string | undefined;
  /** The classifier's labels, when it ran: how often it agreed with the declared strategy. */
  perceived?: Readonly<Record<number, PerceivedLabel>>;
  /** Trait shift per speaker from the live meter, when the judge measured anything. */
  drift?: readonly SpeakerDrift[];
  /** What leaving says: "Press Enter or q to go home". */
  leave: string;
  /** The judge's last labels and readings may still arrive (they fill in above). */
  judgeFinishing?: boolean;
}

function driftText(label: string, d: InventoryDrift | undefined): string {
  if (!d) return '';
  const sign = d.largest.delta >= 0 ? '+' : '−';
  return `${label} ${d.meanAbs.toFixed(1)} (most: ${d.largest.label} ${sign}${Math.abs(d.largest.delta).toFixed(1)})`;
}

/** Said while a finished conversation waits for the judge (at most a minute; what is left then stays pending for measure). */
export const JUDGE_FINISHING = 'The judge is finishing its last labels and readings; they fill in here. If you quit first, persona-talks measure finishes them.';

const cut = (text: string, width: number) => (Array.from(text).length <= width ? text : `${Array.from(text).slice(0, Math.max(0, width - 1)).join('')}…`);

/**
 * The end of a conversation as lines no wider than `width`: why it ended, the
 * strategy mix, the classifier's agreement, the trait drift, where it was saved
 * and how to leave. A full screen shows a window of them when they do not fit.
 */
export function endSummaryLines(input: EndSummaryInput, width: number): StyledLine[] {
  const { turns, reason, sessionPath, perceived = {}, drift = [] } = input;
  const w = Math.max(20, width);
  const counts = strategyCounts(turns);
  const max = Math.max(0, ...counts.map((c) => c.count));
  const barMax = Math.max(4, Math.min(30, w - 8));
  const supporterTurns = turns.filter((t) => t.speaker === 'supporter').length;
  // A failed classification has no label: neither agreement nor disagreement.
  const compared = Object.values(perceived).filter((p) => p.declared !== undefined && !p.failed);
  const agreed = compared.filter((p) => p.agrees).length;
  const lines: StyledLine[] = [];
  const wrapped = (text: string, tone?: Parameters<typeof line>[1]) => {
    for (const part of wrapForScreen(text, w)) lines.push(line(part, tone));
  };
  wrapped(`Conversation ended — ${END_REASON_TEXT[reason]}`, undefined);
  lines[0] = [{ ...lines[0]![0]!, bold: true }];
  wrapped(`${turns.length} turns (${turns.length - supporterTurns} seeker, ${supporterTurns} supporter)`);
  if (supporterTurns > 0) {
    lines.push([], line('Supporter strategies', 'muted'));
    for (const { strategy, count } of counts) {
      lines.push([
        { text: STRATEGY_SHORT[strategy], tone: strategyTone(strategy), bold: true },
        { text: ` ${String(count).padStart(3)} ` },
        { text: '■'.repeat(countBarWidth(count, max, barMax)), tone: strategyTone(strategy) },
      ]);
    }
  }
  if (compared.length > 0) wrapped(`Classifier agreed with the declared strategy on ${agreed} of ${compared.length} turns`, 'muted');
  if (drift.length > 0) {
    lines.push([], line('Trait drift, mean |measured − target|', 'muted'));
    for (const d of drift) {
      const name = cut(cleanForDisplay(d.name), Math.max(8, Math.floor(w / 3)));
      const rest = ` ${[driftText('HEXACO', d.hexaco), driftText('CSI', d.csi)].filter(Boolean).join(' · ')}`;
      lines.push([{ text: name, tone: d.speaker }, { text: cut(rest, w - Array.from(name).length) }]);
    }
  }
  if (input.judgeFinishing) lines.push([], ...wrapForScreen(JUDGE_FINISHING, w).map((part) => line(part, 'muted')));
  lines.push([]);
  if (sessionPath) {
    const parts = wrapForScreen(`Saved to ${cleanForDisplay(sessionPath)}`, w);
    parts.forEach((part, i) => lines.push(i === 0 ? [{ text: 'Saved to ' }, { text: part.slice('Saved to '.length), tone: 'accent' }] : line(part, 'accent')));
  } else {
    wrapped('This session was not saved to disk.', 'muted');
  }
  wrapped(input.leave, 'muted');
  return lines;
}
