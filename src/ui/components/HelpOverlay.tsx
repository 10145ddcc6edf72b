import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

export interface KeyHelp {
  keys: string;
  action: string;
}

export const CONVERSATION_KEYS: readonly KeyHelp[] = [
  { keys: 'space / p', action: 'pause or resume' },
  { keys: 'n', action: 'step one turn (while paused)' },
  { keys: 's', action: "steer the supporter's next strategy" },
  { keys: 't', action: 'switch HEXACO / CSI' },
  { keys: 'm', action: 'trait panel on/off (! drift ≥ 1, ? unsure)' },
  { keys: 'w', action: 'switch speaker in a narrow trait panel' },
  { keys: 'q / Esc', action: 'stop (asks first)' },
  { keys: '?', action: 'this help' },
];

export const COMPOSER_KEYS: readonly KeyHelp[] = [
  { keys: 'Enter', action: 'send your message' },
  { keys: 'Ctrl+J / Alt+Enter', action: 'new line' },
  { keys: '← → Home End', action: 'move the cursor · Ctrl+U clears' },
  { keys: 'Esc', action: 'stop the conversation (asks first)' },
];

/** A titled list of keys and what they do, keys padded to one column. */
export function KeySection({ title, keys, keyWidth }: { title: string; keys: readonly KeyHelp[]; keyWidth: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {keys.map((k) => (
        <Text key={k.keys} wrap="truncate-end">
          <Text color={theme.accent}>{k.keys.padEnd(keyWidth)}</Text>
          {k.action}
        </Text>
      ))}
    </Box>
  );
}

export const keyColumn = (...lists: ReadonlyArray<readonly KeyHelp[]>) => Math.max(...lists.flat().map((k) => k.keys.length)) + 2;

export function HelpOverlay({ width }: { width: number }) {
  const theme = useTheme();
  const keyWidth = keyColumn(CONVERSATION_KEYS, COMPOSER_KEYS);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={Math.min(width, 72)}>
      <KeySection title="Conversation keys" keys={CONVERSATION_KEYS} keyWidth={keyWidth} />
      <KeySection title="When it is your turn" keys={COMPOSER_KEYS} keyWidth={keyWidth} />
      <Text color={theme.muted}>Press ? or Esc to close.</Text>
    </Box>
  );
}
