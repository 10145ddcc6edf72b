import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installRuntime, runtimeInfo } from '../../src/core/llm/local/runtime.js';

/**
 * The llama.cpp runtime the local-model tests load, installed the way a user's
 * `persona-talks local setup` installs it: `npm install` of node-llama-cpp and
 * this platform's prebuilt binary into its own folder. CI installs it through
 * the CLI before the tests (see .ci/run); a developer's first `npm test`
 * installs it here. It lives under node_modules/.cache, so a clean install
 * starts over, and never touches the user's own data folder.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function testRuntimeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PERSONA_TALKS_RUNTIME_DIR ? resolve(env.PERSONA_TALKS_RUNTIME_DIR) : join(repoRoot, 'node_modules', '.cache', 'persona-talks', 'local-runtime');
}

/** A lock folder, so two test files running at once do not both run npm into one folder. */
async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is installing; a lock older than ten minutes was left by a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmdirSync(lock);
      } catch {
        // it just went away
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmdirSync(lock);
  }
}

/** The runtime folder, installed from the npm registry if it is not there yet. */
export async function ensureTestRuntime(): Promise<string> {
  const dir = testRuntimeDir();
  if (runtimeInfo(dir).ready) return dir;
  return withLock(dir, async () => {
    if (!runtimeInfo(dir).ready) await installRuntime({ dir });
    return dir;
  });
}

/** Long enough for a first install from the registry on a slow connection. */
export const RUNTIME_INSTALL_TIMEOUT_MS = 600_000;

/** The machine running the tests is shared: a real model run gets room beyond vitest's default. */
export const LOCAL_TEST_TIMEOUT_MS = 120_000;
