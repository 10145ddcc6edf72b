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
  /** The model is thinking before its words: "thinking… Ns" instead of text (never its reasoning). */
  thinkingMs?: number | undefined;
  /** A human supporter's message waiting for the classifier to name its strategy. */
  classifying?: boolean;
}

/** One turn as the inline transcript shows it (the full-screen one lays out the same in transcriptLines.ts). */
export function TurnView(props: TurnViewProps) {
  const theme = useTheme();
  const { speaker, by, name, text, strategy, labelSource, fullBadge, width, live = false, hiddenLines = 0, thinkingMs, classifying = false } = props;
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
            <StrategyBadge strategy={strategy} full={fullBadge} labelSource={labelSource} />
          </Text>
        ) : classifying ? (
          <Text color={theme.muted}> classifying…</Text>
        ) : null}
      </Box>
      {hiddenLines > 0 ? <Text color={theme.muted}>  … {hiddenLines} more line{hiddenLines === 1 ? '' : 's'} above</Text> : null}
      <Box paddingLeft={2}>
        {thinkingMs !== undefined && text === '' ? (
          <Text color={theme.muted}>thinking… {Math.floor(thinkingMs / 1000)}s</Text>
        ) : (
          <Text wrap="wrap">
            {cleanForDisplay(text)}
            {live && by === 'ai' ? <Text color={theme.muted}>▍</Text> : null}
          </Text>
        )}
      </Box>
    </Box>
  );
}
