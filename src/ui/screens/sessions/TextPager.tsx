import { Box, Text } from 'ink';
import { keysOf } from '../../keys.js';
import { useTheme, type Theme } from '../../theme.js';
import type { DetailLine, LineRole } from './detailLines.js';

function colourOf(role: LineRole, theme: Theme): string | undefined {
  switch (role) {
    case 'title':
      return theme.accent;
    case 'seeker':
      return theme.seeker;
    case 'supporter':
      return theme.supporter;
    case 'meta':
    case 'muted':
      return theme.muted;
    case 'text':
      return undefined;
  }
}

export interface TextPagerProps {
  lines: readonly DetailLine[];
  scroll: number;
  rows: number;
  width: number;
}

/** A window of `rows` lines from `scroll`, with a position line when there is more than fits. */
export function TextPager({ lines, scroll, rows, width }: TextPagerProps) {
  const theme = useTheme();
  const more = lines.length > rows;
  const body = more ? Math.max(1, rows - 1) : rows;
  const shown = lines.slice(scroll, scroll + body);
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((line, i) => (
        <Text key={scroll + i} color={colourOf(line.role, theme)} bold={line.role === 'title' || line.role === 'seeker' || line.role === 'supporter'} wrap="truncate-end">
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
      {more ? (
        <Text color={theme.muted}>
          lines {scroll + 1}–{Math.min(lines.length, scroll + body)} of {lines.length} · {keysOf('session', 'scroll', 'show')} scroll
        </Text>
      ) : null}
    </Box>
  );
}

/** The largest useful scroll offset for a pager of `rows`. */
export function maxScroll(lineCount: number, rows: number): number {
  if (lineCount <= rows) return 0;
  return lineCount - Math.max(1, rows - 1);
}
