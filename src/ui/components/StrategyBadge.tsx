import { Text } from 'ink';
import type { LabelSource } from '../../core/domain.js';
import type { Strategy } from '../../core/strategies.js';
import { useTheme } from '../theme.js';
import { badgeLabel, badgeMarks } from './badgeText.js';

export { badgeLabel, FULL_BADGE_MIN_COLUMNS } from './badgeText.js';

export function StrategyBadge({ strategy, full = false, labelSource }: { strategy: Strategy; full?: boolean; labelSource?: LabelSource | undefined }) {
  const theme = useTheme();
  return (
    <Text color={theme.strategy[strategy]} bold>
      {badgeLabel(strategy, full)}
      {badgeMarks(labelSource)}
    </Text>
  );
}
