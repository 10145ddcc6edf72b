import { useEffect, useReducer, useRef } from 'react';
import type { Application } from '../../../app/application.js';
import { localFailure } from '../../../app/local.js';
import { initialLocalSetupState, localSetupReducer, type LocalSetupState } from './localSetupState.js';

export interface LocalSetupHandlers {
  /** The model is installed and loaded, and the app now runs on it. */
  onReady(): void;
  /** The user stopped it (what was downloaded is kept), or left after a failure (its message). */
  onStopped(failure?: string): void;
}

/**
 * Runs the local model's setup once, as the screen mounts: the runtime, the
 * download (stopped by `stop`, kept to go on from next time), then switching
 * the app to the model and loading it. Leaving the screen stops it too.
 */
export function useLocalSetup(app: Application, handlers: LocalSetupHandlers): [LocalSetupState, () => void] {
  const [state, dispatch] = useReducer(localSetupReducer, initialLocalSetupState);
  const controller = useRef(new AbortController());
  const latest = useRef(handlers);
  latest.current = handlers;
  const failed = useRef<string | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    const abort = controller.current;
    const run = async () => {
      try {
        await app.local.setup({
          say: (line) => alive && dispatch({ type: 'say', line }),
          watchDownload: () => ({ onEvent: (event) => alive && dispatch({ type: 'download', event }), signal: abort.signal, end: () => undefined }),
        });
        if (!alive) return;
        // Stopped while the runtime installed (npm cannot be cut short), with nothing left to download.
        if (abort.signal.aborted) return latest.current.onStopped();
        dispatch({ type: 'loading' });
        app.local.use();
        const ready = await app.checkServer();
        if (!alive) return;
        if (ready.ok) latest.current.onReady();
        else {
          failed.current = ready.message;
          dispatch({ type: 'failed', message: ready.message });
        }
      } catch (error) {
        if (!alive) return;
        const failure = localFailure(error);
        if (failure?.cancelled) return latest.current.onStopped();
        const message = failure?.message ?? (error instanceof Error ? error.message : String(error));
        failed.current = message;
        dispatch({ type: 'failed', message });
      }
    };
    void run();
    return () => {
      alive = false;
      abort.abort();
    };
  }, [app]);

  const stop = () => {
    if (failed.current !== undefined) return latest.current.onStopped(failed.current);
    dispatch({ type: 'stop' });
    controller.current.abort();
  };
  return [state, stop];
}
