import { describe, expect, it } from 'vitest';
import { eraseSequence, npmBannerLines, rowsTaken } from '../../scripts/npm-banner.js';
import { timeToFirstFrame } from '../../src/devtools/measure-start.js';
import { buildIsFresh } from '../../scripts/build-digest.js';
import { ROOT } from '../support/cli.js';

const NPM_START = {
  npm_lifecycle_event: 'start',
  npm_lifecycle_script: 'node scripts/start.js',
  npm_package_name: 'persona-talks',
  npm_package_version: '0.1.0',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
};

describe("npm's banner before `npm start`", () => {
  it('is the four lines npm prints, with the arguments after --', () => {
    expect(npmBannerLines(NPM_START, [])).toEqual(['', '> persona-talks@0.1.0 start', '> node scripts/start.js', '']);
    expect(npmBannerLines(NPM_START, ['run', '--help'])[2]).toBe('> node scripts/start.js run --help');
  });

  it('is nothing to erase when npm printed none: --silent, another package manager, or no npm at all', () => {
    expect(npmBannerLines({ ...NPM_START, npm_config_loglevel: 'silent' }, [])).toEqual([]);
    expect(npmBannerLines({ ...NPM_START, npm_config_user_agent: 'pnpm/10.0.0 npm/? node/v22.0.0 linux x64' }, [])).toEqual([]);
    expect(npmBannerLines({}, [])).toEqual([]);
  });

  it('counts the rows a long line wraps onto', () => {
    expect(rowsTaken(['', 'x'.repeat(80), 'x'.repeat(81), ''], 80)).toBe(1 + 1 + 2 + 1);
    expect(eraseSequence(5)).toBe('\u001b[5A\r\u001b[J');
    expect(eraseSequence(0)).toBe('');
  });

  it('is not on the full screen the app draws by default (the alternate screen)', async () => {
    if (!buildIsFresh(ROOT)) throw new Error('dist/ is not a build of the current sources: run `npm run build` first');
    const { screen } = await timeToFirstFrame({ label: 'npm start', command: 'sh', args: ['-c', 'echo line-before-npm-start; npm start'] }, ROOT);
    expect(screen).toContain('Before you start');
    expect(screen).not.toMatch(/^> /m);
    expect(screen).not.toContain('line-before-npm-start'); // the normal screen waits behind the app's
  }, 30_000);

  it('is gone from a real terminal when the app draws inline, and what was on screen before stays', async () => {
    if (!buildIsFresh(ROOT)) throw new Error('dist/ is not a build of the current sources: run `npm run build` first');
    const { screen } = await timeToFirstFrame({ label: 'npm start', command: 'sh', args: ['-c', 'echo line-before-npm-start; npm start -- --inline'] }, ROOT);
    expect(screen).toContain('Before you start');
    expect(screen).toContain('line-before-npm-start');
    expect(screen).not.toMatch(/^> /m);
    // the app's first line follows straight on from what was there before
    const lines = screen.split('\n');
    expect(lines[lines.indexOf('line-before-npm-start') + 1]).toMatch(/^╭/);
  }, 30_000);
});
