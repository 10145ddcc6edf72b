import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appHome, CLI, LAUNCHER, ROOT } from './app-env.js';
import type { BenchOptions } from './options.js';
import { FRAME_START, spawnInPty } from './pty-app.js';
import { startBenchServer } from './server.js';
import type { Figures } from './summary.js';

const HELLO = fileURLToPath(new URL('./hello-ink.js', import.meta.url));
const HOME_SCREEN = 'pick a seeker';

/** The user's own Node: PATH without npm's node_modules/.bin, which `npm run` puts first (with our Node 22 in it). */
function systemPath(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.split(/[\\/]/).includes('node_modules'))
    .join(delimiter);
}

/** The `node` a user's shell would run, or undefined when there is none. */
export function systemNode(): { path: string; version: string } | undefined {
  const path = systemPath()
    .split(delimiter)
    .map((dir) => join(dir, 'node'))
    .find((file) => existsSync(file));
  return path ? { path, version: execFileSync(path, ['--version'], { encoding: 'utf8' }).trim() } : undefined;
}

interface Start {
  firstFrameMs: number;
  homeMs: number | undefined;
}

/** Spawns a program in the 100×40 PTY and times its first frame (and the home screen, if it has one); then ends it. */
async function timeStart(command: string, args: string[], env: Record<string, string>, waitForHome: boolean): Promise<Start> {
  const app = spawnInPty(command, args, env, { cwd: ROOT, watch: [HOME_SCREEN] });
  let exited = false;
  void app.exited.then(() => (exited = true));
  try {
    if (waitForHome) await app.waitForScreen((s) => s.includes(HOME_SCREEN), 'the home screen');
    else await app.exited;
    const firstFrameMs = app.firstSeen(FRAME_START);
    if (firstFrameMs === undefined) throw new Error(`${args.join(' ')} painted no frame`);
    return { firstFrameMs, homeMs: app.firstSeen(HOME_SCREEN) };
  } finally {
    if (!exited) {
      app.write('\u0003'); // Ctrl+C: the app's own way out
      const gone = await Promise.race([app.exited, new Promise<undefined>((r) => setTimeout(r, 5_000))]);
      if (!gone) app.kill();
    }
  }
}

/**
 * P4: time to the first painted frame, the app (per mode) ÷ a bare Ink 8
 * hello-world, both `node FILE` with the project's Node 22 in the same PTY; and
 * the launcher a user runs (bin/persona-talks.js under their own Node, which
 * re-executes itself with Node 22 when theirs is older) to its first frame.
 */
export async function measureStartup(o: BenchOptions, figures: Figures, progress: (text: string) => void): Promise<void> {
  const server = await startBenchServer({});
  const home = appHome(server.url);
  try {
    // One start first, untimed, so no measured start pays for a cold file cache.
    await timeStart(process.execPath, [CLI], home.env, true);
    progress('startup: bare Ink hello-world');
    const hello = await timeStart(process.execPath, [HELLO], home.env, false);
    figures.add('P4 hello', 'bare Ink 8 hello-world: first frame', hello.firstFrameMs, { unit: 'ms', digits: 0 });
    for (const mode of o.modes) {
      progress(`startup: the app, ${mode.name} mode`);
      const app = await timeStart(process.execPath, [CLI, ...mode.args], home.env, true);
      const tag = `[${mode.name}]`;
      figures.add(`P4 ${tag}`, `P4 first painted frame, app ÷ bare Ink hello-world ${tag}`, app.firstFrameMs / hello.firstFrameMs);
      figures.add(`P4 ${tag} ms`, 'app: first frame', app.firstFrameMs, { detail: true, unit: 'ms', digits: 0 });
      if (app.homeMs !== undefined) {
        figures.add(`P4 ${tag} home`, 'app: home screen painted, ÷ hello-world', app.homeMs / hello.firstFrameMs, { detail: true });
        figures.add(`P4 ${tag} home ms`, 'app: home screen painted', app.homeMs, { detail: true, unit: 'ms', digits: 0 });
      }
    }
    const node = systemNode();
    if (!node) return progress('startup: no system Node on PATH, the launcher is not measured');
    progress(`startup: the launcher under the system Node ${node.version}`);
    const launcher = await timeStart(node.path, [LAUNCHER], { ...home.env, PATH: systemPath() }, true);
    figures.add('P4 launcher', `launcher bin/persona-talks.js under Node ${node.version}: first frame`, launcher.firstFrameMs, { unit: 'ms', digits: 0 });
    if (launcher.homeMs !== undefined) figures.add('P4 launcher home', 'launcher: home screen painted', launcher.homeMs, { detail: true, unit: 'ms', digits: 0 });
  } finally {
    await server.stop();
    home.remove();
  }
}
