import { render } from 'ink';
import type { ExperimentEvent } from '../app/experiment-events.js';
import { ExperimentView, type ProgressFeed } from '../ui/experiment/ExperimentView.js';
import type { ProgressAction } from '../ui/experiment/progressState.js';
import { ThemeProvider, themeFor } from '../ui/theme.js';
import type { CommandIo } from './io.js';
import type { Printer } from './experiment.js';

/**
 * The run's progress in a terminal: the Ink view, fed the run's events. Ctrl+C is
 * read as a key (the view holds the terminal in raw mode, as the app does): the
 * first stops the run cleanly, a second leaves at once (finished turns are on disk).
 */
export async function startProgressView(io: CommandIo, env: NodeJS.ProcessEnv, stop: () => void): Promise<Printer> {
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    stop();
  };
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
      <ExperimentView feed={feed} onInterrupt={onInterrupt} />
    </ThemeProvider>,
    { stdout: io.stdout as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false },
  );
  // Made now: Ink may unmount by itself (on a signal) before end() asks.
  const exited = instance.waitUntilExit();
  return {
    event: (event: ExperimentEvent) => send({ type: 'event', event, at: Date.now() }),
    stopping: () => send({ type: 'stopping' }),
    async end() {
      // The last frame (the run's end) is drawn before the view lets go of the terminal.
      await new Promise((resolve) => setTimeout(resolve, 50));
      instance.unmount();
      await exited;
    },
  };
}
