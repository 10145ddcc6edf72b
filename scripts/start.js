#!/usr/bin/env node
// `npm start`: the built app, at once. npm's banner is erased (npm-banner.js);
// dist/ is rebuilt first only when a source changed since the last build (a
// digest check of a few milliseconds, build-digest.js). `npm run dev` keeps
// dist/ built while you edit, so this never has to.
import { buildIsFresh } from './build-digest.js';
import { build, ROOT } from './build.js';
import { eraseNpmBanner } from './npm-banner.js';

eraseNpmBanner(process.stdout);

if (!buildIsFresh(ROOT)) {
  const status = process.stderr.isTTY;
  process.stderr.write('persona-talks: dist/ is missing or older than the sources; compiling (a few seconds)…\n');
  if (!build(ROOT)) process.exit(1);
  // The note has done its job once the app is about to draw: take it off the screen.
  if (status) process.stderr.write('\u001b[1A\r\u001b[2K');
}

// The launcher picks the Node (ours is 22 under npm) and runs dist/cli.js with our arguments.
await import('../bin/persona-talks.js');
