import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSession } from '../core/sessions/reader.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');
export const LAUNCHER = join(ROOT, 'bin', 'persona-talks.js');

export interface AppHome {
  env: Record<string, string>;
  sessionsDir: string;
  remove(): void;
}

/**
 * A fresh settings, personas and sessions folder for one run, as a returning user
 * has them: the settings file says only that the first-run notice was seen, so
 * every other setting (judge every turn, classifier on, temperature …) is the
 * app's default. The environment is built from scratch (no NODE_ENV, no CI) so
 * the app runs as it does in a user's terminal.
 */
export function appHome(baseURL: string): AppHome {
  const root = mkdtempSync(join(tmpdir(), 'pt-bench-'));
  const config = join(root, 'config');
  const personas = join(root, 'personas');
  const sessions = join(root, 'sessions');
  for (const dir of [config, personas, sessions]) mkdirSync(dir);
  writeFileSync(join(config, 'config.json'), JSON.stringify({ seenSafetyNotice: true }));
  return {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? root,
      TERM: 'xterm-256color',
      PERSONA_TALKS_BASE_URL: baseURL,
      PERSONA_TALKS_MODEL: 'fake-model',
      PERSONA_TALKS_CONFIG_DIR: config,
      PERSONA_TALKS_PERSONAS: personas,
      PERSONA_TALKS_SESSIONS: sessions,
      // BENCH_CPU_PROF=DIR writes a V8 CPU profile of every app process into DIR.
      ...(process.env.BENCH_CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` } : {}),
    },
    sessionsDir: sessions,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The finished turns of the one session a run saved, and their text's size in bytes. */
export function savedTranscript(sessionsDir: string): { turns: number; bytes: number } {
  const files = readdirSync(sessionsDir).filter((f) => f.endsWith('.jsonl'));
  if (files.length !== 1) throw new Error(`expected one session in ${sessionsDir}, found ${files.length}`);
  const { turns } = readSession(join(sessionsDir, files[0]!));
  return { turns: turns.length, bytes: turns.reduce((n, t) => n + Buffer.byteLength(t.text), 0) };
}
