import { Box, Text } from 'ink';
import { cleanForDisplay } from '../../core/sanitize.js';
import { footer } from '../keys.js';
import { wrapForScreen } from '../layout/transcriptLines.js';
import { useTheme } from '../theme.js';
import { COMPOSER_MAX_CHARS, composerWindow } from './composerText.js';

export interface ComposerProps {
  value: string;
  cursor: number;
  active: boolean;
  width: number;
  label: string;
  maxLines?: number;
  maxChars?: number;
}

/** The lines of the composer's text window at `width` (border and padding taken off). */
export function composerView(value: string, cursor: number, width: number, maxLines: number) {
  return composerWindow(value, cursor, width - 4, maxLines, wrapForScreen);
}

/** Rows the composer takes: its border, the label, the text window and its "more" lines. */
export function composerRows(value: string, cursor: number, width: number, maxLines: number): number {
  const view = composerView(value, cursor, width, maxLines);
  const textRows = wrapForScreen(`${view.before}▍${view.after}`, width - 4).length;
  return 2 + 1 + textRows + (view.hiddenAbove > 0 ? 1 : 0) + (view.hiddenBelow > 0 ? 1 : 0);
}

/**
 * The message box of the join modes. It only draws: the text and cursor live in
 * the conversation's state, and the screen's one key handler edits them
 * (composerText.ts), so keys of one burst build on each other.
 */
export function Composer({ value, cursor, active, width, label, maxLines = 6, maxChars = COMPOSER_MAX_CHARS }: ComposerProps) {
  const theme = useTheme();
  const view = composerView(value, cursor, width, maxLines);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={active ? theme.human : theme.muted} paddingX={1} width={width} flexShrink={0}>
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
