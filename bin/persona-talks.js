#!/usr/bin/env node
// Launcher kept to syntax any Node can parse: our dependencies need Node >= 22,
// while many machines (ours included) ship an older system Node. When the running
// Node is too old we re-exec with the Node 22 binary that `npm install` placed in
// node_modules (the `node` devDependency), so the command works from a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, '..', 'dist', 'cli.js');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 22) {
  await import(entry);
} else {
  const bundled = join(here, '..', 'node_modules', '.bin', 'node');
  if (!existsSync(bundled)) {
    console.error(
      `persona-talks needs Node.js 22 or newer (this is ${process.version}). ` +
        'Run `npm install` in the project folder to fetch a local Node 22, or install Node 22.',
    );
    process.exit(1);
  }
  const result = spawnSync(bundled, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}
