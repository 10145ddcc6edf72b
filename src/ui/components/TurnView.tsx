import { Box, Text } from 'ink';
import type { LabelSource, Speaker } from '../../core/domain.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import type { Strategy } from '../../core/strategies.js';
import { useTheme } from '../theme.js';
import { StrategyBadge } from './StrategyBadge.js';

export interface TurnViewProps {
  speaker: Speaker;
  by: 'ai' | 'human';
  /** Persona name for the speaker (untrusted: persona files are user-editable). */
  name: string;
  text: string;
  strategy?: Strategy | undefined;
  labelSource?: LabelSource | undefined;
  fullBadge: boolean;
  width: number;
  /** Still streaming: a cursor marks the end, and lines hidden above are counted. */
  live?: boolean;
  hiddenLines?: number;
}

export function TurnView(props: TurnViewProps) {
  const theme = useTheme();
  const { speaker, by, name, text, strategy, labelSource, fullBadge, width, live = false, hiddenLines = 0 } = props;
  const who = by === 'human' ? `${cleanForDisplay(name)} (you)` : cleanForDisplay(name);
  return (
    <Box flexDirection="column" width={width} marginBottom={live ? 0 : 1}>
      <Box>
        <Text color={speaker === 'seeker' ? theme.seeker : theme.supporter} bold>
          {speaker === 'seeker' ? '▸ ' : '◂ '}
          {who}
        </Text>
        <Text color={theme.muted}> {speaker}</Text>
        {strategy ? (
          <Text>
            {' '}
            <StrategyBadge strategy={strategy} full={fullBadge} steered={labelSource === 'steered'} />
          </Text>
        ) : null}
      </Box>
      {hiddenLines > 0 ? <Text color={theme.muted}>  … {hiddenLines} more line{hiddenLines === 1 ? '' : 's'} above</Text> : null}
      <Box paddingLeft={2}>
        <Text wrap="wrap">
          {cleanForDisplay(text)}
          {live ? <Text color={theme.muted}>▍</Text> : null}
        </Text>
      </Box>
    </Box>
  );
}
