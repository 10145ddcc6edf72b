import { Box, Text } from 'ink';
import { CRISIS_HELP } from '../../core/safety.js';
import { useTheme } from '../theme.js';

/** Shown once a typed seeker message reads like a crisis; it stays, it never blocks. */
export function CrisisBanner({ width }: { width: number }) {
  const theme = useTheme();
  return (
    <Box borderStyle="double" borderColor={theme.danger} paddingX={1} width={width} flexDirection="column">
      <Text color={theme.danger} bold>
        ! If you are in crisis, please get help now
      </Text>
      <Text wrap="wrap">{CRISIS_HELP}</Text>
    </Box>
  );
}
