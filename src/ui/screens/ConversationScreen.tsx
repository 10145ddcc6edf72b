import { Box, Text, useWindowSize } from 'ink';
import { useMemo } from 'react';
import type { Conversation } from '../../core/engine/types.js';
import type { Persona } from '../../core/personas/schema.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import type { Mode } from '../../core/domain.js';
import type { Strategy } from '../../core/strategies.js';
import { Composer } from '../components/Composer.js';
import { CrisisBanner } from '../components/CrisisBanner.js';
import { traitDrift } from '../conversation/derived.js';
import { EndSummary } from '../components/EndSummary.js';
import { CONVERSATION_HELP, HelpOverlay, REPLAY_HELP } from '../components/HelpOverlay.js';
import { StatusLine } from '../components/StatusLine.js';
import { FULL_BADGE_MIN_COLUMNS } from '../components/StrategyBadge.js';
import { StrategyLegend } from '../components/StrategyLegend.js';
import { StrategyPicker } from '../components/StrategyPicker.js';
import { TraitPanel } from '../components/TraitPanel.js';
import { Transcript } from '../components/Transcript.js';
import { useConversation } from '../conversation/useConversation.js';
import { liveLinesBudget, traitPanelFits } from '../layout/screenBudget.js';
import { footer, keysOf } from '../keys.js';
import { useTheme } from '../theme.js';
import { speedLabel } from '../../core/sessions/replay-timing.js';
import { useReplayKeys } from './sessions/useReplayKeys.js';
import { useConversationKeys, type ExitTarget } from './useConversationKeys.js';

export interface ConversationScreenProps {
  conversation: Conversation;
  mode: Mode;
  /** Known before the session header arrives, so names and targets show from the first frame. */
  personas?: { seeker: Persona; supporter: Persona };
  turnCap?: number;
  onExit: (to: ExitTarget) => void;
  deltaFlushMs?: number;
  /** The conversation is a recorded session played back (replaySession): no steering, speed keys, REPLAY in the status line. */
  replay?: boolean;
  /** The trait judge's cadence (settings.judgeCadence): 0 means off, and the trait panel says so. */
  judgeCadence?: number;
}

const COMPOSER_LINES = 4;

