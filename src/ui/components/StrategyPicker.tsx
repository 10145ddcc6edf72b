import { Box, Text } from 'ink';
import { STRATEGIES, STRATEGY_SHORT, type Strategy } from '../../core/strategies.js';
import type { KeyPress } from '../input/keyPresses.js';
import { footer, pressed } from '../keys.js';
import { useTheme } from '../theme.js';

/** The ninth row picks no strategy (steer: clear; human turn: let the classifier name it). */
export const NONE_INDEX = STRATEGIES.length;

/** Rows the picker takes: border, title, nine choices, footer. */
export const PICKER_ROWS = 2 + 1 + NONE_INDEX + 1 + 1;

export type PickerKey = { kind: 'pick'; strategy: Strategy | undefined } | { kind: 'cursor'; cursor: number } | { kind: 'cancel' };

/** What a key does in the picker: 1–9 pick at once, ↑↓ move, Enter picks the highlighted row, Esc cancels. */
export function pickerKey({ input, key }: KeyPress, cursor: number): PickerKey | undefined {
  const choose = (i: number): PickerKey => ({ kind: 'pick', strategy: i === NONE_INDEX ? undefined : STRATEGIES[i] });
  if (pressed('picker', 'cancel', input, key)) return { kind: 'cancel' };
  const move = pressed('picker', 'move', input, key);
  if (move) return { kind: 'cursor', cursor: (cursor + (move === 'up' ? NONE_INDEX : 1)) % (NONE_INDEX + 1) };
  if (pressed('picker', 'choose', input, key)) return choose(cursor);
  const number = pressed('picker', 'number', input, key);
  return number ? choose(Number(number) - 1) : undefined;
}

export interface StrategyPickerProps {
  title: string;
  noneLabel: string;
  cursor: number;
  width: number;
}

/** The eight ESConv strategies and a ninth "none" row; the screen's key handler moves and picks (pickerKey). */
export function StrategyPicker({ title, noneLabel, cursor, width }: StrategyPickerProps) {
  const theme = useTheme();
  const rows = [...STRATEGIES.map((s) => ({ code: STRATEGY_SHORT[s], label: s as string, color: theme.strategy[s] })), { code: '—', label: noneLabel, color: theme.muted }];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={width} flexShrink={0}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      {rows.map((row, i) => (
        <Text key={row.label} wrap="truncate-end" inverse={i === cursor && !theme.colored}>
          <Text color={theme.accent}>{i === cursor ? '›' : ' '}</Text> {i + 1}{' '}
          <Text color={row.color} bold>
            {row.code.padEnd(3)}
          </Text>{' '}
          {row.label}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        {footer('picker', undefined, width - 4)}
      </Text>
    </Box>
  );
}
