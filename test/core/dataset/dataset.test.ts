import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runExportCommand } from '../../../src/commands/export.js';
import { assignSplits, parseSplitRatios, splitSizes } from '../../../src/core/dataset/split.js';
import { PROMPT_VERSIONS } from '../../../src/core/prompts/versions.js';
import { tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { captureIo, writeSession } from '../sessions/fixtures.js';
import { makeEverySessionKind } from '../sessions/session-kinds.js';

let server: FakeServer;
let sessions: string;
beforeAll(async () => {
  server = await startFakeOpenAI();
  sessions = tempDir('pt-dataset-src-');
  await makeEverySessionKind(server, sessions);
  // One more with what newer sessions record: prompt versions, a refusal, an error, and a record type nobody knows yet.
  const path = writeSession(sessions, {
    header: { id: 'with-failures', seed: 42, prompts: { supporter: 'v3', seeker: 'v2' } },
    turns: [['seeker', 'hello'], ['supporter', 'hi there', 'Information']],
    ended: false,
  });
  // Lines as a newer or older app may have written them, so not through the recorder: a refusal
  // missing fields, and a record type nobody knows yet.
  const at = { v: 1, at: '2025-03-01T10:01:00.000Z' };
  const lines = [
    { type: 'refusal', ...at, role: 'supporter', model: 'supporter-model', index: 3, text: 'I cannot help with that.' },
    { type: 'error', ...at, message: 'the server closed the stream' },
    { type: 'fork', ...at, from: 'elsewhere' },
    { type: 'ended', ...at, reason: 'error', turns: 2 },
  ];
  appendFileSync(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
});
afterAll(async () => {
  await server.close();
});

type Row = Record<string, unknown> & { id: string; messages: Array<{ role: string; content: string }>; dialog: Array<{ speaker: string; strategy: string | null }> };

function readRows(file: string): Row[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
}

/** The JSON type of every column, as Arrow would infer it; null fits any type. */
function columnTypes(rows: Row[]): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (v === null) continue;
      const t = Array.isArray(v) ? 'list' : typeof v;
      if (!types.has(k)) types.set(k, new Set());
      types.get(k)!.add(t);
    }
  }
  return types;
}

async function exportDataset(args: string[]) {
  const dir = join(tempDir('pt-dataset-'), 'out');
  const cap = captureIo();
  const code = await runExportCommand([sessions, '--dataset', dir, ...args], cap.io);
  return { code, dir, err: cap.stderr() };
}

function splitOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(dir, 'data'))) for (const row of readRows(join(dir, 'data', file))) out.set(row.id, file.replace('.jsonl', ''));
  return out;
}

