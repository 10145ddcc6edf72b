import { Box, Text } from 'ink';
import { keyColumn, KeySection, type KeyHelp } from '../../components/HelpOverlay.js';
import { useTheme } from '../../theme.js';

export const REPLAY_KEYS: readonly KeyHelp[] = [
  { keys: 'space / p', action: 'pause or play' },
  { keys: 'n / →', action: 'next turn (paused: play one; playing: skip the wait)' },
  { keys: '1 2 4 0', action: 'speed ×1, ×2, ×4, instant' },
  { keys: 't', action: 'switch HEXACO / CSI' },
  { keys: 'm', action: 'show or hide the trait panel' },
  { keys: 'w', action: 'switch speaker in a narrow trait panel' },
  { keys: 'q / Esc', action: 'stop the replay' },
  { keys: '?', action: 'this help' },
];

/** The help overlay of a replay: no steering, no composer, a speed and a next-turn key. */
export function ReplayHelp({ width }: { width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={Math.min(width, 72)}>
      <KeySection title="Replay keys" keys={REPLAY_KEYS} keyWidth={keyColumn(REPLAY_KEYS)} />
      <Text color={theme.muted}>A recording: nothing is sent to a model. Press ? or Esc to close.</Text>
    </Box>
  );
}
