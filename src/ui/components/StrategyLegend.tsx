import { Box, Text } from 'ink';
import { STRATEGIES, STRATEGY_SHORT } from '../../core/strategies.js';
import { useTheme } from '../theme.js';

/** The code → name key for the badges; wraps to as many rows as the width needs. */
export function StrategyLegend({ width }: { width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="row" flexWrap="wrap" width={width}>
      {STRATEGIES.map((s) => (
        <Box key={s} marginRight={2}>
          <Text color={theme.strategy[s]} bold>
            {STRATEGY_SHORT[s]}
          </Text>
          <Text color={theme.muted}> {s}</Text>
        </Box>
      ))}
    </Box>
  );
}
