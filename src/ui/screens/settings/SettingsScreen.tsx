import { Box, Text, useWindowSize } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DoctorReport } from '../../../app/doctor.js';
import { maskKey } from '../../../app/endpoints.js';
import { CPU_JUDGE_CADENCE } from '../../../app/local.js';
import { getPreset, type Endpoint } from '../../../app/providers.js';
import type { Settings } from '../../../core/config/settings.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { wrap } from '../../../core/text.js';
import { HelpOverlay } from '../../components/HelpOverlay.js';
import { PANEL_CHROME, PanelBox, panelWindow } from '../../components/PanelBox.js';
import { useFormKeys } from '../../hooks/formKeys.js';
import { useDoctor } from '../../hooks/useDoctor.js';
import { useKeyedReducer } from '../../hooks/useKeyedReducer.js';
import { useNow } from '../../hooks/useNow.js';
import { footer, keysOf, pressed } from '../../keys.js';
import { fieldWindow } from '../../layout/scrollWindow.js';
import { useTheme } from '../../theme.js';
import { doctorLines } from '../noserver/NoServerScreen.js';
import { endpointFromForm, fieldShown, formErrors, formFromSettings, redactKey, settingsFromForm, TEXT_FIELDS, type FormField, type FormOverrides } from './settingsForm.js';
import { initialSettingsState, settingsReducer } from './settingsState.js';
import { SettingsRow } from './SettingsRow.js';
import { SettingsStatusLine } from './SettingsStatusLine.js';

export interface SettingsScreenProps {
  settings: Settings;
  /** What flags and the environment set this run (the key's source only, never its value). */
  overrides?: FormOverrides;
  onSave(settings: Settings): void;
  onTest(endpoint: Endpoint): Promise<{ ok: boolean; models?: string[]; message?: string }>;
  /** doctor on an endpoint ("check this model"); the row shows only when given. */
  onCheckModel?: (endpoint: Endpoint) => Promise<DoctorReport[]>;
  onBack(): void;
}

const ROWS: readonly FormField[] = [
  'preset', 'modelFile', 'baseURL', 'seekerModel', 'supporterModel', 'judgeModel', 'apiKey', 'temperature', 'turnCap', 'judgeCadence',
  'judgeBaseURL', 'classifier', 'keepReasoning', 'display', 'test', 'check', 'save', 'back',
];

function describeTest(result: { ok: boolean; models?: string[]; message?: string }, key: string): { ok: boolean; text: string } {
  if (!result.ok) return { ok: false, text: redactKey(cleanForDisplay(result.message ?? 'the server did not answer'), key) };
  const models = (result.models ?? []).map(cleanForDisplay);
  const list = models.length ? `${models.length} model${models.length === 1 ? '' : 's'}: ${models.slice(0, 4).join(', ')}${models.length > 4 ? ', …' : ''}` : 'no model list';
  return { ok: true, text: `Connected — ${list}` };
}

