import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { STRATEGIES, STRATEGY_SHORT, type Strategy } from '../../core/strategies.js';
import { footer, pressed } from '../keys.js';
import { useTheme } from '../theme.js';

export interface StrategyPickerProps {
  title: string;
  /** Label of the ninth option, which picks no strategy (steer: clear; human turn: let it be classified). */
  noneLabel: string;
  onPick: (strategy: Strategy | undefined) => void;
  onCancel: () => void;
  active?: boolean;
  initial?: Strategy | undefined;
  width: number;
}

const NONE_INDEX = STRATEGIES.length; // the ninth row

/** The eight ESConv strategies: 1–8 pick at once, arrows + Enter too, 9 picks none, Esc cancels. */
export function StrategyPicker({ title, noneLabel, onPick, onCancel, active = true, initial, width }: StrategyPickerProps) {
  const theme = useTheme();
  const [cursor, setCursor] = useState(() => Math.max(0, initial ? STRATEGIES.indexOf(initial) : 0));
  const choose = (i: number) => onPick(i === NONE_INDEX ? undefined : STRATEGIES[i]);

  useInput(
    (input, key) => {
      if (pressed('picker', 'cancel', input, key)) return onCancel();
      const move = pressed('picker', 'move', input, key);
      if (move) return setCursor((c) => (c + (move === 'up' ? NONE_INDEX : 1)) % (NONE_INDEX + 1));
      if (pressed('picker', 'choose', input, key)) return choose(cursor);
      const number = pressed('picker', 'number', input, key);
      if (number) choose(Number(number) - 1);
    },
    { isActive: active },
  );

  const rows = [...STRATEGIES.map((s) => ({ code: STRATEGY_SHORT[s], label: s as string, color: theme.strategy[s] })), { code: '—', label: noneLabel, color: theme.muted }];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={width}>
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
        {footer('picker')}
      </Text>
    </Box>
  );
}
