import { Text } from 'ink';
import { FormButton, LabelledValue } from '../../components/FormRow.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { getPreset } from '../../../app/providers.js';
import { keysOf } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { fitValue } from '../editor/FieldRow.js';
import { cadenceLabel, type FormField, type SettingsForm } from './settingsForm.js';

const LABELS: Record<FormField, string> = {
  preset: 'provider',
  baseURL: 'base URL',
  seekerModel: 'seeker model',
  supporterModel: 'supporter model',
  judgeModel: 'judge model',
  apiKey: 'API key',
  temperature: 'temperature',
  turnCap: 'turn cap',
  judgeCadence: 'trait judge',
  judgeBaseURL: 'judge server',
  classifier: 'classifier',
  keepReasoning: 'keep reasoning',
  display: 'display',
  modelFile: 'model file',
  test: 'Test connection',
  check: 'Check this model (doctor)',
  save: 'Save',
  back: 'Back',
};
const LABEL_WIDTH = 17;

/**
 * The shown value of a field. The API key is only ever shown through
 * maskKey — this function never sees the raw key, so no frame can hold it.
 */
function shown(field: FormField, form: SettingsForm, maskedKey: string, width: number, focused: boolean): string {
  switch (field) {
    case 'preset':
      return `‹${getPreset(form.preset).label}›`;
    case 'apiKey':
      return maskedKey;
    case 'temperature':
      return `‹${form.temperature.toFixed(1)}›`;
    case 'turnCap':
      return `‹${form.turnCap}›`;
    case 'judgeCadence':
      return `‹${cadenceLabel(form.judgeCadence)}›`;
    case 'classifier':
      return form.classifier ? '‹on›' : '‹off›';
    case 'keepReasoning':
      return form.keepReasoning ? '‹on›' : '‹off›';
    case 'display':
      return form.display === 'inline' ? '‹inline›' : '‹full screen›';
    case 'baseURL':
    case 'seekerModel':
    case 'supporterModel':
    case 'judgeModel':
      return fitValue(cleanForDisplay(form[field]), width - 1, focused) + (focused ? '▏' : '');
    case 'modelFile':
      if (!form.modelFile && !focused) return '(the downloaded model)';
      return fitValue(cleanForDisplay(form.modelFile), width - 1, focused) + (focused ? '▏' : '');
    case 'judgeBaseURL':
      if (!form.judgeBaseURL && !focused) return '(same as base URL)';
      return fitValue(cleanForDisplay(form.judgeBaseURL), width - 1, focused) + (focused ? '▏' : '');
    default:
      return '';
  }
}

export interface SettingsRowProps {
  field: FormField;
  form: SettingsForm;
  focused: boolean;
  width: number;
  maskedKey: string;
  error?: string;
  note?: string;
  disabled?: boolean;
  /** Set by a flag or the environment this run: the value in effect (never a key) and its source. */
  override?: { value: string; source: string } | undefined;
}

export function SettingsRow({ field, form, focused, width, maskedKey, error, note, disabled, override }: SettingsRowProps) {
  const theme = useTheme();
  if (field === 'test' || field === 'check' || field === 'save' || field === 'back') return <FormButton label={LABELS[field]} focused={focused} disabled={disabled ?? false} />;
  const valueWidth = Math.max(8, width - LABEL_WIDTH - 2);
  if (override) {
    const from = ` (from ${override.source})`;
    const value = field === 'apiKey' ? 'set' : fitValue(cleanForDisplay(override.value), Math.max(4, valueWidth - from.length), false);
    return (
      <LabelledValue label={LABELS[field]} labelWidth={LABEL_WIDTH} focused={focused} value={value} after={<Text color={theme.muted}>{from}</Text>}>
        {focused ? <Text wrap="truncate-end" dimColor>{`    in effect this run; the stored value applies without ${override.source}`}</Text> : null}
      </LabelledValue>
    );
  }
  return (
    <LabelledValue
      label={LABELS[field]}
      labelWidth={LABEL_WIDTH}
      focused={focused}
      value={shown(field, form, maskedKey, valueWidth, focused)}
      invertWhenFocused={field !== 'apiKey' && !field.endsWith('Model') && field !== 'baseURL' && field !== 'modelFile'}
      after={focused && field === 'apiKey' ? <Text dimColor>  type/paste · {keysOf('settings', 'erase')} clears</Text> : null}
    >
      {error ? <Text wrap="truncate-end" color={theme.danger}>{`    ✗ ${error}`}</Text> : null}
      {!error && note && focused ? <Text wrap="truncate-end" dimColor>{`    ${note}`}</Text> : null}
      {!error && note && !focused && field === 'apiKey' ? <Text wrap="truncate-end" color={theme.warning}>{`    ${note}`}</Text> : null}
    </LabelledValue>
  );
}
