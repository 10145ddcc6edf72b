import { Box, Text, useInput, usePaste } from 'ink';
import { useRef } from 'react';
import { cleanForDisplay } from '../../core/sanitize.js';
import { textTail } from '../layout/textTail.js';
import { useTheme } from '../theme.js';
import { applyComposerKey, COMPOSER_MAX_CHARS, insertText } from './composerText.js';

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  /** Told when a paste is cut at the cap, so the screen can say so. */
  onTruncated: (dropped: number) => void;
  active: boolean;
  width: number;
  label: string;
  maxLines?: number;
  maxChars?: number;
}

/** Multi-line message box for join modes. The text itself lives in the reducer. */
export function Composer({ value, onChange, onSubmit, onTruncated, active, width, label, maxLines = 6, maxChars = COMPOSER_MAX_CHARS }: ComposerProps) {
  const theme = useTheme();
  // One stdin chunk can hold many key events (fast typing, an unbracketed paste),
  // all handled before React re-renders: each must build on the previous edit,
  // not on the `value` this render saw, or all but the last are lost.
  const latest = useRef(value);
  latest.current = value;
  const change = (next: string, dropped: number) => {
    latest.current = next;
    onChange(next);
    if (dropped > 0) onTruncated(dropped);
  };
  useInput(
    (input, key) => {
      const edit = applyComposerKey(latest.current, input, key, maxChars);
      if (edit.kind === 'submit') onSubmit(latest.current.trim());
      else if (edit.kind === 'change') change(edit.value, edit.dropped);
    },
    { isActive: active },
  );
  // Bracketed pastes come whole on their own channel, newlines and all.
  usePaste(
    (text) => {
      const result = insertText(latest.current, text, maxChars);
      change(result.value, result.dropped);
    },
    { isActive: active },
  );
  const tail = textTail(value, width - 4, maxLines);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={active ? theme.human : theme.muted} paddingX={1} width={width}>
      <Text wrap="truncate-end">
        <Text color={theme.human} bold>
          {label}
        </Text>
        <Text color={theme.muted}>
          {' '}
          {value.length}/{maxChars} · Enter send · Ctrl+J new line
        </Text>
      </Text>
      {tail.hiddenLines > 0 ? <Text color={theme.muted}>… {tail.hiddenLines} more above</Text> : null}
      <Text wrap="wrap">
        {cleanForDisplay(tail.text)}
        {active ? <Text color={theme.human}>▍</Text> : null}
      </Text>
    </Box>
  );
}