describe('export --dataset', () => {
  it('writes loader-ready split files and a dataset card describing how the data was made', async () => {
    const { code, dir, err } = await exportDataset(['--split', '50/25/25', '--seed', '7']);
    expect(err).toMatch(/Exported 7 conversations \(train \d, validation \d, test \d\) as a dataset/);
    expect(code).toBe(0);
    const files = readdirSync(join(dir, 'data')).sort();
    expect(files).toEqual(['test.jsonl', 'train.jsonl', 'validation.jsonl']);
    const rows = files.flatMap((f) => readRows(join(dir, 'data', f)));
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.id)).size).toBe(7);
    // One schema for all rows: every row has every column, each column one type.
    const keys = Object.keys(rows[0]!);
    for (const row of rows) expect(Object.keys(row)).toEqual(keys);
    for (const [column, types] of columnTypes(rows)) expect([column, [...types]]).toEqual([column, [...types].slice(0, 1)]);
    const supporterLabels = rows.flatMap((r) => r.dialog.filter((d) => d.speaker === 'supporter').map((d) => d.strategy));
    expect(supporterLabels).toContain('Reflection of feelings');
    expect(supporterLabels).not.toContain('Reflection of Feelings');
    for (const r of rows) expect(r.messages[0]!.role).toBe('system');

    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    const front = parseYaml(card.split('---\n')[1]!) as Record<string, unknown>;
    expect(front).toMatchObject({ license: 'unknown', language: ['en'], task_categories: ['text-generation'], size_categories: ['n<1K'] });
    expect(front.configs).toEqual([
      { config_name: 'default', data_files: [{ split: 'train', path: 'data/train.jsonl' }, { split: 'validation', path: 'data/validation.jsonl' }, { split: 'test', path: 'data/test.jsonl' }] },
    ]);
    expect(card).toContain('Choose the licence before you publish');
    expect(card).toContain('**Synthetic, not clinical.**');
    expect(card).toContain('- Seeker models: seeker-model (6)');
    expect(card).toContain('- Supporter models: supporter-model (6)');
    expect(card).toMatch(/- Engines: agents \(two separate agents, one per side\) \(5\), script \(one call writes the whole dialogue\) \(1\)/);
    expect(card).toMatch(/- Modes: watch .*\(4\), join-seeker .*\(1\), join-supporter .*\(1\)/);
    // The generated sessions record the versions of the prompts they used; the hand-written one its own.
    const v = PROMPT_VERSIONS;
    expect(card).toContain(
      `- Prompt versions: reminder ${v.reminder} (4), seeker ${v.seeker} (4), supporter ${v.supporter} (4), script ${v.script} (1), seeker v2 (1), supporter v3 (1)`,
    );
    expect(card).toContain('- Seeds: 7, 42');
    expect(card).toMatch(/- Dates: \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
    expect(card).toContain('Imported from ESConv files (written by people, not synthetic): 1 conversation.');
    expect(card).toMatch(/\| supporter \| Bartholomew Finch \(`test-supporter`\) \| 5 \| 4\.0 2\.5 2\.0 4\.5 4\.0 3\.5 \|/);
    expect(card).toContain('| Reflection of feelings |');
    expect(card).toContain('| Question |');
    expect(card).toMatch(/\| Question \| \d+ \| [\d.]+% \| 20\.7% \|/);
    expect(card).toContain('- Refusals recorded: 1 (supporter (1))');
    expect(card).toContain('- Errors recorded: 1, in 1 conversation');
    expect(card).toMatch(/- How conversations ended: .*ended by an error \(1\)/);
    expect(card).toContain('Split: by conversation, shuffled with seed 7, shares train 50.0%, validation 25.0%, test 25.0%');
  });

  it('splits by whole conversation, the same way for the same seed, whatever order the files are named in', async () => {
    const a = splitOf((await exportDataset(['--seed', '3'])).dir);
    const b = splitOf((await exportDataset(['--seed', '3'])).dir);
    expect([...a].sort()).toEqual([...b].sort());
    const keys = Array.from({ length: 50 }, (_, i) => `s${i}.jsonl`);
    const one = assignSplits(keys, 11);
    const reversed = assignSplits([...keys].reverse(), 11);
    expect([...one].sort()).toEqual([...reversed].sort());
    expect([...assignSplits(keys, 12)].sort()).not.toEqual([...one].sort());
    const counts = (m: Map<string, string>) => [...m.values()].reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    expect(counts(one)).toEqual({ train: 40, validation: 5, test: 5 });
  });

  it('split sizes and ratios', () => {
    expect(splitSizes(1, { train: 0.8, validation: 0.1, test: 0.1 })).toEqual({ train: 1, validation: 0, test: 0 });
    expect(splitSizes(3, { train: 0.8, validation: 0.1, test: 0.1 })).toEqual({ train: 1, validation: 1, test: 1 });
    expect(parseSplitRatios('8:1:1')).toEqual({ train: 0.8, validation: 0.1, test: 0.1 });
    expect(parseSplitRatios('90/10')).toMatch(/three non-negative numbers/);
    expect(parseSplitRatios('0/50/50')).toMatch(/train share above 0/);
  });

  it('refuses a folder that is not empty, bad seeds and splits, and writes nothing', async () => {
    const dir = tempDir('pt-dataset-full-');
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const cap = captureIo();
    expect(await runExportCommand([sessions, '--dataset', dir], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/is not empty; give --dataset a new or empty folder \(nothing was written\)/);
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(await runExportCommand([sessions, '--dataset', join(dir, 'x'), '--seed', '-1'], captureIo().io)).toBe(2);
    expect(await runExportCommand([sessions, '--dataset', join(dir, 'x'), '--split', 'a/b/c'], captureIo().io)).toBe(2);
    expect(await runExportCommand([sessions, '--dataset', join(dir, 'x'), '--format', 'md'], captureIo().io)).toBe(2);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('an empty session set is a clear error', async () => {
    const cap = captureIo();
    const target = join(tempDir(), 'ds');
    expect(await runExportCommand([tempDir('pt-nothing-'), '--dataset', target], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/no sessions to export/);
    expect(existsSync(target)).toBe(false);
  });
});
