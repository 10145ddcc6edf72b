import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../../support/cli.js';
import { tempDir } from './fixtures.js';
import { writeManySessions } from './many-sessions.js';

/**
 * Exports stream: ten times the sessions must not cost ten times the memory. The
 * built CLI runs in its own process and reports its peak resident set size at exit;
 * holding every session would add far more than the session bytes themselves.
 */
const REPORT_PEAK = "data:text/javascript,process.on('exit',()=>process.stderr.write('peak_rss_kb='+process.resourceUsage().maxRSS+'\\n'))";

function peakRssKb(args: string[]): number {
  assertBuilt();
  const r = spawnSync(process.execPath, ['--import', REPORT_PEAK, join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  expect(r.status, r.stderr).toBe(0);
  const m = /peak_rss_kb=(\d+)/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return Number(m![1]);
}

// Made once for the file (the shared tempDir is emptied after every test).
const root = mkdtempSync(join(tmpdir(), 'pt-many-'));
const small = join(root, 'small');
const large = join(root, 'large');
let largeBytes = 0;
beforeAll(() => {
  writeManySessions(small, 1_000);
  largeBytes = writeManySessions(large, 10_000);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('exports of 10,000 sessions', () => {
  it.each(['esconv', 'chat-jsonl'])('--format %s stays within bounded memory', (format) => {
    const outSmall = join(tempDir(), `small.${format}`);
    const outLarge = join(tempDir(), `large.${format}`);
    const a = peakRssKb(['export', small, '--format', format, '--out', outSmall]);
    const b = peakRssKb(['export', large, '--format', format, '--out', outLarge]);
    // 9,000 more sessions (~58 MB of session files) may add only a little: nothing is held per session.
    expect(largeBytes).toBeGreaterThan(50_000_000);
    expect(b - a).toBeLessThan(40_000);
    const text = readFileSync(outLarge, 'utf8');
    expect(format === 'esconv' ? (JSON.parse(text) as unknown[]).length : text.split('\n').filter(Boolean).length).toBe(10_000);
  }, 120_000);

  it('--dataset stays within bounded memory too', () => {
    const a = peakRssKb(['export', small, '--dataset', join(tempDir(), 'ds')]);
    const dir = join(tempDir(), 'ds');
    const b = peakRssKb(['export', large, '--dataset', dir]);
    expect(b - a).toBeLessThan(40_000);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('10,000 conversations (train 8,000, validation 1,000, test 1,000)');
  }, 120_000);
});
