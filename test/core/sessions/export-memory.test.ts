import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../../support/cli.js';
import { tempDir } from './fixtures.js';
import { writeManySessions } from './many-sessions.js';

/**
 * Exports stream: what an export holds does not grow with the sessions it writes.
 * The built CLI exports 10,000 sessions in its own process with V8's heap capped
 * well below what holding them would take, so an export that kept every session
 * (~100 MB of heap for these) dies of "heap out of memory" and fails here, while one
 * that holds a session at a time (~20 MB, mostly the app's own code) finishes. A hard
 * cap is a yes/no answer about live memory; comparing peak resident sizes of two
 * runs was not: V8 grows its heap by heuristics, and the difference moved by tens of
 * megabytes from run to run with the code the command happened to load.
 */
const HEAP_CAP_MB = 48;

function exportWithinHeapCap(args: string[]): void {
  assertBuilt();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  expect(r.stderr).not.toMatch(/heap out of memory/);
  expect(r.status, r.stderr).toBe(0);
}

// Made once for the file (the shared tempDir is emptied after every test).
const root = mkdtempSync(join(tmpdir(), 'pt-many-'));
const large = join(root, 'large');
let largeBytes = 0;
beforeAll(() => {
  largeBytes = writeManySessions(large, 10_000);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('exports of 10,000 sessions', () => {
  it('are more than the heap cap could hold', () => {
    // ~58 MB of session files, parsed into ~100 MB of objects: none of it fits under the cap at once.
    expect(largeBytes).toBeGreaterThan(HEAP_CAP_MB * 1_000_000);
  });

  it.each(['esconv', 'chat-jsonl'])('--format %s holds one session at a time', (format) => {
    const out = join(tempDir(), `large.${format}`);
    exportWithinHeapCap(['export', large, '--format', format, '--out', out]);
    const text = readFileSync(out, 'utf8');
    expect(format === 'esconv' ? (JSON.parse(text) as unknown[]).length : text.split('\n').filter(Boolean).length).toBe(10_000);
  }, 120_000);

  it('--dataset holds one session at a time too', () => {
    const dir = join(tempDir(), 'ds');
    exportWithinHeapCap(['export', large, '--dataset', dir]);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('10,000 conversations (train 8,000, validation 1,000, test 1,000)');
  }, 120_000);
});
