import { STRATEGIES, STRATEGY_SHORT } from '../../core/strategies.js';
import { helpRows, keysOf, type KeyContext } from '../keys.js';
import { line, strategyTone, type Span, type StyledLine } from '../layout/styledLines.js';
import { wrapForScreen } from '../layout/transcriptLines.js';
import { BADGE_MARKS } from './badgeText.js';
import { PANEL_CHROME, PanelBox } from './PanelBox.js';

export interface HelpSection {
  title: string;
  context: KeyContext;
  /** Keys of the context that do nothing on this screen now (by their name in the key table). */
  omit?: readonly string[];
}

/** The conversation's help: its keys, the transcript's, and the composer's for when it is the user's turn. */
export const CONVERSATION_HELP: readonly HelpSection[] = [
  { title: 'Conversation keys', context: 'conversation' },
  { title: 'Scrolling the transcript', context: 'transcript' },
  { title: 'When it is your turn', context: 'composer' },
];

/** A replay's help: no steering, no composer; a speed and a next-turn key. */
export const REPLAY_HELP: readonly HelpSection[] = [
  { title: 'Replay keys', context: 'replay' },
  { title: 'Scrolling the transcript', context: 'transcript' },
];

/** Keys padded to one column, their action wrapped beside them. */
export function helpLines(sections: readonly HelpSection[], width: number, note?: string): StyledLine[] {
  const rows = sections.map((section) => helpRows(section.context, section.omit));
  const keyWidth = Math.min(Math.max(...rows.flat().map((row) => row.keys.length)) + 2, Math.floor(width / 2));
  const lines: StyledLine[] = [];
  sections.forEach((section, i) => {
    lines.push(line(section.title, undefined, true));
    for (const row of rows[i]!) {
      const parts = wrapForScreen(row.action, Math.max(8, width - keyWidth));
      parts.forEach((part, j) => lines.push([{ text: (j === 0 ? row.keys : '').padEnd(keyWidth), tone: 'accent' }, { text: part }]));
    }
  });
  for (const part of wrapForScreen(`${note ? `${note} ` : ''}Press ${keysOf('helpOverlay', 'close')} to close.`, width)) lines.push(line(part, 'muted'));
  return lines;
}

/** The badge codes and marks, as many to a line as fit. */
export function legendLines(width: number): StyledLine[] {
  const items: Span[][] = STRATEGIES.map((s) => [{ text: STRATEGY_SHORT[s], tone: strategyTone(s), bold: true }, { text: ` ${s}`, tone: 'muted' }]);
  items.push([{ text: BADGE_MARKS.steered, bold: true }, { text: ' you asked for it', tone: 'muted' }]);
  items.push([{ text: BADGE_MARKS.perceived, bold: true }, { text: ' named by the classifier', tone: 'muted' }]);
  const lines: StyledLine[] = [];
  let current: Span[] = [];
  let used = 0;
  for (const item of items) {
    const len = item.reduce((n, s) => n + Array.from(s.text).length, 0);
    if (current.length > 0 && used + 2 + len > width) {
      lines.push(current);
      current = [];
      used = 0;
    }
    if (current.length > 0) {
      current.push({ text: '  ' });
      used += 2;
    }
    current.push(...item);
    used += len;
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

export interface HelpOverlayProps {
  sections: readonly HelpSection[];
  note?: string;
  width: number;
  /** Add the badge legend (the conversation's help). */
  legend?: boolean;
  height?: number | undefined;
  scroll?: number;
}

/** The help, written from the key table: one section per context, the legend under it. */
export function HelpOverlay({ sections, note, width, legend = false, height, scroll }: HelpOverlayProps) {
  const w = Math.min(width, 80);
  const inner = w - PANEL_CHROME.columns;
  const lines = [...helpLines(sections, inner, note), ...(legend ? [[], ...legendLines(inner)] : [])];
  return <PanelBox lines={lines} width={w} height={height} scroll={scroll ?? 0} border="accent" />;
}
