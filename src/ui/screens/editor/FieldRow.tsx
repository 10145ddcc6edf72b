import { Box, Text } from 'ink';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { CsiKey, HexacoKey } from '../../../core/traits/dimensions.js';
import { useTheme } from '../../theme.js';
import { wrapText } from '../setup/scrollWindow.js';
import { formatScore, traitBar } from '../setup/traitBar.js';
import type { Draft } from './draft.js';
import type { FieldSpec } from './fields.js';

export const LABEL_WIDTH = 22;

/** A problem message wrapped to fit after the 6-column indent FieldRow gives it. */
export function problemLines(message: string | undefined, width: number): string[] {
  return message ? wrapText(message, Math.max(10, width - 6)) : [];
}

/** Show the end of a long value while typing (where the cursor is), its start otherwise. */
export function fitValue(value: string, width: number, focused: boolean): string {
  const chars = [...value];
  if (chars.length <= width) return value;
  return focused ? `…${chars.slice(chars.length - width + 1).join('')}` : `${chars.slice(0, width - 1).join('')}…`;
}

function valueText(spec: FieldSpec, draft: Draft, width: number, focused: boolean): string {
  switch (spec.kind) {
    case 'text':
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
}

/** One editable row: label, value, and any problem on the line below, so narrow screens keep it readable. */
export function FieldRow({ spec, draft, focused, width, errorLines = [], warningLines = [], disabledReason }: FieldRowProps) {
  const theme = useTheme();
  const marker = focused ? '▸ ' : '  ';
  if (spec.kind === 'action') {
    return (
      <Text wrap="truncate-end">
        {marker}
        <Text inverse={focused} dimColor={Boolean(disabledReason)} color={focused ? theme.accent : undefined}>[ {spec.label} ]</Text>
        {disabledReason ? <Text color={theme.warning}> {disabledReason}</Text> : null}
      </Text>
    );
  }
  const valueWidth = Math.max(8, width - LABEL_WIDTH - 2);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={focused ? theme.accent : undefined} bold={focused}>
          {marker}
          {spec.label.padEnd(LABEL_WIDTH)}
        </Text>
        <Text color={spec.kind === 'trait' ? theme.meterTarget : undefined} inverse={focused && spec.kind !== 'text' && spec.kind !== 'trait'}>
          {valueText(spec, draft, valueWidth, focused)}
        </Text>
        {focused && spec.kind === 'text' && spec.suggestions ? <Text dimColor> ←→ suggestions</Text> : null}
      </Text>
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
    </Box>
  );
}
