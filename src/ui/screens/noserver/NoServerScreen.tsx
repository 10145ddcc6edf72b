import { Box, Text, useWindowSize } from 'ink';
import { useState } from 'react';
import { doctorReportLines } from '../../../app/doctor.js';
import type { LocalModelOffer } from '../../../app/local.js';
import { getPreset, type PresetId } from '../../../app/providers.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { HelpOverlay } from '../../components/HelpOverlay.js';
import { StyledRows } from '../../components/StyledRows.js';
import type { DoctorState } from '../../hooks/useDoctor.js';
import { useNow } from '../../hooks/useNow.js';
import { useScreenKeys } from '../../input/KeyInput.js';
import type { KeyPress } from '../../input/keyPresses.js';
import { footer, keysOf, pressed, type Command } from '../../keys.js';
import { line, type StyledLine } from '../../layout/styledLines.js';
import { wrapForScreen } from '../../layout/transcriptLines.js';
import { useTheme } from '../../theme.js';
import { localOfferText } from './LocalModelChoice.js';

/** One thing the user can do from here: a key of the table's noServer context and what it does. */
export interface NoServerChoice {
  command: Command<'noServer'>;
  label: string;
  /** A line under the label saying what the choice will do. */
  detail?: string;
  run(): void;
}

export interface NoServerScreenProps {
  /** checkServer's message: what went wrong and, often, what to do. */
  message: string;
  /** The server answers (the screen is here because a model misbehaved): the title says so. */
  reachable?: boolean;
  /** The base URL that was tried. */
  baseURL?: string;
  /** True while a retry is in flight. */
  checking?: boolean;
  /** doctor's run and its findings, shown in this screen's place. */
  doctor?: DoctorState;
  onRetry(): void;
  onCheckModel?(): void;
  /** Stop waiting for a running check. */
  onCancelCheck?(): void;
  onSettings(): void;
  /** Browsing and editing personas needs no server. */
  onBrowse(): void;
  onSessions?(): void;
  onQuit(): void;
  /** More choices, listed after the built-in ones (each with its own key in the noServer table). */
  moreChoices?: readonly NoServerChoice[];
  /** The model inside the app, offered as the first choice; absent hides the offer and its key. */
  localOffer?: LocalModelOffer;
  onLocal?(): void;
}

/** Under a choice's label: past the focus mark and the key column. */
const DETAIL_INDENT = '    ';

/** The local servers worth suggesting first: free, and one command away. */
const LOCAL_SERVERS: readonly PresetId[] = ['ollama', 'lmstudio', 'llamacpp'];

const MARK: Record<string, 'success' | 'warning' | 'danger' | 'muted' | undefined> = { 'ok  ': 'success', warn: 'warning', FAIL: 'danger', info: 'muted', skip: 'muted' };

/** doctor's findings as lines for this screen: the report's own words, its marks coloured. */
export function doctorLines(state: DoctorState | undefined, width: number, now: number): StyledLine[] {
  if (!state || state.kind === 'idle') return [];
  if (state.kind === 'running') return [line(`Checking the model… ${Math.floor((now - state.startedAt) / 1000)}s (${keysOf('report', 'close')} stops waiting)`, 'muted')];
  if (state.kind === 'failed') return wrapForScreen(`Could not check the model: ${state.message}`, width).map((l) => line(l, 'danger'));
  return state.reports.flatMap((report, i) => [
    ...(i > 0 ? [[]] : []),
    ...doctorReportLines(report).flatMap((text) => {
      const mark = /^ {2}(ok {2}|info|warn|FAIL|skip) /.exec(text)?.[1];
      const tone = mark ? MARK[mark] : text.startsWith('Verdict') ? 'accent' : undefined;
      return wrapForScreen(text, width).map((part, j) => line(j === 0 ? part : `        ${part.trimStart()}`, tone));
    }),
  ]);
}

/** How to connect a server; after the local model's offer, it is the other way. */
function tipLines(width: number, afterLocal: boolean): StyledLine[] {
  const tips: StyledLine[] = [line(`${afterLocal ? 'Or connect' : 'To talk, connect'} any OpenAI-compatible server:`)];
  for (const id of LOCAL_SERVERS) {
    const preset = getPreset(id);
    wrapForScreen(`${preset.label}: ${cleanForDisplay(preset.hint)}`, width - 3).forEach((part, i) => tips.push(line(`${i === 0 ? ' • ' : '   '}${part}`)));
  }
  wrapForScreen('or set PERSONA_TALKS_BASE_URL (and PERSONA_TALKS_API_KEY for a hosted API), or open settings.', width - 3).forEach((part, i) =>
    tips.push(line(`${i === 0 ? ' • ' : '   '}${part}`)),
  );
  return tips;
}

/**
 * Shown instead of failing when no model server answers, or when one answers but
 * its model misbehaved: what went wrong (doctor's findings when it ran), how to
 * connect a server, and a list of what can be done now, each with its key.
 */
