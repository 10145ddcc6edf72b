import { Box, Text } from 'ink';
import { END_REASON_TEXT } from '../../app/messages.js';
import type { EndReason, PerceivedLabel, Turn } from '../../core/domain.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import { STRATEGY_SHORT } from '../../core/strategies.js';
import { strategyCounts, type InventoryDrift, type SpeakerDrift } from '../conversation/derived.js';
import { keysOf } from '../keys.js';
import { useTheme } from '../theme.js';

/** Bar length for a count, scaled so the most used strategy fills `maxWidth`. */
export function countBarWidth(count: number, maxCount: number, maxWidth: number): number {
  if (count <= 0 || maxCount <= 0) return 0;
  return Math.max(1, Math.round((count / maxCount) * maxWidth));
}

export interface EndSummaryProps {
  turns: readonly Turn[];
  reason: EndReason;
  sessionPath: string | undefined;
  /** The classifier's labels, when it ran: how often it agreed with the declared strategy. */
  perceived?: Readonly<Record<number, PerceivedLabel>>;
  /** Trait shift per speaker from the live meter, when the judge measured anything. */
  drift?: readonly SpeakerDrift[];
  width: number;
}

function driftText(label: string, d: InventoryDrift | undefined): string {
  if (!d) return '';
  const sign = d.largest.delta >= 0 ? '+' : '−';
  return `${label} ${d.meanAbs.toFixed(1)} (most: ${d.largest.label} ${sign}${Math.abs(d.largest.delta).toFixed(1)})`;
}

export function EndSummary({ turns, reason, sessionPath, perceived = {}, drift = [], width }: EndSummaryProps) {
  const theme = useTheme();
  const counts = strategyCounts(turns);
  const max = Math.max(0, ...counts.map((c) => c.count));
  const barMax = Math.max(4, Math.min(30, width - 12));
  const supporterTurns = turns.filter((t) => t.speaker === 'supporter').length;
  // A failed classification has no label: neither agreement nor disagreement.
  const compared = Object.values(perceived).filter((p) => p.declared !== undefined && !p.failed);
  const agreed = compared.filter((p) => p.agrees).length;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={width}>
      <Text bold>Conversation ended — {END_REASON_TEXT[reason]}</Text>
      <Text>
        {turns.length} turns ({turns.length - supporterTurns} seeker, {supporterTurns} supporter)
      </Text>
      {supporterTurns > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.muted}>Supporter strategies</Text>
          {counts.map(({ strategy, count }) => (
            <Text key={strategy} wrap="truncate-end">
              <Text color={theme.strategy[strategy]} bold>
                {STRATEGY_SHORT[strategy]}
              </Text>{' '}
              {String(count).padStart(3)} <Text color={theme.strategy[strategy]}>{'■'.repeat(countBarWidth(count, max, barMax))}</Text>
            </Text>
          ))}
        </Box>
      ) : null}
      {compared.length > 0 ? (
        <Text color={theme.muted}>
          Classifier agreed with the declared strategy on {agreed} of {compared.length} turns
        </Text>
      ) : null}
      {drift.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.muted}>Trait drift, mean |measured − target|</Text>
          {drift.map((d) => (
            <Text key={d.speaker} wrap="truncate-end">
              <Text color={d.speaker === 'seeker' ? theme.seeker : theme.supporter}>{cleanForDisplay(d.name)}</Text>{' '}
              {[driftText('HEXACO', d.hexaco), driftText('CSI', d.csi)].filter(Boolean).join(' · ')}
            </Text>
          ))}
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Text wrap="wrap">
          {sessionPath ? (
            <>
              Saved to <Text color={theme.accent}>{cleanForDisplay(sessionPath)}</Text>
            </>
          ) : (
            <Text color={theme.muted}>This session was not saved to disk.</Text>
          )}
        </Text>
      </Box>
      <Text color={theme.muted}>
        Press {keysOf('ended', 'home')} to go home · {keysOf('ended', 'quit')} to quit
      </Text>
    </Box>
  );
}
