import type { DownloadEvent } from '../../../app/local.js';

/**
 * The local model's setup as the screen shows it: what step it is on, the last
 * few lines setup said (npm's among them), the download's progress, and how it
 * ended. A pure reducer, like the other screens'.
 */

export type SetupPhase = 'installing' | 'downloading' | 'verifying' | 'loading' | 'stopping' | 'failed';

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes?: number;
  bytesPerSecond: number;
  etaSeconds?: number;
  /** Bytes an earlier, interrupted download had already brought. */
  resumedFrom: number;
}

export interface LocalSetupState {
  phase: SetupPhase;
  /** What setup said, newest last (a few lines). */
  lines: readonly string[];
  progress?: DownloadProgress;
  /** Why it failed, in words for the user. */
  error?: string;
}

export type LocalSetupAction =
  | { type: 'say'; line: string }
  | { type: 'download'; event: DownloadEvent }
  | { type: 'loading' }
  | { type: 'stop' }
  | { type: 'failed'; message: string };

export const SHOWN_LINES = 6;

export const initialLocalSetupState: LocalSetupState = { phase: 'installing', lines: [] };

export function localSetupReducer(state: LocalSetupState, action: LocalSetupAction): LocalSetupState {
  switch (action.type) {
    case 'say':
      return { ...state, lines: [...state.lines, action.line].slice(-SHOWN_LINES) };
    case 'download': {
      const e = action.event;
      // A stop asked for stays asked for, whatever the download reports meanwhile.
      const phase = (next: SetupPhase): SetupPhase => (state.phase === 'stopping' ? 'stopping' : next);
      switch (e.type) {
        case 'start':
          return { ...state, phase: phase('downloading'), progress: { receivedBytes: e.resumeFrom, ...(e.totalBytes !== undefined ? { totalBytes: e.totalBytes } : {}), bytesPerSecond: 0, resumedFrom: e.resumeFrom } };
        case 'progress':
          return {
            ...state,
            phase: phase('downloading'),
            progress: {
              receivedBytes: e.receivedBytes,
              ...(e.totalBytes !== undefined ? { totalBytes: e.totalBytes } : {}),
              bytesPerSecond: e.bytesPerSecond,
              ...(e.etaSeconds !== undefined ? { etaSeconds: e.etaSeconds } : {}),
              resumedFrom: state.progress?.resumedFrom ?? 0,
            },
          };
        case 'resume':
          return { ...state, lines: [...state.lines, `connection lost (${e.reason}); going on from where it stopped`].slice(-SHOWN_LINES) };
        case 'verifying':
          return { ...state, phase: phase('verifying') };
        case 'done':
          return state.progress ? { ...state, progress: { ...state.progress, receivedBytes: e.sizeBytes, totalBytes: e.sizeBytes, bytesPerSecond: 0 } } : state;
      }
      return state;
    }
    case 'loading':
      return { ...state, phase: 'loading' };
    case 'stop':
      return state.phase === 'failed' || state.phase === 'loading' ? state : { ...state, phase: 'stopping' };
    case 'failed':
      return { ...state, phase: 'failed', error: action.message };
  }
}