export function NoServerScreen(props: NoServerScreenProps) {
  const { message, reachable = false, baseURL, checking, doctor, onRetry, onCheckModel, onCancelCheck, onSettings, onBrowse, onSessions, onQuit, moreChoices = [], localOffer, onLocal } =
    props;
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const width = Math.max(40, columns - 1);
  const [focus, setFocus] = useState(0);
  const [help, setHelp] = useState(false);
  const [reportScroll, setReportScroll] = useState(0);
  const running = doctor?.kind === 'running';
  const now = useNow(running);

  const local = localOffer && onLocal ? { offer: localOffer, run: onLocal } : undefined;
  const choices: NoServerChoice[] = [
    ...(local ? [{ command: 'local' as const, label: 'Run a model inside the app: no server, no key', detail: localOfferText(local.offer), run: local.run }] : []),
    { command: 'retry', label: 'Check the server again', run: onRetry },
    ...(onCheckModel ? [{ command: 'doctor' as const, label: 'Check the model: streaming, JSON, in character (doctor)', run: onCheckModel }] : []),
    { command: 'settings', label: 'Open the settings: server, models, key', run: onSettings },
    { command: 'browse', label: 'Go home anyway: browse and edit personas', run: onBrowse },
    ...(onSessions ? [{ command: 'sessions' as const, label: 'Browse saved sessions', run: onSessions }] : []),
    ...moreChoices,
    { command: 'quit', label: 'Quit', run: onQuit },
  ];

  const report = doctorLines(doctor, width, now);
  const tips = reachable || report.length > 0 ? [] : tipLines(width, local !== undefined);
  // A detail wraps under its label, indented past the focus mark and the key.
  const details = new Map(choices.map((choice) => [choice.command, choice.detail ? wrapForScreen(choice.detail, width - DETAIL_INDENT.length) : []]));
  const choiceRows = choices.reduce((sum, choice) => sum + 1 + (details.get(choice.command)?.length ?? 0), 0);
  const headerRows = 1 + wrapForScreen(cleanForDisplay(message), width).length + (baseURL ? 1 : 0);
  const footerRows = 1;
  // Below the choices (with the local model offered) the tips or report take a blank row more.
  const room = Math.max(2, rows - headerRows - 1 - choiceRows - 1 - footerRows - (local ? 1 : 0));
  const reportRows = Math.min(report.length, room);
  const maxScroll = Math.max(0, report.length - reportRows);
  const shownReport = report.slice(Math.min(reportScroll, maxScroll), Math.min(reportScroll, maxScroll) + reportRows);
  // The tips give way before any choice does: with less than two rows left (a small
  // window, a long message) they go, and the choices with their keys stay on screen.
  const tipRoom = rows - headerRows - 1 - choiceRows - footerRows - (local ? 1 : 0);
  const shownTips = tipRoom >= 2 ? tips.slice(0, tipRoom) : [];

  const onKey = ({ input, key }: KeyPress) => {
    if (help) {
      if (pressed('helpOverlay', 'close', input, key)) setHelp(false);
      return;
    }
    if (running) {
      if (pressed('report', 'close', input, key)) onCancelCheck?.();
      return;
    }
    if (checking) return;
    const scroll = report.length > 0 ? pressed('report', 'scroll', input, key) : undefined;
    if (scroll === 'pageup' || scroll === 'pagedown') return setReportScroll((s) => Math.min(maxScroll, Math.max(0, s + (scroll === 'pageup' ? -reportRows : reportRows))));
    const move = pressed('noServer', 'move', input, key);
    if (move) return setFocus((f) => (f + (move === 'up' || move === 'shift+tab' ? choices.length - 1 : 1)) % choices.length);
    if (pressed('noServer', 'help', input, key)) return setHelp(true);
    if (pressed('noServer', 'choose', input, key)) return choices[Math.min(focus, choices.length - 1)]?.run();
    choices.find((choice) => pressed('noServer', choice.command, input, key))?.run();
  };
  useScreenKeys(onKey);

  if (help) {
    // Only the keys that do something here now: no local model offered, no doctor, no sessions.
    const omit = [...(local ? [] : ['local']), ...(onCheckModel ? [] : ['doctor']), ...(onSessions ? [] : ['sessions'])];
    return <HelpOverlay sections={[{ title: 'Keys', context: 'noServer', omit }]} width={width} height={rows} />;
  }

  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.warning} wrap="truncate-end">
        {reachable ? 'The model server answers, but the model may not work here' : 'No model server reachable'}
      </Text>
      <Text color={reachable ? undefined : theme.danger}>{wrapForScreen(cleanForDisplay(message), width).join('\n')}</Text>
      {baseURL ? (
        <Text dimColor wrap="truncate-end">
          {reachable ? 'Server' : 'Tried'} {cleanForDisplay(baseURL)}
        </Text>
      ) : null}
      {/* The local model is offered before the servers to start: the tips follow the choices then. */}
      {local ? null : <StyledRows lines={shownReport.length > 0 ? shownReport : shownTips} />}
      <Box flexDirection="column" marginTop={1}>
        {choices.map((choice, i) => (
          <Box key={choice.command} flexDirection="column">
            <Text wrap="truncate-end" inverse={i === focus && !theme.colored}>
              <Text color={theme.accent}>{i === focus ? '› ' : '  '}</Text>
              <Text color={theme.accent} bold>
                {keysOf('noServer', choice.command).padEnd(2)}
              </Text>
              <Text bold={i === focus}>{choice.label}</Text>
            </Text>
            {details.get(choice.command)?.map((part, j) => (
              <Text key={j} dimColor wrap="truncate-end">
                {DETAIL_INDENT}
                {part}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      {local && (shownReport.length > 0 || shownTips.length > 0) ? (
        <Box marginTop={1}>
          <StyledRows lines={shownReport.length > 0 ? shownReport : shownTips} />
        </Box>
      ) : null}
      <Text color={theme.muted} wrap="truncate-end">
        {checking ? 'Checking the server again…' : `${footer('noServer', ['move', 'choose', 'help'], width)}${maxScroll > 0 && width >= 60 ? ' · PgUp PgDn the report' : ''}`}
      </Text>
    </Box>
  );
}