export function ConversationScreen({ conversation, mode, personas: given, turnCap, onExit, deltaFlushMs, replay = false, judgeCadence }: ConversationScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const width = Math.max(20, columns - 1);
  const [state, controls] = useConversation(conversation, { deltaFlushMs, turnCap });
  const { composerActive } = useConversationKeys(state, controls, mode, onExit, replay);
  const replaySpeed = useReplayKeys(conversation, state, controls);
  const replayTag = replay && replaySpeed !== undefined ? `REPLAY ${speedLabel(replaySpeed)} · ` : '';
  const { ui } = state;

  const personas = state.header?.personas ?? given;
  const seekerName = personas?.seeker.name ?? 'Seeker';
  const supporterName = personas?.supporter.name ?? 'Supporter';
  // Stable identity: the memoized transcript must not re-render when nothing about it changed.
  const names = useMemo(() => ({ seeker: seekerName, supporter: supporterName }), [seekerName, supporterName]);

  const awaitingSpeaker = state.awaiting?.speaker;
  const submit = (text: string) => {
    if (awaitingSpeaker === 'supporter') controls.dispatch({ type: 'open-picker', purpose: 'human-strategy' });
    else controls.submitHuman('seeker', text);
  };
  const pickHumanStrategy = (strategy: Strategy | undefined) => controls.submitHuman('supporter', ui.composer.trim(), strategy);

  const otherRows =
    (state.crisis ? 6 : 0) + state.notices.length + (state.error ? 1 : 0) + (state.status === 'awaiting-human' ? COMPOSER_LINES + 3 : 0) + (ui.picker ? 12 : 0);
  const showTraits = Boolean(personas) && ui.traitPanel && !ui.help && traitPanelFits(rows, otherRows);
  const liveMaxLines = liveLinesBudget({ rows, traitPanel: showTraits, otherRows });

  return (
    <Box flexDirection="column" width={width}>
      <Transcript turns={state.turns} live={state.live} names={names} fullBadge={columns >= FULL_BADGE_MIN_COLUMNS} width={width} liveMaxLines={liveMaxLines} />
      {state.crisis ? <CrisisBanner width={width} /> : null}
      {state.notices.map((n, i) => (
        <Text key={i} color={n.level === 'warn' ? theme.warning : theme.muted} wrap="truncate-end">
          {n.level === 'warn' ? '! ' : '· '}
          {cleanForDisplay(n.message)}
        </Text>
      ))}
      {state.error ? (
        <Text color={theme.danger} wrap="wrap">
          ✖ {cleanForDisplay(state.error.message)} — press {keysOf('conversation', 'pause')} to retry, {keysOf('conversation', 'stop')} to stop
        </Text>
      ) : null}
      {state.status === 'ended' && state.ended ? (
        <EndSummary turns={state.turns} reason={state.ended.reason} sessionPath={state.sessionPath ?? conversation.sessionPath} perceived={state.perceived} drift={personas ? traitDrift(personas, state.measured) : []} width={width} />
      ) : null}
      {ui.help ? (
        <Box flexDirection="column">
          {replay ? (
            <HelpOverlay sections={REPLAY_HELP} note="A recording: nothing is sent to a model." width={width} />
          ) : (
            <HelpOverlay sections={CONVERSATION_HELP} width={width} />
          )}
          <StrategyLegend width={width} />
        </Box>
      ) : null}
      {showTraits && personas && state.status !== 'ended' ? (
        <TraitPanel personas={personas} measured={state.measured} view={ui.traitView} width={width} focus={ui.traitSpeaker} judgeOff={judgeCadence === 0} />
      ) : null}
      {state.status === 'awaiting-human' ? (
        <Composer
          value={ui.composer}
          onChange={(text) => controls.dispatch({ type: 'set-composer', text })}
          onSubmit={submit}
          onTruncated={(dropped) => controls.dispatch({ type: 'local-notice', notice: { level: 'warn', message: `Message capped: ${dropped} characters left out.` } })}
          active={composerActive}
          width={width}
          maxLines={COMPOSER_LINES}
          label={awaitingSpeaker === 'supporter' ? `Your reply as ${cleanForDisplay(supporterName)}` : `Your message as ${cleanForDisplay(seekerName)}`}
        />
      ) : null}
      {ui.picker === 'steer' ? (
        <StrategyPicker title="Steer the supporter's next turn" noneLabel="No steer (the model chooses)" initial={state.steer} onPick={(s) => controls.steer(s)} onCancel={() => controls.dispatch({ type: 'close-picker' })} width={width} />
      ) : null}
      {ui.picker === 'human-strategy' ? (
        <StrategyPicker title="Which strategy is your reply?" noneLabel="Let the classifier name it" onPick={pickHumanStrategy} onCancel={() => controls.dispatch({ type: 'close-picker' })} width={width} />
      ) : null}
      {ui.confirmStop ? (
        <Text color={theme.warning} bold>
          Stop the conversation? Finished turns are already saved. {keysOf('confirmStop', 'yes')} / {keysOf('confirmStop', 'no')}
        </Text>
      ) : null}
      <Box>
        {replayTag ? (
          <Text color={theme.accent} bold>
            {replayTag}
          </Text>
        ) : null}
        <StatusLine state={state} width={width - replayTag.length} />
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {replay ? replayHint(state.status) : hintFor(state.status, mode)}
      </Text>
    </Box>
  );
}

function replayHint(status: string): string {
  return status === 'ended' ? footer('replayEnded') : footer('replay');
}

function hintFor(status: string, mode: Mode): string {
  if (status === 'ended') return footer('ended');
  if (status === 'awaiting-human') return footer('composer', ['send', 'newLine', 'stop']);
  // A human supporter picks every strategy: nothing to steer.
  return mode === 'join-supporter' ? footer('conversation', ['pause', 'step', 'traitView', 'traitPanel', 'help', 'stop']) : footer('conversation');
}
