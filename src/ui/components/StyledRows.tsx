import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Strategy } from '../../core/strategies.js';
import type { StyledLine, Tone } from '../layout/styledLines.js';
import { useTheme, type Theme } from '../theme.js';

export function toneColor(theme: Theme, tone: Tone | undefined): string | undefined {
  if (tone === undefined || tone === 'plain') return undefined;
  if (tone.startsWith('strategy:')) return theme.strategy[tone.slice('strategy:'.length) as Strategy];
  return theme[tone as Exclude<Tone, 'plain' | `strategy:${string}`>];
}

/**
 * One laid-out line. Memoized: lines of finished turns are the same objects frame
 * after frame, so only rows whose line changed are rendered again. An empty line
 * is a space, so it still takes its row.
 */
export const StyledRow = memo(function StyledRow({ line }: { line: StyledLine }) {
  const theme = useTheme();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((span, i) => (
        <Text key={i} color={toneColor(theme, span.tone)} bold={span.bold === true}>
          {span.text}
        </Text>
      ))}
    </Text>
  );
});

/** Lines one under the other, exactly as laid out (they are already no wider than the box). */
export function StyledRows({ lines, width }: { lines: readonly StyledLine[]; width?: number }) {
  return (
    <Box flexDirection="column" {...(width !== undefined ? { width } : {})}>
      {lines.map((line, i) => (
        <StyledRow key={i} line={line} />
      ))}
    </Box>
  );
}
