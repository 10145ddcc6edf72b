#!/usr/bin/env node
// Launcher kept to syntax any Node can parse: our dependencies need Node >= 22,
// while many machines (ours included) ship an older system Node. When the running
// Node is too old we re-exec with the Node 22 binary that `npm install` placed in
// node_modules (the `node` devDependency, so only in a checkout); anywhere else we
// say how to get Node 22 for the way this copy was installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installKind, oldNodeAdvice } from './install-advice.js';

const launcher = fileURLToPath(import.meta.url);
const root = join(dirname(launcher), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 22) {
  // Node keeps the compiled code of the app and its libraries on disk between starts
  // (in the temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
  module.enableCompileCache?.();
  await import(pathToFileURL(join(root, 'dist', 'cli.js')).href);
} else {
  const bundled = join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(bundled)) {
    console.error(oldNodeAdvice(installKind(root), process.version));
    process.exit(1);
  }
  const result = spawnSync(bundled, [launcher, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}
