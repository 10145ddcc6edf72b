// What the built app in dist/ was compiled from, as one digest: every file under
// src/, the two tsconfig files and the TypeScript version. `npm start` compares it
// with the digest the last build wrote, so it rebuilds only when a source really
// changed (content, not timestamps: a checkout or a copy that keeps old times is
// still noticed). Plain JavaScript, so it runs before anything is built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const INPUTS = ['tsconfig.json', 'tsconfig.build.json'];

/** Where a build records its digest; it lives and dies with dist/. */
export function digestFile(root) {
  return join(root, 'dist', '.build-digest');
}

function typescriptVersion(root) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version ?? '';
  } catch {
    return '';
  }
}

/** Files under `dir`, as sorted paths relative to `root` (with / on every platform). */
function filesUnder(root, dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}

export function sourceDigest(root) {
  const hash = createHash('sha256');
  hash.update(`typescript ${typescriptVersion(root)}\0`);
  const files = [...INPUTS.filter((file) => existsSync(join(root, file))), ...filesUnder(root, join(root, 'src'))];
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/ holds a build of exactly the current sources. */
export function buildIsFresh(root) {
  if (!existsSync(join(root, 'dist', 'cli.js'))) return false;
  let recorded;
  try {
    recorded = readFileSync(digestFile(root), 'utf8').trim();
  } catch {
    return false;
  }
  return recorded === sourceDigest(root);
}

export function recordBuild(root, digest) {
  writeFileSync(digestFile(root), `${digest}\n`);
}
