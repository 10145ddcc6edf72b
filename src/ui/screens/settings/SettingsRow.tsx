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
  modelFile: 'model file',
  test: 'Test connection',
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
}

export function SettingsRow({ field, form, focused, width, maskedKey, error, note, disabled }: SettingsRowProps) {
  const theme = useTheme();
  if (field === 'test' || field === 'save' || field === 'back') return <FormButton label={LABELS[field]} focused={focused} disabled={disabled ?? false} />;
  const valueWidth = Math.max(8, width - LABEL_WIDTH - 2);
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
