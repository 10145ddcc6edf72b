import { Box, Text } from 'ink';
import { helpRows, keysOf, type HelpRow, type KeyContext } from '../keys.js';
import { useTheme } from '../theme.js';

/** A titled list of keys and what they do, keys padded to one column. */
function KeySection({ title, rows, keyWidth }: { title: string; rows: readonly HelpRow[]; keyWidth: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {rows.map((row) => (
        <Text key={row.keys} wrap="truncate-end">
          <Text color={theme.accent}>{row.keys.padEnd(keyWidth)}</Text>
          {row.action}
        </Text>
      ))}
    </Box>
  );
}

export interface HelpSection {
  title: string;
  context: KeyContext;
}

/** The conversation's help: its keys, and the composer's for when it is the user's turn. */
export const CONVERSATION_HELP: readonly HelpSection[] = [
  { title: 'Conversation keys', context: 'conversation' },
  { title: 'When it is your turn', context: 'composer' },
];

/** A replay's help: no steering, no composer; a speed and a next-turn key. */
export const REPLAY_HELP: readonly HelpSection[] = [{ title: 'Replay keys', context: 'replay' }];

/** The help overlay, written from the key table: one section per context. */
export function HelpOverlay({ sections, note, width }: { sections: readonly HelpSection[]; note?: string; width: number }) {
  const theme = useTheme();
  const rows = sections.map((section) => helpRows(section.context));
  const keyWidth = Math.max(...rows.flat().map((row) => row.keys.length)) + 2;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={Math.min(width, 72)}>
      {sections.map((section, i) => (
        <KeySection key={section.context} title={section.title} rows={rows[i]!} keyWidth={keyWidth} />
      ))}
      <Text color={theme.muted}>
        {note ? `${note} ` : ''}Press {keysOf('helpOverlay', 'close')} to close.
      </Text>
    </Box>
  );
}
