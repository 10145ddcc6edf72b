import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { trackCpu } from './proc-cpu.js';

export interface PipedResult {
  exitCode: number | null;
  /** Bytes the app wrote to stdout and stderr: what a terminal would have been sent. */
  bytes: number;
  stdout: string;
  stderr: string;
  cpuSeconds: number;
  wallMs: number;
  /** ms after spawn when stdout first showed `endedMarker` (the conversation's end, before late judge work). */
  endedMs: number | undefined;
}

/** Runs the CLI with stdout and stderr piped (its headless text mode) and measures it from outside. */
export function runPiped(command: string, args: string[], env: Record<string, string>, options: { cwd: string; endedMarker: string }): Promise<PipedResult> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const cpu = trackCpu(child.pid!);
  let stdout = '';
  let stderr = '';
  let bytes = 0;
  let endedMs: number | undefined;
  child.stdout.on('data', (d: Buffer) => {
    bytes += d.length;
    stdout += d.toString();
    if (endedMs === undefined && stdout.includes(options.endedMarker)) endedMs = performance.now() - started;
  });
  child.stderr.on('data', (d: Buffer) => {
    bytes += d.length;
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, bytes, stdout, stderr, cpuSeconds: cpu.stop(), wallMs: performance.now() - started, endedMs }));
  });
}
