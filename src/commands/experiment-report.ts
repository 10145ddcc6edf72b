import type { CommandIo } from './io.js';

/**
 * A stand-in until the report is merged: `experiment report` belongs to the
 * report's own module, which replaces this file whole.
 */
export function runExperimentReport(_args: string[], io: CommandIo): Promise<number> {
  io.stderr.write('persona-talks experiment report: not built yet.\n');
  return Promise.resolve(2);
}
