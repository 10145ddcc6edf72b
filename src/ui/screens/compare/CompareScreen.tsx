import { Box, Text, useWindowSize } from 'ink';
import { useMemo } from 'react';
import { sideLabels, type Comparison } from '../../../app/compare.js';
import type { ComparisonSide, ForkChange } from '../../../core/domain.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { FULL_BADGE_MIN_COLUMNS } from '../../components/badgeText.js';
import { TranscriptViewport } from '../../components/TranscriptViewport.js';
import { compareLayout, type CompareLayout } from '../../compare/compareLayout.js';
import { bothEnded, type CompareState } from '../../compare/compareState.js';
import { divergenceLines } from '../../compare/divergenceLines.js';
import { mixBar, mixCounts, strategyMix, traitReading } from '../../compare/stripText.js';
import { useComparison } from '../../compare/useComparison.js';
import type { ConversationState } from '../../conversation/state.js';
import { useDisplay } from '../../display.js';
import { useScreenKeys } from '../../input/KeyInput.js';
import { footer, pressed } from '../../keys.js';
import { transcriptBlocks } from '../../layout/transcriptLines.js';
import { useTheme } from '../../theme.js';

export interface CompareScreenProps {
  comparison: Comparison;
  /** What side B has that side A has not: names the sides. */
  changes: readonly ForkChange[];
  turnCap?: number;
  deltaFlushMs?: number;
  /** settings.judgeCadence (0: the trait strip says the judge is off). */
  judgeCadence?: number;
  /** A saved comparison played back (no model is asked): the title says so. */
  replay?: boolean;
  /** Nothing plays until n (a turn of each side) or space: presenter mode. */
  startPaused?: boolean;
  onExit(): void;
}

const SIDES = ['A', 'B'] as const;

function sideStatus(s: ConversationState): string {
  const turn = `turn ${s.turns.length}${s.turnCap ? `/${s.turnCap}` : ''}`;
  if (s.error) return `${turn} · error`;
  if (s.status === 'ended') return `${turn} · ended`;
  if (s.paused) return `${turn} · paused`;
  return `${turn} · ${s.status === 'starting' ? 'starting' : 'live'}`;
}

/**
 * Two conversations side by side, live: each side's transcript with its
 * strategy badges, and under them the strategy mix so far as two bars and the
 * two supporters' latest trait readings; once both have ended, where they
 * diverged. From 100 columns in two columns; below, stacked, or one side at a
 * time (Tab).
 */
export function CompareScreen({ comparison, changes, turnCap, deltaFlushMs, judgeCadence, replay = false, startPaused = false, onExit }: CompareScreenProps) {
  const theme = useTheme();
  const { fullScreen } = useDisplay();
  const { columns, rows } = useWindowSize();
  const [state, dispatch, latest] = useComparison(comparison, { ...(deltaFlushMs !== undefined ? { deltaFlushMs } : {}), ...(turnCap !== undefined ? { turnCap } : {}), paused: startPaused });
  const labels = useMemo(() => sideLabels(changes), [changes]);
  const ended = bothEnded(state);

  useScreenKeys(({ input, key }) => {
    const now = latest.current;
    if (bothEnded(now)) {
      if (pressed('compareEnded', 'home', input, key)) onExit();
      else if (pressed('compareEnded', 'switch', input, key)) dispatch({ type: 'switch-view' });
      return;
    }
    if (pressed('compare', 'switch', input, key)) dispatch({ type: 'switch-view' });
    else if (pressed('compare', 'pause', input, key)) {
      if (now.paused) comparison.resume();
      else comparison.pause();
      dispatch({ type: 'paused', paused: !now.paused });
    } else if (pressed('compare', 'step', input, key)) {
      if (now.paused) comparison.step();
    } else if (pressed('compare', 'stop', input, key)) comparison.stop();
  });

  const finding = ended && state.divergence ? ['Where they diverged', ...divergenceLines(state.divergence, Math.max(20, columns - 3))] : undefined;
  const layout = compareLayout(columns, rows, state.view, finding ? { stripRows: Math.min(finding.length, Math.floor(rows / 2)) } : {});

  const pane = (side: ComparisonSide) => <Pane key={side} side={side} state={state.sides[side]} label={labels[side]} layout={layout} />;
  const panes =
    layout.arrangement === 'columns' ? (
      <Box flexDirection="row" flexShrink={0}>
        {pane('A')}
        <Box width={3} flexShrink={0} flexDirection="column">
          <Text color={theme.muted}>{Array.from({ length: layout.paneRows.A + 1 }, () => ' │ ').join('\n')}</Text>
        </Box>
        {pane('B')}
      </Box>
    ) : (
      <Box flexDirection="column" flexShrink={0}>
        {SIDES.filter((side) => layout.paneRows[side] > 0).map(pane)}
      </Box>
    );

  const title = `${replay ? 'REPLAY · ' : ''}Side by side · A: ${labels.A} · B: ${labels.B}`;
  const stateWord = ended ? 'both ended' : state.paused ? 'paused' : 'live';
  return (
    <Box flexDirection="column" width={layout.width} {...(fullScreen ? { height: rows, overflow: 'hidden' as const } : {})}>
      <Text bold color={theme.accent} wrap="truncate-end">
        {cleanForDisplay(title)}
      </Text>
      {panes}
      {finding ? (
        <Box flexDirection="column" flexShrink={0} height={layout.stripRows} overflow="hidden">
          <Text bold>{finding[0]}</Text>
          <Text>{finding.slice(1, layout.stripRows).join('\n')}</Text>
        </Box>
      ) : (
        <Strip state={state} width={layout.width} rows={layout.stripRows} judgeOff={judgeCadence === 0} />
      )}
      <Text wrap="truncate-end">
        <Text bold color={ended ? theme.muted : state.paused ? theme.warning : theme.success}>
          {stateWord}
        </Text>
        <Text color={theme.muted}>
          {' · '}A {sideStatus(state.sides.A)} · B {sideStatus(state.sides.B)}
          {state.linkPath ? ` · saved ${cleanForDisplay(state.linkPath)}` : ''}
        </Text>
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {footer(ended ? 'compareEnded' : 'compare', undefined, layout.width)}
      </Text>
    </Box>
  );
}

