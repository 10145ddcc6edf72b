import { Box, Text, useInput, useStdin, useWindowSize } from 'ink';
import { useEffect, useReducer } from 'react';
import { pressed } from '../keys.js';
import { useTheme, type Theme } from '../theme.js';
import { progressLines, type Tone } from './progressLayout.js';
import { initialProgress, progressReducer, type ProgressAction } from './progressState.js';

/** Where the view's events come from: the command feeds the run's events in, and says when Ctrl+C asked it to stop. */
export interface ProgressFeed {
  subscribe(listener: (action: ProgressAction) => void): () => void;
}

/** Clock ticks keep the rates and the ETA moving between events. */
const TICK_MS = 1000;

function colourOf(theme: Theme, tone: Tone): string | undefined {
  switch (tone) {
    case 'title':
      return theme.accent;
    case 'bar':
      return theme.success;
    case 'muted':
      return theme.muted;
    case 'danger':
      return theme.danger;
    case 'warning':
      return theme.warning;
    default:
      return undefined;
  }
}

/**
 * `onInterrupt`: Ctrl+C, read as a key. The terminal is in raw mode while the view
 * is up, so Ctrl+C arrives here rather than as a SIGINT.
 */
export function ExperimentView({ feed, now = Date.now, onInterrupt }: { feed: ProgressFeed; now?: () => number; onInterrupt?: () => void }) {
  const theme = useTheme();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      if (pressed('app', 'quit', input, key)) onInterrupt?.();
    },
    { isActive: Boolean(onInterrupt) && isRawModeSupported },
  );
  const { columns, rows } = useWindowSize();
  const [state, dispatch] = useReducer(progressReducer, undefined, () => initialProgress(now()));
  useEffect(() => feed.subscribe(dispatch), [feed]);
  useEffect(() => {
    if (state.ended) return;
    const timer = setInterval(() => dispatch({ type: 'tick', at: now() }), TICK_MS);
    return () => clearInterval(timer);
  }, [state.ended, now]);
  const lines = progressLines(state, { columns, rows });
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" color={colourOf(theme, line.tone)} bold={line.tone === 'title'}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
