import { Box, Text } from 'ink';
import type { StyledLine } from '../layout/styledLines.js';
import { useTheme } from '../theme.js';
import { StyledRow } from './StyledRows.js';

/** Columns a panel's border and padding take: its lines are laid out this much narrower. */
export const PANEL_CHROME = { columns: 4, rows: 2 } as const;

/** The rows of `count` lines a panel `height` rows tall shows, and how far it can scroll. */
export function panelWindow(count: number, height: number | undefined, scroll: number): { start: number; end: number; below: number; maxScroll: number } {
  if (height === undefined || count <= height - PANEL_CHROME.rows) return { start: 0, end: count, below: 0, maxScroll: 0 };
  const rows = Math.max(1, height - PANEL_CHROME.rows - 1); // one row says what is below
  const maxScroll = Math.max(0, count - rows);
  const start = Math.min(Math.max(0, scroll), maxScroll);
  return { start, end: start + rows, below: count - start - rows, maxScroll };
}

export interface PanelBoxProps {
  lines: readonly StyledLine[];
  width: number;
  /** At most this many rows, border included; more lines scroll (↑↓). Unset: as tall as its lines. */
  height?: number | undefined;
  scroll?: number;
  border: 'accent' | 'warning' | 'danger';
  /** What the marker row names as the scroll keys. */
  scrollKeys?: string;
}

/** A bordered panel of laid-out lines (the end summary, the help, a report), scrolled when it does not fit. */
export function PanelBox({ lines, width, height, scroll = 0, border, scrollKeys = '↑↓' }: PanelBoxProps) {
  const theme = useTheme();
  const view = panelWindow(lines.length, height, scroll);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme[border]} paddingX={1} width={width} flexShrink={0}>
      {lines.slice(view.start, view.end).map((line, i) => (
        <StyledRow key={i} line={line} />
      ))}
      {view.end < lines.length || view.start > 0 ? (
        <Text color={theme.muted} wrap="truncate-end">
          {view.below > 0 ? `↓ ${view.below} more line${view.below === 1 ? '' : 's'}` : '↑ the start is above'} · {scrollKeys} scroll
        </Text>
      ) : null}
    </Box>
  );
}