function Pane({ side, state, label, layout }: { side: ComparisonSide; state: ConversationState; label: string; layout: CompareLayout }) {
  const theme = useTheme();
  const height = layout.paneRows[side];
  const names = useMemo(
    () => ({ seeker: state.header?.personas.seeker.name ?? 'Seeker', supporter: state.header?.personas.supporter.name ?? 'Supporter' }),
    [state.header],
  );
  const blocks = transcriptBlocks({ turns: state.turns, sent: state.sent, live: state.live }, { width: layout.paneWidth, fullBadge: layout.paneWidth >= FULL_BADGE_MIN_COLUMNS, names });
  const note = state.error ? `✖ ${state.error.message}` : state.notices.at(-1)?.message;
  return (
    <Box flexDirection="column" width={layout.paneWidth} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold inverse color={side === 'A' ? theme.accent : theme.human}>
          {` ${side} `}
        </Text>
        <Text bold> {cleanForDisplay(names.supporter)}</Text>
        <Text color={theme.muted}> · {cleanForDisplay(label)}</Text>
        {note ? <Text color={state.error ? theme.danger : theme.muted}> · {cleanForDisplay(note)}</Text> : null}
      </Text>
      <TranscriptViewport blocks={blocks} height={height} width={layout.paneWidth} scroll="follow" />
    </Box>
  );
}

/** The strategy mix so far as two bars, and the two supporters' latest trait readings. */
function Strip({ state, width, rows, judgeOff }: { state: CompareState; width: number; rows: number; judgeOff: boolean }) {
  const theme = useTheme();
  if (rows < 2) return null;
  const barWidth = Math.max(6, Math.min(24, Math.floor(width / 4)));
  const line = (side: ComparisonSide) => {
    const mix = strategyMix(state.sides[side].turns);
    const bar = mixBar(mix, barWidth);
    const used = bar.reduce((n, b) => n + b.cells, 0);
    return (
      <Text key={side} wrap="truncate-end">
        {`  ${side} `}
        {bar.map((b) => (
          <Text key={b.strategy} color={theme.strategy[b.strategy]}>
            {'█'.repeat(b.cells)}
          </Text>
        ))}
        <Text color={theme.muted}>{'·'.repeat(barWidth - used)}</Text> {mixCounts(mix)}
      </Text>
    );
  };
  const trait = (side: ComparisonSide) => (
    <Text key={`t${side}`} wrap="truncate-end">
      {`  ${side} `}
      {traitReading(state.sides[side].measured.supporter, judgeOff)}
    </Text>
  );
  const all = [
    <Text key="mix" color={theme.muted} wrap="truncate-end">
      Strategy mix so far
    </Text>,
    line('A'),
    line('B'),
    <Text key="traits" color={theme.muted} wrap="truncate-end">
      Supporters' traits, latest reading (HEXACO)
    </Text>,
    trait('A'),
    trait('B'),
  ];
  return (
    <Box flexDirection="column" flexShrink={0}>
      {rows >= 6 ? all : rows >= 4 ? [all[1], all[2], all[4], all[5]] : [all[1], all[2]]}
    </Box>
  );
}
