// Before it runs a script, npm prints a banner on stdout:
//
//   (empty line)
//   > persona-talks@0.1.0 start
//   > node scripts/start.js --some args
//   (empty line)
//
// `npm start` is how most people first meet the app, and those lines are not
// the app. When npm printed them to this terminal, start.js moves the cursor
// back up over exactly those rows and clears from there, so the app's first
// frame is the first thing on screen. Plain JavaScript: it runs before any build.

/** The banner's lines as npm 7 and later print them for this script, or [] when npm printed none. */
export function npmBannerLines(env, args) {
  const event = env.npm_lifecycle_event;
  const script = env.npm_lifecycle_script;
  if (!event || !script) return []; // not started by a package manager
  if (!(env.npm_config_user_agent ?? '').startsWith('npm/')) return []; // pnpm and yarn print their own banners
  if (env.npm_config_loglevel === 'silent') return []; // `npm start --silent` prints none
  const id = env.npm_package_name && env.npm_package_version ? `${env.npm_package_name}@${env.npm_package_version} ` : '';
  const command = `> ${script.trim().replace(/\n/g, '\n> ')}${args.length > 0 ? ` ${args.join(' ')}` : ''}`;
  return ['', `> ${id}${event}`, ...command.split('\n'), ''];
}

/** Terminal rows those lines take at `columns` wide (a long line wraps onto several). */
export function rowsTaken(lines, columns) {
  const width = Math.max(1, columns);
  return lines.reduce((rows, line) => rows + Math.max(1, Math.ceil([...line].length / width)), 0);
}

/** Cursor up over the banner, back to column 0, clear to the end of the screen. */
export function eraseSequence(rows) {
  return rows > 0 ? `\u001b[${rows}A\r\u001b[J` : '';
}

/** Erases npm's banner from `stdout` when it is a terminal and npm printed one there. */
export function eraseNpmBanner(stdout, env = process.env, args = process.argv.slice(2)) {
  if (!stdout.isTTY) return;
  const rows = rowsTaken(npmBannerLines(env, args), stdout.columns ?? 80);
  if (rows > 0) stdout.write(eraseSequence(rows));
}
