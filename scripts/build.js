#!/usr/bin/env node
// `npm run build`: a clean compile of src/ into dist/, then the digest of what it
// was compiled from (see build-digest.js). With --if-changed it does nothing when
// dist/ already holds a build of the current sources: npm's `prepare` (run after
// `npm install` and `npm ci` in a clone, and before `npm pack`) and `npm test`
// use that, so a repeated install or test run does not compile again.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsFresh, recordBuild, sourceDigest } from './build-digest.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Compiles; returns true when tsc succeeded (its messages went to our stdout and stderr). */
export function build(root = ROOT) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    process.stderr.write('persona-talks: TypeScript is not installed, so the app cannot be built. Run `npm install` (with dev dependencies) first.\n');
    return false;
  }
  // Taken before compiling: a file saved during the compile leaves the digest stale, so the next start builds again.
  const digest = sourceDigest(root);
  // Clean, so a deleted source file leaves no stale module behind (and none is packed).
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) return false;
  recordBuild(root, digest);
  return true;
}

/** The Node that runs npm itself, from the user agent npm gives its scripts ("npm/11.6.2 node/v20.19.5 linux x64 …"). */
export function npmNodeVersion(env = process.env) {
  return /\bnode\/v(\d+\.\d+\.\d+)/.exec(env.npm_config_user_agent ?? '')?.[1];
}

/**
 * After `npm install` on a Node older than 22, npm has just printed an EBADENGINE
 * warning for each dependency that needs Node 22. They are about the Node that
 * runs npm, not the one that runs the app: say so, in one line.
 */
export function engineWarningNote(env = process.env, appNode = process.versions.node) {
  const npmNode = npmNodeVersion(env);
  if (env.npm_lifecycle_event !== 'prepare' || !['install', 'ci'].includes(env.npm_command ?? '') || !npmNode) return undefined;
  if (Number(npmNode.split('.')[0]) >= 22 || Number(appNode.split('.')[0]) < 22) return undefined;
  return `persona-talks: the EBADENGINE warnings above are about Node ${npmNode}, which runs npm; the app, npm start and npm test run on the Node ${appNode} installed with the project.`;
}

function main(args) {
  const note = engineWarningNote();
  if (!(args.includes('--if-changed') && buildIsFresh(ROOT))) {
    const started = Date.now();
    if (!build(ROOT)) return 1;
    if (process.env.npm_lifecycle_event === 'prepare') process.stdout.write(`persona-talks: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  if (note) process.stdout.write(`${note}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
