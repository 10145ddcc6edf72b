import { useCallback, useEffect, useRef, useState } from 'react';
import type { DoctorReport } from '../../app/doctor.js';

export type DoctorState =
  | { kind: 'idle' }
  | { kind: 'running'; startedAt: number }
  | { kind: 'done'; reports: DoctorReport[] }
  | { kind: 'failed'; message: string };

/**
 * `doctor` run from a screen: one check at a time, its reports kept until the
 * next run, and a result that arrives after `cancel` (or after the screen is
 * gone) dropped.
 */
export function useDoctor(check: () => Promise<DoctorReport[]>): { state: DoctorState; run(): void; cancel(): void } {
  const [state, setState] = useState<DoctorState>({ kind: 'idle' });
  const run = useRef(0);
  useEffect(() => () => void (run.current += 1), []);
  const start = useCallback(() => {
    const id = ++run.current;
    setState({ kind: 'running', startedAt: Date.now() });
    check().then(
      (reports) => id === run.current && setState({ kind: 'done', reports }),
      (error: unknown) => id === run.current && setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [check]);
  const cancel = useCallback(() => {
    run.current += 1;
    setState({ kind: 'idle' });
  }, []);
  return { state, run: start, cancel };
}
