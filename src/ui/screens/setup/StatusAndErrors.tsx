import { Box, Text } from 'ink';
import { formatPersonaError } from '../../../core/personas/errors.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { keysOf } from '../../keys.js';
import { useTheme } from '../../theme.js';
import type { PersonaError, ServerStatus } from './types.js';

/** One line about the model server, so a missing one is noticed before pressing Enter. */
export function ServerStatusLine({ status }: { status: ServerStatus | undefined }) {
  const theme = useTheme();
  if (!status) return <Text dimColor>… checking the model server</Text>;
  if (status.ok) {
    return (
      <Text wrap="truncate-end" color={theme.success}>
        ✓ {status.local ? 'the model inside the app' : 'model server reachable'}
        {status.message ? ` — ${cleanForDisplay(status.message)}` : ''}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" color={theme.warning}>
      ✗ no model server reachable — press {keysOf('home', 'settings')} to set one up
      {status.message ? <Text dimColor> ({cleanForDisplay(status.message)})</Text> : null}
    </Text>
  );
}

/** A count of persona files that failed to load and the first few, as file:line field: message. */
export function PersonaErrorList({ errors, rows }: { errors: readonly PersonaError[]; rows: number }) {
  const theme = useTheme();
  if (errors.length === 0 || rows <= 0) return null;
  const shown = errors.slice(0, Math.max(0, rows - 1));
  const rest = errors.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" color={theme.danger}>
        ⚠ {errors.length} persona {errors.length === 1 ? 'problem' : 'problems'} (the other personas loaded)
        {rest > 0 ? <Text dimColor>{` · ${rest} more not shown`}</Text> : null}
      </Text>
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate-end" dimColor>
          {'  '}
          {cleanForDisplay(formatPersonaError(e))}
        </Text>
      ))}
    </Box>
  );
}
