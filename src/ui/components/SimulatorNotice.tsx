import { Box, Text } from 'ink';
import { useScreenKeys } from '../input/KeyInput.js';
import { SIMULATOR_NOTICE } from '../../core/safety/notice.js';
import { keysOf, pressed } from '../keys.js';
import { useTheme } from '../theme.js';

/** The one-time "this is a simulator, not therapy" notice; any of Enter/Space/Esc dismisses it. */
export function SimulatorNotice({ width, onDismiss }: { width: number; onDismiss: () => void }) {
  const theme = useTheme();
  useScreenKeys(({ input, key }) => {
    if (pressed('notice', 'continue', input, key)) onDismiss();
  });
  return (
    <Box borderStyle="round" borderColor={theme.warning} paddingX={1} width={Math.min(width, 72)} flexDirection="column">
      <Text bold color={theme.warning}>
        Before you start
      </Text>
      <Text wrap="wrap">{SIMULATOR_NOTICE}</Text>
      <Text color={theme.muted}>Press {keysOf('notice', 'continue')} to continue.</Text>
    </Box>
  );
}
