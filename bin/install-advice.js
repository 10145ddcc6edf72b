// What to tell someone whose Node is too old, by how persona-talks reached them.
// Kept to syntax any Node can parse, like the launcher that imports it.
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * 'checkout': a clone of the repository (sources are never published), where
 *   `npm install` brings Node 22 as a dev dependency;
 * 'npx': fetched and run by `npx persona-talks` (npm exec's cache, `_npx`);
 * 'installed': an `npm install -g` (or a project's dependency), which runs on
 *   whatever Node is on PATH.
 */
export function installKind(root, env = process.env) {
  if (existsSync(join(root, 'src', 'cli.tsx'))) return 'checkout';
  if (root.split(sep).includes('_npx') || env.npm_lifecycle_event === 'npx') return 'npx';
  return 'installed';
}

export function oldNodeAdvice(kind, nodeVersion) {
  const needs = `persona-talks needs Node.js 22 or newer (this is ${nodeVersion}).`;
  switch (kind) {
    case 'checkout':
      return `${needs} Run \`npm install\` in this folder: it brings Node 22 into node_modules, and \`npm start\` uses it.`;
    case 'npx':
      return `${needs} Let npx bring Node 22 too: \`npx -p node@22 -p persona-talks persona-talks\`.`;
    default:
      return `${needs} Install Node 22 (from nodejs.org or your version manager, e.g. \`nvm install 22\`), or run this install with Node 22 from npm: \`npx -p node@22 persona-talks\`.`;
  }
}
