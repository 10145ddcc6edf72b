import { Box, Text, useWindowSize } from 'ink';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Conversation } from '../../core/engine/types.js';
import type { Persona } from '../../core/personas/schema.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import type { Mode } from '../../core/domain.js';
import { speedLabel, type ReplayPace } from '../../core/sessions/replay-timing.js';
import type { ReplayConversation } from '../../core/sessions/replay.js';
import { FULL_BADGE_MIN_COLUMNS } from '../components/badgeText.js';
import { Composer, composerRows } from '../components/Composer.js';
import { CrisisBanner, crisisBannerRows } from '../components/CrisisBanner.js';
import { EndSummary, LEAVE_HOME } from '../components/EndSummary.js';
import { CONVERSATION_HELP, HelpOverlay, helpLines, legendLines, REPLAY_HELP } from '../components/HelpOverlay.js';
import { PANEL_CHROME, panelWindow } from '../components/PanelBox.js';
import { StatusLine } from '../components/StatusLine.js';
import { PICKER_ROWS, StrategyPicker } from '../components/StrategyPicker.js';
import { TraitPanel } from '../components/TraitPanel.js';
import { Transcript } from '../components/Transcript.js';
import { TranscriptViewport } from '../components/TranscriptViewport.js';
import { traitDrift } from '../conversation/derived.js';
import { countingDown, noticeText } from '../conversation/noticeText.js';
import { useConversation, type ConversationControls } from '../conversation/useConversation.js';
import type { KeyPress } from '../input/keyPresses.js';
import type { ConversationState } from '../conversation/state.js';
import { useDisplay } from '../display.js';
import { useScreenKeys } from '../input/KeyInput.js';
import { fitFooter, footer, footerItems, keysOf } from '../keys.js';
import { conversationRows } from '../layout/conversationLayout.js';
import { endSummaryLines } from '../layout/endSummaryLines.js';
import { liveLinesBudget, traitPanelFits } from '../layout/screenBudget.js';
import { transcriptBlocks, wrapForScreen } from '../layout/transcriptLines.js';
import { useTheme } from '../theme.js';
import { useNow, useStalledSeconds } from '../hooks/useNow.js';
import { composerActive, conversationKey, conversationPaste, type DrawnLayout, type ExitTarget } from './conversationKeys.js';

export type { ExitTarget } from './conversationKeys.js';

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
  /** After a model misbehaved: check it with doctor (d). */
  onCheckModel?: () => void;
  /** Told as the session grows and ends, so leaving the app can say where it was saved. */
  onProgress?: (state: ConversationState) => void;
  /** Drawn in the screen's place while it has something to show, and asked first for every key (the fork form). */
  overlay?: ConversationOverlay;
}

/** Something over the conversation that takes its keys first (true: the key was its) and may cover the screen. */
export interface ConversationOverlay {
  key(press: KeyPress, state: ConversationState, controls: ConversationControls): boolean;
  view(state: ConversationState, size: { width: number; rows: number }): ReactNode;
}

const COMPOSER_LINES = 4;
/** Below this many rows the crisis banner is its one-line form. */
const FULL_BANNER_MIN_ROWS = 30;

function isReplay(conversation: Conversation): conversation is ReplayConversation {
  return typeof (conversation as Partial<ReplayConversation>).setSpeed === 'function';
}

