import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function readManifest(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined; // an unreadable or foreign package.json on the way up is not ours
  }
}

function find(): { root: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    const data = existsSync(manifest) ? readManifest(manifest) : undefined;
    if (data?.name === 'persona-talks') return (cached = { root: dir, version: String(data.version ?? '0.0.0') });
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the persona-talks package root (no package.json named persona-talks above this module)');
    dir = parent;
  }
}

/**
 * The folder holding our package.json. Walking up (instead of a fixed `../..`)
 * keeps this right both from src/ under vitest and from dist/ after tsc.
 */
export function packageRoot(): string {
  return find().root;
}

export function appVersion(): string {
  return find().version;
}
