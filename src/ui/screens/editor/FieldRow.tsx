import { Text } from 'ink';
import { FormButton, LabelledValue } from '../../components/FormRow.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { CsiKey, HexacoKey } from '../../../core/traits/dimensions.js';
import { keysOf } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { wrap } from '../../../core/text.js';
import { formatScore, traitBar } from '../../../core/text.js';
import type { Draft } from './draft.js';
import type { FieldSpec } from './fields.js';

export const LABEL_WIDTH = 22;

/** A problem message wrapped to fit after the 6-column indent FieldRow gives it. */
export function problemLines(message: string | undefined, width: number): string[] {
  return message ? wrap(message, Math.max(10, width - 6)) : [];
}

/** Show the end of a long value while typing (where the cursor is), its start otherwise. */
export function fitValue(value: string, width: number, focused: boolean): string {
  const chars = [...value];
  if (chars.length <= width) return value;
  return focused ? `…${chars.slice(chars.length - width + 1).join('')}` : `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * A focused value with the cursor drawn at `cursor` (a UTF-16 index), scrolled so
 * the cursor stays in view; … marks text cut off on either side.
 */
export function valueWithCursor(value: string, cursor: number, width: number): string {
  const chars = [...value];
  const at = [...value.slice(0, cursor)].length;
  const avail = Math.max(2, width - 1);
  if (chars.length <= avail) return [...chars.slice(0, at), '▏', ...chars.slice(at)].join('');
  const start = Math.max(0, Math.min(at - Math.floor(avail / 2), chars.length - avail));
  const shown = chars.slice(start, start + avail);
  if (start > 0) shown[0] = '…';
  if (start + avail < chars.length) shown[shown.length - 1] = '…';
  shown.splice(at - start, 0, '▏');
  return shown.join('');
}

function valueText(spec: FieldSpec, draft: Draft, width: number, focused: boolean, cursor: number | undefined): string {
  switch (spec.kind) {
    case 'text':
      if (focused && cursor !== undefined) return valueWithCursor(cleanForDisplay(draft[spec.key]), cursor, width);
      return fitValue(cleanForDisplay(draft[spec.key]), width - 1, focused) + (focused ? '▏' : '');
    case 'choice': {
      const v = spec.key === 'role' ? draft.role : draft.age_band;
      return `‹${v || 'not set'}›`;
    }
    case 'toggle':
      return draft.baseline ? '[x] yes — no traits' : '[ ] no';
    case 'intensity':
      return draft.initial_intensity === undefined ? '‹not set›' : `‹${draft.initial_intensity}/5›`;
    case 'trait': {
      if (draft.unscored) return '◂ not scored yet ▸';
      const v = spec.group === 'hexaco' ? draft.hexaco[spec.dim as HexacoKey] : draft.csi[spec.dim as CsiKey];
      return `◂ ${traitBar(v, 8)} ${formatScore(v)} ▸`;
    }
    case 'action':
      return '';
  }
}

export interface FieldRowProps {
  spec: FieldSpec;
  draft: Draft;
  focused: boolean;
  width: number;
  /** Pre-wrapped problem lines (see problemLines), so the screen can budget rows exactly. */
  errorLines?: readonly string[];
  warningLines?: readonly string[];
  /** Why an action is unavailable (e.g. Save while invalid). */
  disabledReason?: string;
  /** Cursor in a focused text field; undefined = at the end. */
  cursor?: number;
}

/** One editable row: label, value, and any problem on the line below, so narrow screens keep it readable. */
export function FieldRow({ spec, draft, focused, width, errorLines = [], warningLines = [], disabledReason, cursor }: FieldRowProps) {
  const theme = useTheme();
  if (spec.kind === 'action') return <FormButton label={spec.label} focused={focused} disabled={Boolean(disabledReason)} {...(disabledReason ? { reason: disabledReason } : {})} />;
  const valueWidth = Math.max(8, width - LABEL_WIDTH - 2);
  return (
    <LabelledValue
      label={spec.label}
      labelWidth={LABEL_WIDTH}
      focused={focused}
      value={valueText(spec, draft, valueWidth, focused, cursor)}
      valueColor={spec.kind === 'trait' ? theme.meterTarget : undefined}
      invertWhenFocused={spec.kind !== 'text' && spec.kind !== 'trait'}
      after={focused && spec.kind === 'text' && spec.suggestions ? <Text dimColor> {keysOf('editor', 'adjust')} suggestions</Text> : null}
    >
      {errorLines.map((line, i) => (
        <Text key={`e${i}`} wrap="truncate-end" color={theme.danger}>
          {i === 0 ? '    ✗ ' : '      '}
          {line}
        </Text>
      ))}
      {warningLines.map((line, i) => (
        <Text key={`w${i}`} wrap="truncate-end" color={theme.warning}>
          {i === 0 ? '    ⚠ ' : '      '}
          {line}
        </Text>
      ))}
    </LabelledValue>
  );
}
