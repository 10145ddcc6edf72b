import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme.js';

/** The focus marker every form row starts with. */
export function focusMarker(focused: boolean): string {
  return focused ? '▸ ' : '  ';
}

/** A form's button: `[ Save ]`, inverse when focused, dim (with the reason beside it) when it cannot be used. */
export function FormButton({ label, focused, disabled = false, reason }: { label: string; focused: boolean; disabled?: boolean; reason?: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {focusMarker(focused)}
      <Text inverse={focused} dimColor={disabled} color={focused ? theme.accent : undefined}>
        [ {label} ]
      </Text>
      {reason ? <Text color={theme.warning}> {reason}</Text> : null}
    </Text>
  );
}

export interface LabelledValueProps {
  label: string;
  labelWidth: number;
  focused: boolean;
  /** The value as shown, already fitted to the row. */
  value: string;
  valueColor?: string | undefined;
  /** Draw the value inverted when focused (a choice or a slider; not text being typed). */
  invertWhenFocused?: boolean;
  /** Beside the value on the same line: a hint for the focused field. */
  after?: ReactNode;
  /** The lines under the field: its problems and notes. */
  children?: ReactNode;
}

/** A form's field: marker and padded label, the value, then whatever goes under it. */
export function LabelledValue({ label, labelWidth, focused, value, valueColor, invertWhenFocused = false, after, children }: LabelledValueProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={focused ? theme.accent : undefined} bold={focused}>
          {focusMarker(focused)}
          {label.padEnd(labelWidth)}
        </Text>
        <Text color={valueColor} inverse={focused && invertWhenFocused}>
          {value}
        </Text>
        {after}
      </Text>
      {children}
    </Box>
  );
}
