import { useApp, useInput } from 'ink';
import type { ReplayConversation } from '../../../core/sessions/replay.js';
import type { LoadedSession } from '../../../core/sessions/reader.js';
import { pressed } from '../../keys.js';
import { themeFor, ThemeProvider } from '../../theme.js';
import { ConversationScreen } from '../ConversationScreen.js';

export interface ReplayRootProps {
  session: LoadedSession;
  replay: ReplayConversation;
}

/** `persona-talks replay` in a terminal: the conversation screen alone; Ctrl+C, or q or Enter at the end, leave. */
export function ReplayRoot({ session, replay }: ReplayRootProps) {
  const { exit } = useApp();
  const leave = () => {
    replay.stop();
    exit();
  };
  useInput((input, key) => {
    if (pressed('app', 'quit', input, key)) leave();
  });
  const { header } = session;
  return (
    <ThemeProvider theme={themeFor(process.env)}>
      <ConversationScreen conversation={replay} mode="watch" personas={header.personas} turnCap={header.turnCap} replay onExit={leave} />
    </ThemeProvider>
  );
}
