import { Box, Text, useInput, usePaste } from 'ink';
import { useRef, useState } from 'react';
import { cleanForDisplay } from '../../core/sanitize.js';
import { wrap } from '../../core/text.js';
import { footer } from '../keys.js';
import { useTheme } from '../theme.js';
import { applyComposerKey, clampCursor, COMPOSER_MAX_CHARS, composerWindow, insertText } from './composerText.js';

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
  // The cursor is the composer's own; the text lives in the reducer. A cleared
  // text (after sending) pulls the cursor back with the clamp.
  const [cursorState, setCursorState] = useState(value.length);
  const cursorRef = useRef(cursorState);
  cursorRef.current = clampCursor(value, cursorState);
  const moveTo = (cursor: number) => {
    cursorRef.current = cursor;
    setCursorState(cursor);
  };
  const change = (next: string, cursor: number, dropped: number) => {
    latest.current = next;
    moveTo(cursor);
    onChange(next);
    if (dropped > 0) onTruncated(dropped);
  };
  useInput(
    (input, key) => {
      const edit = applyComposerKey(latest.current, cursorRef.current, input, key, maxChars);
      if (edit.kind === 'submit') {
        moveTo(0);
        onSubmit(latest.current.trim());
      } else if (edit.kind === 'change') change(edit.value, edit.cursor, edit.dropped);
      else if (edit.kind === 'move') moveTo(edit.cursor);
    },
    { isActive: active },
  );
  // Bracketed pastes come whole on their own channel, newlines and all.
  usePaste(
    (text) => {
      const result = insertText(latest.current, text, maxChars, cursorRef.current);
      change(result.value, result.cursor, result.dropped);
    },
    { isActive: active },
  );
  const view = composerWindow(value, cursorRef.current, width - 4, maxLines, (text, w) => wrap(text, w, { spaces: 'keep' }));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={active ? theme.human : theme.muted} paddingX={1} width={width}>
      <Text wrap="truncate-end">
        <Text color={theme.human} bold>
          {label}
        </Text>
        <Text color={theme.muted}>
          {' '}
          {value.length}/{maxChars} · {footer('composer', ['send', 'newLine', 'move'])}
        </Text>
      </Text>
      {view.hiddenAbove > 0 ? <Text color={theme.muted}>… {view.hiddenAbove} more above</Text> : null}
      <Text wrap="wrap">
        {cleanForDisplay(view.before)}
        {active ? <Text color={theme.human}>▍</Text> : null}
        {cleanForDisplay(view.after)}
      </Text>
      {view.hiddenBelow > 0 ? <Text color={theme.muted}>… {view.hiddenBelow} more below</Text> : null}
    </Box>
  );
}
