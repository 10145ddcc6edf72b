import { Box, Text } from 'ink';
import { memo } from 'react';
import { plural } from '../../core/text.js';
import { keysOf } from '../keys.js';
import type { StyledLine } from '../layout/styledLines.js';
import { viewWindow, type ScrollAnchor } from '../layout/transcriptView.js';
import { useTheme } from '../theme.js';
import { StyledRow } from './StyledRows.js';

export interface TranscriptViewportProps {
  /** Each turn's lines (transcriptBlocks), oldest first. */
  blocks: readonly (readonly StyledLine[])[];
  height: number;
  width: number;
  scroll: ScrollAnchor;
}

/**
 * The full-screen transcript: exactly `height` rows, following the newest line
 * unless scrolled back, when its last row says how many turns are below. While
 * following it moves two thirds of its height at a time (followTop), not once per new
 * line; rows that did not change are not rendered again.
 */
export const TranscriptViewport = memo(function TranscriptViewport({ blocks, height, width, scroll }: TranscriptViewportProps) {
  const theme = useTheme();
  const view = viewWindow(blocks, height, scroll);
  return (
    <Box flexDirection="column" height={height} width={width} flexShrink={0} overflow="hidden">
      {view.lines.map((line, i) => (
        <StyledRow key={i} line={line} />
      ))}
      {view.following ? null : (
        <Text color={theme.accent} wrap="truncate-end">
          ↓ {view.blocksBelow > 0 ? `${plural(view.blocksBelow, 'more turn')} below` : 'more below'} · {keysOf('transcript', 'page')} scroll · End: the newest
        </Text>
      )}
    </Box>
  );
});