export function ConversationScreen(props: ConversationScreenProps) {
  const { conversation, mode, personas: given, turnCap, onExit, deltaFlushMs, replay = false, judgeCadence, onCheckModel, onProgress } = props;
  const theme = useTheme();
  const { fullScreen } = useDisplay();
  const { columns, rows } = useWindowSize();
  const width = Math.max(20, columns - 1);
  const [state, controls] = useConversation(conversation, { deltaFlushMs, turnCap, mode });
  const replaying = replay && isReplay(conversation) ? conversation : undefined;
  const [replaySpeed, setReplaySpeed] = useState<ReplayPace | undefined>(() => replaying?.speed);
  const drawn = useRef<DrawnLayout>({ panelMaxScroll: 0 });
  const { ui } = state;
  const engine = state.header?.engine;

  const keyContext = { controls, mode, engine, replay: replaying, drawn, onExit, onCheckModel: replay ? undefined : onCheckModel, setReplaySpeed };
  useScreenKeys(
    (press) => {
      if (props.overlay?.key(press, controls.latest.current, controls)) return;
      conversationKey(press, keyContext);
    },
    (text) => conversationPaste(text, keyContext),
  );

  const progressed = useRef(onProgress);
  progressed.current = onProgress;
  useEffect(() => progressed.current?.(state), [state.turns.length, state.ended, state.sessionPath, state.header]);

  const personas = state.header?.personas ?? given;
  const seekerName = personas?.seeker.name ?? 'Seeker';
  const supporterName = personas?.supporter.name ?? 'Supporter';
  // Stable identity: the memoized transcript must not re-render when nothing about it changed.
  const names = useMemo(() => ({ seeker: seekerName, supporter: supporterName }), [seekerName, supporterName]);
  const fullBadge = columns >= FULL_BADGE_MIN_COLUMNS;

  // A retry counts down and a silent stream says how long it has been quiet: a tick a second, only then.
  const stalled = useStalledSeconds(state);
  const now = useNow(countingDown(state.notices, Date.now()));

  const active = composerActive(state);
  const sessionPath = state.sessionPath ?? conversation.sessionPath;
  const replayTag = replaying && replaySpeed !== undefined ? `REPLAY ${speedLabel(replaySpeed)} · ` : '';
  const compactBanner = fullScreen && rows < FULL_BANNER_MIN_ROWS;

  // Everything under the transcript, and its rows, so a full screen can give the transcript the rest.
  const noticeRows = state.notices.map((n) => (ui.noticesOpen ? wrapForScreen(`! ${noticeText(n, now)}`, width) : [`! ${noticeText(n, now)}`]));
  const errorText = state.error
    ? `✖ ${cleanForDisplay(state.error.message)} — press ${keysOf('conversation', 'pause')} to retry, ${keysOf('conversation', 'stop')} to stop${onCheckModel && !replay ? `, ${keysOf('conversation', 'check')} to check the model` : ''}`
    : undefined;
  const errorLines = errorText ? wrapForScreen(errorText, width) : [];
  const shownErrorLines = ui.noticesOpen ? errorLines : errorLines.slice(0, 3);
  const composerShown = active || (state.status === 'awaiting-human' && !state.sent && !ui.picker);
  const composerCursor = ui.composerCursor;
  const composerLabel = state.awaiting?.speaker === 'supporter' ? `Your reply as ${cleanForDisplay(supporterName)}` : `Your message as ${cleanForDisplay(seekerName)}`;
  const ended = state.status === 'ended' && state.ended;
  const summaryInput = ended
    ? { turns: state.turns, reason: state.ended!.reason, sessionPath, perceived: state.perceived, drift: personas ? traitDrift(personas, state.measured) : [], judgeFinishing: !state.settled && !replay, leave: replay ? `Press ${keysOf('replayEnded', 'back', 'show').replace(' / ', ' or ')} to go back` : LEAVE_HOME }
    : undefined;
  const helpSections = replay ? REPLAY_HELP : CONVERSATION_HELP;
  const helpNote = replay ? 'A recording: nothing is sent to a model.' : undefined;
  const panelWidth = Math.min(width, 80);

  const budget = conversationRows({
    rows,
    crisis: state.crisis ? crisisBannerRows(state.crisis, width, compactBanner) : 0,
    notices: noticeRows.reduce((n, r) => n + r.length, 0),
    error: shownErrorLines.length,
    composer: composerShown ? composerRows(ui.composer, composerCursor, width, COMPOSER_LINES) : 0,
    picker: ui.picker ? PICKER_ROWS : 0,
    confirm: ui.confirmStop ? 1 : 0,
    traits: Boolean(personas) && ui.traitPanel,
    ...(summaryInput ? { summaryLines: endSummaryLines(summaryInput, width - PANEL_CHROME.columns).length } : {}),
    ...(ui.help ? { helpLines: helpLineCount(helpSections, panelWidth, helpNote) } : {}),
  });

  const blocks = fullScreen
    ? transcriptBlocks({ turns: state.turns, sent: state.sent, live: state.live }, { width, fullBadge, names })
    : undefined;
  const panelLineCount = ui.help ? budget.help !== undefined ? helpLineCount(helpSections, panelWidth, helpNote) : 0 : summaryInput ? endSummaryLines(summaryInput, width - PANEL_CHROME.columns).length : 0;
  const panelHeight = ui.help ? budget.help : budget.summary;
  drawn.current = {
    ...(blocks ? { transcript: { blocks, height: budget.transcript } } : {}),
    panelMaxScroll: fullScreen ? panelWindow(panelLineCount, panelHeight, 0).maxScroll : 0,
  };

  // Inline: the transcript is <Static> above a live region that must stay within the screen.
  const otherRows = (state.crisis ? 6 : 0) + state.notices.length + (state.error ? 1 : 0) + (composerShown ? COMPOSER_LINES + 3 : 0) + (ui.picker ? PICKER_ROWS : 0);
  const showTraits = fullScreen ? budget.traits : Boolean(personas) && ui.traitPanel && !ui.help && traitPanelFits(rows, otherRows);

  const transcript = blocks ? (
    budget.transcript > 0 ? <TranscriptViewport blocks={blocks} height={budget.transcript} width={width} scroll={ui.scroll} /> : null
  ) : (
    <Transcript turns={state.turns} live={state.live} sent={state.sent} names={names} fullBadge={fullBadge} width={width} liveMaxLines={liveLinesBudget({ rows, traitPanel: showTraits, otherRows })} />
  );

  const cover = props.overlay?.view(state, { width, rows });
  if (cover) return <Box flexDirection="column" width={width} {...(fullScreen ? { height: rows, overflow: 'hidden' as const } : {})}>{cover}</Box>;

  return (
    <Box flexDirection="column" width={width} {...(fullScreen ? { height: rows, overflow: 'hidden' as const } : {})}>
      {transcript}
      {ui.help ? (
        <HelpOverlay sections={helpSections} note={helpNote} width={width} legend height={fullScreen ? budget.help : undefined} scroll={ui.panelScroll} />
      ) : null}
      {state.crisis ? <CrisisBanner kind={state.crisis} width={width} compact={compactBanner} /> : null}
      {state.notices.map((n, i) => (
        <Box key={i} flexShrink={0}>
          <Text color={n.level === 'warn' ? theme.warning : theme.muted} wrap={ui.noticesOpen ? 'wrap' : 'truncate-end'}>
            {n.level === 'warn' ? '! ' : '· '}
            {noticeText(n, now)}
          </Text>
        </Box>
      ))}
      {errorText ? (
        <Box flexShrink={0} flexDirection="column">
          <Text color={theme.danger}>{shownErrorLines.join('\n')}</Text>
        </Box>
      ) : null}
      {summaryInput ? (
        <EndSummary {...summaryInput} width={width} height={fullScreen ? budget.summary : undefined} scroll={ui.panelScroll} />
      ) : null}
      {showTraits && personas && !ended ? (
        <TraitPanel personas={personas} measured={state.measured} view={ui.traitView} width={width} focus={ui.traitSpeaker} judgeOff={judgeCadence === 0} />
      ) : null}
      {composerShown ? <Composer value={ui.composer} cursor={composerCursor} active={active} width={width} maxLines={COMPOSER_LINES} label={composerLabel} /> : null}
      {ui.picker === 'steer' ? <StrategyPicker title="Steer the supporter's next turn" noneLabel="No steer (the model chooses)" cursor={ui.pickerCursor} width={width} /> : null}
      {ui.picker === 'human-strategy' ? (
        <StrategyPicker title={`Which strategy is your reply? “${cleanForDisplay(ui.composer.trim())}”`} noneLabel="Let the classifier name it" cursor={ui.pickerCursor} width={width} />
      ) : null}
      {ui.confirmStop ? (
        <Text color={theme.warning} bold wrap="truncate-end">
          Stop the conversation? Finished turns are already saved. {keysOf('confirmStop', 'yes')} / {keysOf('confirmStop', 'no')}
        </Text>
      ) : null}
      <Box flexShrink={0}>
        {replayTag ? (
          <Text color={theme.accent} bold>
            {replayTag}
          </Text>
        ) : null}
        <StatusLine state={state} width={width - replayTag.length} stalledSeconds={stalled} />
      </Box>
      <Box flexShrink={0}>
        <Text color={theme.muted} wrap="truncate-end">
          {footerFor(state, mode, replay, fullScreen, width)}
        </Text>
      </Box>
    </Box>
  );
}

