import { render } from 'ink';
import type { ExperimentEvent } from '../app/experiment-events.js';
import { ExperimentView, type ProgressFeed } from '../ui/experiment/ExperimentView.js';
import type { ProgressAction } from '../ui/experiment/progressState.js';
import { ThemeProvider, themeFor } from '../ui/theme.js';
import type { CommandIo } from './io.js';
import type { Printer } from './experiment.js';

/**
 * The run's progress in a terminal: the Ink view, fed the run's events. No key is
 * read (the terminal stays out of raw mode), so Ctrl+C is the ordinary SIGINT the
 * command's signal handler turns into a clean stop.
 */
export async function startProgressView(io: CommandIo, env: NodeJS.ProcessEnv): Promise<Printer> {
  const listeners = new Set<(action: ProgressAction) => void>();
  const backlog: ProgressAction[] = [];
  const send = (action: ProgressAction) => {
    if (listeners.size === 0) backlog.push(action);
    for (const listener of listeners) listener(action);
  };
  const feed: ProgressFeed = {
    subscribe(listener) {
      listeners.add(listener);
      for (const action of backlog.splice(0)) listener(action);
      return () => listeners.delete(listener);
    },
  };
  const instance = render(
    <ThemeProvider theme={themeFor(env)}>
      <ExperimentView feed={feed} />
    </ThemeProvider>,
    { stdout: io.stdout as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false },
  );
  return {
    event: (event: ExperimentEvent) => send({ type: 'event', event, at: Date.now() }),
    stopping: () => send({ type: 'stopping' }),
    async end() {
      // The last frame (the run's end) is drawn before the view lets go of the terminal.
      await new Promise((resolve) => setTimeout(resolve, 50));
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
