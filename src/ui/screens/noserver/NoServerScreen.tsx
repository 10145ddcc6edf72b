import { Box, Text, useInput, useWindowSize } from 'ink';
import type { ReactNode } from 'react';
import type { LocalModelOffer } from '../../../app/local.js';
import { getPreset, type PresetId } from '../../../app/providers.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { footerItems, pressed } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { LocalModelChoice } from './LocalModelChoice.js';

export interface NoServerScreenProps {
  /** checkServer's message: what went wrong and, often, what to do. */
  message: string;
  /** The base URL that was tried. */
  baseURL?: string;
  /** True while a retry is in flight. */
  checking?: boolean;
  onRetry(): void;
  onSettings(): void;
  /** Browsing and editing personas needs no server. */
  onBrowse(): void;
  onQuit(): void;
  /** The model inside the app, offered first; absent hides the offer and its key. */
  localOffer?: LocalModelOffer;
  onLocal?(): void;
}

/** A list item whose wrapped lines stay indented under its text, not under the bullet. */
function Bullet({ children }: { children: ReactNode }) {
  return (
    <Box>
      <Text> • </Text>
      <Box flexShrink={1}>
        <Text>{children}</Text>
      </Box>
    </Box>
  );
}

/** The local servers worth suggesting first: free, and one command away. */
const LOCAL_SERVERS: readonly PresetId[] = ['ollama', 'lmstudio', 'llamacpp'];

/** Shown instead of failing when no model server answers: how to connect one, and what still works. */
export function NoServerScreen({ message, baseURL, checking, onRetry, onSettings, onBrowse, onQuit, localOffer, onLocal }: NoServerScreenProps) {
  const theme = useTheme();
  const { columns } = useWindowSize();

  useInput((input, key) => {
    if (checking) return;
    if (onLocal && pressed('noServer', 'local', input, key)) onLocal();
    else if (pressed('noServer', 'retry', input, key)) onRetry();
    else if (pressed('noServer', 'settings', input, key)) onSettings();
    else if (pressed('noServer', 'browse', input, key)) onBrowse();
    else if (pressed('noServer', 'quit', input, key)) onQuit();
  });

  return (
    <Box flexDirection="column" width={Math.max(40, columns)}>
      <Text bold color={theme.warning}>No model server reachable</Text>
      <Text color={theme.danger}>{cleanForDisplay(message)}</Text>
      {/* The message usually names the URL already; the line would only repeat it. */}
      {baseURL && !message.includes(baseURL) ? <Text dimColor wrap="truncate-end">Tried {cleanForDisplay(baseURL)}</Text> : null}
      {localOffer && onLocal ? (
        <Box marginTop={1}>
          <LocalModelChoice offer={localOffer} />
        </Box>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        <Text>{localOffer && onLocal ? 'Or connect' : 'To talk, connect'} any OpenAI-compatible server:</Text>
        {LOCAL_SERVERS.map((id) => {
          const preset = getPreset(id);
          return (
            <Bullet key={id}>
              <Text bold>{preset.label}</Text>: {preset.hint}
            </Bullet>
          );
        })}
        <Bullet>
          or set <Text bold>PERSONA_TALKS_BASE_URL</Text> (and <Text bold>PERSONA_TALKS_API_KEY</Text> for a hosted API), or
          open settings.
        </Bullet>
      </Box>
      <Box marginTop={1}>
        {checking ? (
          <Text dimColor>Checking the server again…</Text>
        ) : (
          <Text wrap="wrap">
            {footerItems('noServer', onLocal ? undefined : ['retry', 'settings', 'browse', 'quit']).map((item, i) => (
              <Text key={item.keys}>
                {i > 0 ? ' · ' : ''}
                <Text color={theme.accent}>{item.keys}</Text> {item.hint}
              </Text>
            ))}
          </Text>
        )}
      </Box>
    </Box>
  );
}
