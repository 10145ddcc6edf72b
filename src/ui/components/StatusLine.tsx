import { Box, Text } from 'ink';
import type { ConversationState } from '../conversation/state.js';
import { STATUS_SEPARATOR, statusSegments, type StatusSegment } from '../layout/statusSegments.js';
import { useTheme, type Theme } from '../theme.js';

function colourOf(segment: StatusSegment, theme: Theme, state: ConversationState): string | undefined {
  if (segment.role === 'state') {
    if (state.error) return theme.danger;
    if (state.status === 'awaiting-human') return theme.human;
    if (state.status === 'paused') return theme.warning;
    if (state.status === 'ended') return theme.muted;
    return theme.success;
  }
  if (segment.role === 'warning') return theme.warning;
  if (segment.role === 'muted') return theme.muted;
  return undefined;
}

/** One line: state, a stalled stream, turn n/N, steer target, tokens, last latency, models — trimmed to fit. */
export function StatusLine({ state, width, stalledSeconds }: { state: ConversationState; width: number; stalledSeconds?: number | undefined }) {
  const theme = useTheme();
  const segments = statusSegments(state, width, stalledSeconds);
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        {segments.map((segment, i) => (
          <Text key={i}>
            {i > 0 ? <Text color={theme.muted}>{STATUS_SEPARATOR}</Text> : null}
            <Text color={colourOf(segment, theme, state)} bold={segment.role === 'state'}>
              {segment.text}
            </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
