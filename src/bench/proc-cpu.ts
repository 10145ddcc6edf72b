import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time of another process, read from outside through /proc/<pid>/stat, so
 * the figure covers the whole process (every thread: JS, GC, libuv's pool) and
 * nothing the measuring process does. Linux only.
 */

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** user + system seconds of `pid` so far, or undefined once it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicks();
}

export interface CpuTracker {
  /** The latest reading (seconds); at exit, the last one taken while the process was alive. */
  latest(): number;
  stop(): number;
}

/**
 * Samples a process's CPU time every `everyMs` until stopped. A process that has
 * exited cannot be read any more, so the final figure misses at most the last
 * `everyMs` of its life: its exit, the same for every mode measured.
 */
export function trackCpu(pid: number, everyMs = 20): CpuTracker {
  let last = cpuSecondsOf(pid) ?? 0;
  const sample = () => {
    const now = cpuSecondsOf(pid);
    if (now !== undefined) last = now;
  };
  const timer = setInterval(sample, everyMs);
  return {
    latest: () => {
      sample();
      return last;
    },
    stop: () => {
      clearInterval(timer);
      sample();
      return last;
    },
  };
}
