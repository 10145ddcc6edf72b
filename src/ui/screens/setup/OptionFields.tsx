import { Box, Text } from 'ink';
import { useTheme } from '../../theme.js';
import { CONDITION_LABEL, ENGINE_LABEL, MODE_LABEL, type SetupField, type SetupState } from './setupState.js';

function Option({ label, value, focused }: { label: string; value: string; focused: boolean }) {
  const theme = useTheme();
  return (
    <Text>
      <Text color={focused ? theme.accent : undefined} bold={focused}>
        {focused ? '▸' : ' '}
        {label}{' '}
      </Text>
      <Text inverse={focused}>‹{value}›</Text>
    </Text>
  );
}

/** Condition, engine, mode and turn cap on two rows; ←/→ change the focused one. */
export function OptionFields({ state }: { state: SetupState }) {
  const f = (field: SetupField) => state.focus === field;
  return (
    <Box flexDirection="column">
      <Box columnGap={2}>
        <Option label="Condition" value={CONDITION_LABEL[state.condition]} focused={f('condition')} />
        <Option label="Engine" value={ENGINE_LABEL[state.engine]} focused={f('engine')} />
      </Box>
      <Box columnGap={2}>
        <Option label="Mode" value={MODE_LABEL[state.mode]} focused={f('mode')} />
        <Option label="Turns" value={String(state.turnCap).padStart(2)} focused={f('turnCap')} />
      </Box>
    </Box>
  );
}