/** Provider, models per role, masked API key, temperature, turn cap, judge, display; test the connection or check the model before saving. */
export function SettingsScreen({ settings, overrides = {}, onSave, onTest, onCheckModel, onBack }: SettingsScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const locked = useMemo(() => Object.keys(overrides) as FormField[], [overrides]);
  const [state, dispatch, latest] = useKeyedReducer(settingsReducer, () => initialSettingsState(formFromSettings(settings), locked));
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const errors = useMemo(() => formErrors(settings, state.form), [settings, state.form]);
  const invalid = Object.keys(errors).length > 0;
  const [help, setHelp] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);
  const [reportScroll, setReportScroll] = useState(0);
  const rowsShown = ROWS.filter((f) => fieldShown(state.form, f));

  const checkNow = useCallback(() => (onCheckModel ? onCheckModel(endpointFromForm(latest.current.form, overrides)) : Promise.resolve([])), [onCheckModel, latest, overrides]);
  const doctor = useDoctor(checkNow);
  const now = useNow(doctor.state.kind === 'running');

  async function test() {
    dispatch({ type: 'status', status: { kind: 'testing' } });
    const form = latest.current.form;
    const key = form.apiKey;
    let result: { ok: boolean; text: string };
    try {
      result = describeTest(await onTest(endpointFromForm(form, overrides)), key);
    } catch (err) {
      result = { ok: false, text: redactKey(cleanForDisplay(err instanceof Error ? err.message : String(err)), key) };
    }
    if (mounted.current) dispatch({ type: 'status', status: { kind: 'tested', ...result } });
  }

  function save() {
    const form = latest.current.form;
    if (Object.keys(formErrors(settings, form)).length > 0) return dispatch({ type: 'status', status: { kind: 'failed', text: 'Not saved: fix the marked fields first' } });
    try {
      onSave(settingsFromForm(settings, form));
      dispatch({ type: 'saved' });
    } catch (err) {
      dispatch({ type: 'status', status: { kind: 'failed', text: `Not saved: ${cleanForDisplay(err instanceof Error ? err.message : String(err))}` } });
    }
  }

  function back() {
    const now = latest.current;
    if (now.dirty && !now.confirmDiscard) return dispatch({ type: 'askDiscard' });
    onBack();
  }

  function check() {
    setReportOpen(true);
    setReportScroll(0);
    doctor.run();
  }

  const width = Math.max(40, columns);
  const report = reportOpen ? doctorLines(doctor.state, width - PANEL_CHROME.columns, now) : [];
  const reportHeight = Math.max(4, rows - 2);
  const reportMax = panelWindow(report.length, reportHeight, 0).maxScroll;

  useFormKeys('settings', {
    busy: () => latest.current.status.kind === 'testing',
    overlay: ({ input, key }) => {
      if (help) {
        if (pressed('helpOverlay', 'close', input, key)) setHelp(false);
        return true;
      }
      if (!reportOpen) return false;
      const scroll = pressed('report', 'scroll', input, key);
      if (scroll) setReportScroll((s) => Math.min(reportMax, Math.max(0, s + (scroll === 'up' ? -1 : scroll === 'down' ? 1 : scroll === 'pageup' ? -5 : 5))));
      else if (pressed('report', 'close', input, key)) {
        doctor.cancel();
        setReportOpen(false);
      }
      return true;
    },
    shortcuts: { back, save, test: () => void test(), help: () => setHelp(true) },
    buttons: { test: () => void test(), check, save, back },
    focus: () => latest.current.focus,
    typing: () => TEXT_FIELDS.includes(latest.current.focus) && !latest.current.locked.includes(latest.current.focus),
    dispatch,
  });

  if (help) return <HelpOverlay sections={[{ title: 'Settings', context: 'settings' }, { title: 'Any text field', context: 'field' }]} width={width - 1} height={rows} />;
  if (reportOpen) {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold color={theme.accent} wrap="truncate-end">
          Check this model · {cleanForDisplay(endpointFromForm(state.form, overrides).model)}
        </Text>
        <PanelBox lines={report} width={width - 1} height={reportHeight} scroll={reportScroll} border="accent" />
        <Text dimColor wrap="truncate-end">
          {footer('report', undefined, width - 1)}
        </Text>
      </Box>
    );
  }

  const preset = getPreset(state.form.preset);
  const keyNote = overrides.apiKey
    ? undefined
    : preset.needsKey && !state.form.apiKey ? `${preset.label} needs a key: type or paste it here.` : undefined;
  const notes = {
    preset: cleanForDisplay(preset.hint),
    apiKey: keyNote,
    judgeCadence:
      state.form.preset === 'local'
        ? `How often the trait meter asks the judge. On a CPU the local model makes "every turn" every ${CPU_JUDGE_CADENCE} turns; any other choice is kept.`
        : 'How often the trait meter asks the judge.',
    modelFile: 'A GGUF file (a path); blank: the model `persona-talks local setup` downloads. Every role shares it.',
    classifier: 'Labels each supporter turn independently, to compare with the declared strategy.',
    keepReasoning: "Saves each AI turn's reasoning on its record, for study; never shown as dialogue.",
    display: `From the next launch (--inline for one run). Full screen keeps the app on its own screen.`,
    check: 'Streams, JSON output, in-character replies, speed: a few requests to the model in effect.',
  } as Partial<Record<FormField, string>>;
  const helpRows = 1;
  const statusRows = 'text' in state.status ? wrap(`✗ ${state.status.text}`, width).length : 1;
  const fixedRows = 1 + statusRows + helpRows + (state.confirmDiscard ? 1 : 0);
  const heights = rowsShown.map((f) => 1 + (errors[f] || (notes[f] && (f === state.focus || f === 'apiKey')) || (overrides[f as keyof FormOverrides] && f === state.focus) ? 1 : 0));
  const { start, end } = fieldWindow(heights, rowsShown.indexOf(state.focus), Math.max(3, rows - fixedRows));
  const overridden = Object.keys(overrides).length > 0;

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>Settings</Text>
        <Text dimColor>{`  ${overridden ? 'in effect this run' : 'model server and defaults'}${state.dirty ? ' · unsaved changes' : ''}`}</Text>
      </Text>
      {rowsShown.slice(start, end).map((field) => (
        <SettingsRow
          key={field}
          field={field}
          form={state.form}
          focused={state.focus === field}
          width={width}
          maskedKey={maskKey(state.form.apiKey)}
          error={errors[field]}
          note={notes[field]}
          disabled={(field === 'save' && invalid) || (field === 'check' && !onCheckModel)}
          override={overrides[field as keyof FormOverrides]}
        />
      ))}
      <SettingsStatusLine status={state.status} />
      {state.confirmDiscard ? (
        <Text color={theme.warning} wrap="truncate-end">
          Unsaved changes: {keysOf('settings', 'back')} again to discard, {keysOf('settings', 'save')} to save
        </Text>
      ) : null}
      <Text dimColor wrap="truncate-end">
        {footer('settings', ['move', 'adjust', 'save', 'back', 'test', 'type', 'help'], width)}
      </Text>
    </Box>
  );
}