/** The help's lines at a panel width (the legend under the keys). */
function helpLineCount(sections: typeof CONVERSATION_HELP, panelWidth: number, note: string | undefined): number {
  const inner = panelWidth - PANEL_CHROME.columns;
  return helpLines(sections, inner, note).length + 1 + legendLines(inner).length;
}

/** The footer for what the screen is doing now, fitted to the width (? help stands in for the rest). */
export function footerFor(state: ConversationState, mode: Mode, replay: boolean, fullScreen: boolean, width: number): string {
  const engine = state.header?.engine;
  if (state.status === 'ended') return footer(replay ? 'replayEnded' : 'ended', undefined, width);
  if (state.ui.help) return footer('helpOverlay', undefined, width);
  const scroll = fullScreen ? footerItems('transcript', ['page']) : [];
  const help = footerItems('conversation', ['help'])[0];
  if (replay) return fitFooter([...footerItems('replay', ['pause', 'next', 'speed', 'stop', 'traitPanel']), ...scroll, ...footerItems('replay', ['help'])], width, help);
  if (composerActive(state)) return footer('composer', ['send', 'newLine', 'help', 'stop'], width);
  // A human supporter picks every strategy, and the script engine has no next turn: nothing to steer or step.
  const commands = [
    'pause',
    ...(engine === 'script' ? [] : (['step'] as const)),
    ...(mode === 'join-supporter' || engine === 'script' ? [] : (['steer'] as const)),
    ...(state.notices.length > 0 || state.error ? (['notices'] as const) : []),
    ...(state.error ? (['check'] as const) : []),
    'stop',
    'traitView',
    'traitPanel',
  ] as const;
  return fitFooter([...footerItems('conversation', commands), ...scroll, ...footerItems('conversation', ['help'])], width, help);
}
