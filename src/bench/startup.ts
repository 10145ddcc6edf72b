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
  const node = systemNode();
  try {
    // One start first, untimed, so no measured start pays for a cold file cache.
    await timeStart(process.execPath, [CLI], home.env, true);
    progress(`startup: the app and a bare Ink hello-world, ${STARTS} times each, interleaved`);
    const hello: Start[] = [];
    const apps = new Map<string, Start[]>(o.modes.map((m) => [m.name, []]));
    const launcher: Start[] = [];
    for (let i = 0; i < STARTS; i++) {
      hello.push(await timeStart(process.execPath, [HELLO], home.env, false));
      for (const mode of o.modes) apps.get(mode.name)!.push(await timeStart(process.execPath, [CLI, ...mode.args], home.env, true));
      if (node) launcher.push(await timeStart(node.path, [LAUNCHER], { ...home.env, PATH: systemPath() }, true));
    }
    const helloMs = fastest(hello, 'firstFrameMs');
    figures.add('P4 hello', `bare Ink 8 hello-world: first frame, fastest of ${STARTS}`, helloMs, { unit: 'ms', digits: 0 });
    for (const mode of o.modes) {
      const tag = `[${mode.name}]`;
      const starts = apps.get(mode.name)!;
      const frameMs = fastest(starts, 'firstFrameMs');
      const homeMs = fastest(starts, 'homeMs');
      figures.add(`P4 ${tag}`, `P4 first painted frame, app ÷ bare Ink hello-world ${tag}`, frameMs / helloMs);
      figures.add(`P4 ${tag} ms`, `app: first frame, fastest of ${STARTS}`, frameMs, { detail: true, unit: 'ms', digits: 0 });
      figures.add(`P4 ${tag} home`, 'app: home screen painted, ÷ hello-world', homeMs / helloMs, { detail: true });
      figures.add(`P4 ${tag} home ms`, 'app: home screen painted', homeMs, { detail: true, unit: 'ms', digits: 0 });
    }
    if (!node) return progress('startup: no system Node on PATH, the launcher was not measured');
    figures.add('P4 launcher', `launcher bin/persona-talks.js under Node ${node.version}: first frame`, fastest(launcher, 'firstFrameMs'), { unit: 'ms', digits: 0 });
    figures.add('P4 launcher home', 'launcher: home screen painted', fastest(launcher, 'homeMs'), { detail: true, unit: 'ms', digits: 0 });
  } finally {
    await server.stop();
    home.remove();
  }
}

/** Starts per round for each program. A busy machine only ever adds time, so each round keeps the fastest. */
const STARTS = 3;

function fastest(starts: readonly Start[], field: keyof Start): number {
  return Math.min(...starts.map((s) => s[field] ?? Infinity));
}
