import { Box, Text, useWindowSize } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { useFormKeys } from '../../hooks/formKeys.js';
import { useKeyedReducer } from '../../hooks/useKeyedReducer.js';
import { maskKey } from '../../../app/endpoints.js';
import { CPU_JUDGE_CADENCE } from '../../../app/local.js';
import { getPreset, type Endpoint } from '../../../app/providers.js';
import type { Settings } from '../../../core/config/settings.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { footer, keysOf } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { fieldWindow } from '../../layout/scrollWindow.js';
import { wrap } from '../../../core/text.js';
import { endpointFromForm, fieldShown, formErrors, formFromSettings, redactKey, settingsFromForm, type FormField } from './settingsForm.js';
import { initialSettingsState, settingsReducer } from './settingsState.js';
import { SettingsRow } from './SettingsRow.js';
import { SettingsStatusLine } from './SettingsStatusLine.js';

export interface SettingsScreenProps {
  settings: Settings;
  /** PERSONA_TALKS_API_KEY (or OPENAI_API_KEY for OpenAI) is set: it wins over the stored key. */
  envKeyPresent: boolean;
  onSave(settings: Settings): void;
  onTest(endpoint: Endpoint): Promise<{ ok: boolean; models?: string[]; message?: string }>;
  onBack(): void;
}

const ROWS: readonly FormField[] = ['preset', 'modelFile', 'baseURL', 'seekerModel', 'supporterModel', 'judgeModel', 'apiKey', 'temperature', 'turnCap', 'judgeCadence', 'judgeBaseURL', 'classifier', 'test', 'save', 'back'];

function describeTest(result: { ok: boolean; models?: string[]; message?: string }, key: string): { ok: boolean; text: string } {
  if (!result.ok) return { ok: false, text: redactKey(cleanForDisplay(result.message ?? 'the server did not answer'), key) };
  const models = (result.models ?? []).map(cleanForDisplay);
  const list = models.length ? `${models.length} model${models.length === 1 ? '' : 's'}: ${models.slice(0, 4).join(', ')}${models.length > 4 ? ', …' : ''}` : 'no model list';
  return { ok: true, text: `Connected — ${list}` };
}

/** Provider, models per role, masked API key, temperature, turn cap and judge cadence; test the connection before saving. */
export function SettingsScreen({ settings, envKeyPresent, onSave, onTest, onBack }: SettingsScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const [state, dispatch, latest] = useKeyedReducer(settingsReducer, () => initialSettingsState(formFromSettings(settings)));
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const errors = useMemo(() => formErrors(settings, state.form), [settings, state.form]);
  const invalid = Object.keys(errors).length > 0;

  async function test() {
    dispatch({ type: 'status', status: { kind: 'testing' } });
    const form = latest.current.form;
    const key = form.apiKey;
    let result: { ok: boolean; text: string };
    try {
      result = describeTest(await onTest(endpointFromForm(form)), key);
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

  useFormKeys('settings', {
    busy: state.status.kind === 'testing',
    shortcuts: { back, save, test: () => void test() },
    buttons: { test: () => void test(), save, back },
    focus: () => latest.current.focus,
    dispatch,
  });

  const width = Math.max(40, columns);
  const preset = getPreset(state.form.preset);
  const keyNote = envKeyPresent
    ? 'An environment API key is set; it wins over this one.'
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
  } as Partial<Record<FormField, string>>;
  const helpRows = width >= 80 ? 1 : 2;
  const statusRows = 'text' in state.status ? wrap(`✗ ${state.status.text}`, width).length : 1;
  const fixedRows = 1 + statusRows + helpRows + (state.confirmDiscard ? 1 : 0);
  const shownRows = ROWS.filter((f) => fieldShown(state.form, f));
  const heights = shownRows.map((f) => 1 + (errors[f] || (notes[f] && (f === state.focus || f === 'apiKey')) ? 1 : 0));
  const { start, end } = fieldWindow(heights, shownRows.indexOf(state.focus), Math.max(3, rows - fixedRows));

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>Settings</Text>
        <Text dimColor>{`  model server and defaults${state.dirty ? ' · unsaved changes' : ''}`}</Text>
      </Text>
      {shownRows.slice(start, end).map((field) => (
        <SettingsRow
          key={field}
          field={field}
          form={state.form}
          focused={state.focus === field}
          width={width}
          maskedKey={maskKey(state.form.apiKey)}
          error={errors[field]}
          note={notes[field]}
          disabled={field === 'save' && invalid}
        />
      ))}
      <SettingsStatusLine status={state.status} />
      {state.confirmDiscard ? (
        <Text color={theme.warning}>
          Unsaved changes: {keysOf('settings', 'back')} again to discard, {keysOf('settings', 'save')} to save
        </Text>
      ) : null}
      <Text dimColor wrap={helpRows > 1 ? 'wrap' : 'truncate-end'}>
        {footer('settings')}
      </Text>
    </Box>
  );
}
