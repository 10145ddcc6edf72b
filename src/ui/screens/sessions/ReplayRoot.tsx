import { useApp, useWindowSize } from 'ink';
import { Box } from 'ink';
import { useMemo } from 'react';
import type { ReplayConversation } from '../../../core/sessions/replay.js';
import type { LoadedSession } from '../../../core/sessions/reader.js';
import { DisplayProvider } from '../../display.js';
import { KeyInput, ScreenSlot } from '../../input/KeyInput.js';
import { KeyRouter } from '../../input/keyRouter.js';
import { pressed } from '../../keys.js';
import { themeFor, ThemeProvider } from '../../theme.js';
import { ConversationScreen } from '../ConversationScreen.js';

export interface ReplayRootProps {
  session: LoadedSession;
  replay: ReplayConversation;
  /** Draw on the whole (alternate) screen, as the app does. */
  fullScreen?: boolean;
}

/** `persona-talks replay` in a terminal: the conversation screen alone; Ctrl+C, or q or Enter at the end, leave. */
export function ReplayRoot({ session, replay, fullScreen = false }: ReplayRootProps) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const leave = () => {
    replay.stop();
    exit();
  };
  const router = useMemo(() => {
    const made = new KeyRouter((press) => {
      if (!pressed('app', 'quit', press.input, press.key)) return false;
      replay.stop();
      exit();
      return true;
    });
    made.expect('replay');
    return made;
  }, [replay, exit]);
  const { header } = session;
  return (
    <ThemeProvider theme={themeFor(process.env)}>
      <DisplayProvider display={{ fullScreen }}>
        <KeyInput router={router}>
          <Box flexDirection="column" {...(fullScreen ? { width: columns, height: rows, overflow: 'hidden' as const } : {})}>
            <ScreenSlot router={router} owner="replay">
              <ConversationScreen conversation={replay} mode="watch" personas={header.personas} turnCap={header.turnCap} replay onExit={leave} />
            </ScreenSlot>
          </Box>
        </KeyInput>
      </DisplayProvider>
    </ThemeProvider>
  );
}
