import { Text } from 'ink';
import { useTheme } from '../../theme.js';
import type { SettingsStatus } from './settingsState.js';

/** What the last action did: the connection test's answer, or whether the settings were saved. */
export function SettingsStatusLine({ status }: { status: SettingsStatus }) {
  const theme = useTheme();
  switch (status.kind) {
    case 'idle':
      return <Text dimColor> </Text>;
    case 'testing':
      return <Text dimColor>Testing the connection…</Text>;
    case 'tested':
      return (
        <Text color={status.ok ? theme.success : theme.danger}>
          {status.ok ? '✓ ' : '✗ '}
          {status.text}
        </Text>
      );
    case 'saved':
      return <Text color={theme.success}>✓ Settings saved</Text>;
    case 'failed':
      return <Text color={theme.danger}>✗ {status.text}</Text>;
  }
}
