import { Text } from 'ink';
import { STRATEGY_SHORT, type Strategy } from '../../core/strategies.js';
import { useTheme } from '../theme.js';

/** Full names need room; below this many columns badges use the three-letter code. */
export const FULL_BADGE_MIN_COLUMNS = 80;

export function badgeLabel(strategy: Strategy, full: boolean): string {
  return `[${full ? strategy : STRATEGY_SHORT[strategy]}]`;
}

export function StrategyBadge({ strategy, full = false, steered = false }: { strategy: Strategy; full?: boolean; steered?: boolean }) {
  const theme = useTheme();
  return (
    <Text color={theme.strategy[strategy]} bold>
      {badgeLabel(strategy, full)}
      {steered ? '*' : ''}
    </Text>
  );
}
