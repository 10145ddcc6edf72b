import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  comparisonPath,
  linkedFile,
  loadComparison,
  readComparisonLink,
  resolveComparisonArg,
  writeComparisonLink,
  type ComparisonLink,
} from '../../../src/core/sessions/comparison-link.js';
import { tempDir, writeSession } from './fixtures.js';

const TALK = [
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
] as const;

function linkFor(dir: string, a: string, b: string, id = '2025-03-01T10-00-00Z_compare_tide-seeker_ab12'): ComparisonLink {
  return {
    type: 'comparison',
    app: 'persona-talks',
    v: 1,
    id,
    createdAt: '2025-03-01T10:00:00.000Z',
    appVersion: '0.1.0',
    seed: 7,
    sharedTurns: 1,
    changes: [{ kind: 'condition', from: 'aware', to: 'blind' }],
    sides: {
      A: { id: basename(a, '.jsonl'), file: linkedFile(dir, a), label: 'condition aware' },
      B: { id: basename(b, '.jsonl'), file: linkedFile(dir, b), label: 'condition blind' },
    },
  };
}

describe('the comparison link file', () => {
  it('is written atomically beside the sessions (no temp file left), read back as written, and never overwritten', () => {
    const dir = tempDir();
    const a = writeSession(dir, { turns: TALK });
    const b = writeSession(dir, { turns: TALK, header: { condition: 'blind' } });
    const link = linkFor(dir, a, b);
    const path = writeComparisonLink(dir, link);
    expect(path).toBe(comparisonPath(dir, link.id));
    expect(readdirSync(dir).sort()).toEqual([basename(a), basename(b), basename(path)].sort());
    expect(readComparisonLink(path)).toEqual(link);
    expect(link.sides.A.file).toBe(basename(a));
    expect(() => writeComparisonLink(dir, link)).toThrow(/already exists/);
    const loaded = loadComparison(path);
    expect(loaded.sides.A.path).toBe(a);
    expect(loaded.sides.B.header.condition).toBe('blind');
  });

  it('still finds its sessions after the folder moved (files are relative to the link), and names a side that is gone', () => {
    const dir = tempDir();
    const a = writeSession(dir, { turns: TALK });
    const b = writeSession(dir, { turns: TALK });
    writeComparisonLink(dir, linkFor(dir, a, b));
    const moved = join(tempDir(), 'moved');
    renameSync(dir, moved);
    mkdirSync(dir);
    const path = join(moved, readdirSync(moved).find((f) => f.endsWith('.comparison.json'))!);
    expect(loadComparison(path).sides.B.header.id).toBe(basename(b, '.jsonl'));
    renameSync(join(moved, basename(b)), join(moved, 'elsewhere.txt'));
    expect(() => loadComparison(path)).toThrow(/side B of comparison .* is missing/);
  });

  it('a file that is not a comparison gets a clear error', () => {
    const dir = tempDir();
    const path = join(dir, 'x.comparison.json');
    writeFileSync(path, 'not json');
    expect(() => readComparisonLink(path)).toThrow(/is not a comparison \(not JSON\)/);
    writeFileSync(path, JSON.stringify({ type: 'comparison', app: 'persona-talks', v: 1 }));
    expect(() => readComparisonLink(path)).toThrow(/is not a persona-talks comparison: id /);
    writeFileSync(path, JSON.stringify({ ...linkFor(dir, join(dir, 'a.jsonl'), join(dir, 'b.jsonl')), v: 99 }));
    expect(() => readComparisonLink(path)).toThrow(/newer persona-talks/);
  });

  it('a command line names a comparison by path, id or unique prefix; anything else is left to the session lookup', () => {
    const dir = tempDir();
    const a = writeSession(dir, { turns: TALK });
    const b = writeSession(dir, { turns: TALK });
    const one = writeComparisonLink(dir, linkFor(dir, a, b, '2025-03-01T10-00-00Z_compare_tide-seeker_aaaa'));
    const two = writeComparisonLink(dir, linkFor(dir, a, b, '2025-03-01T10-00-00Z_compare_tide-seeker_bbbb'));
    expect(resolveComparisonArg(one, dir)).toBe(one);
    expect(resolveComparisonArg('2025-03-01T10-00-00Z_compare_tide-seeker_bbbb', dir)).toBe(two);
    expect(resolveComparisonArg('2025-03-01T10-00-00Z_compare_tide-seeker_a', dir)).toBe(one);
    expect(() => resolveComparisonArg('2025-03-01T10-00-00Z_compare', dir)).toThrow(/matches 2 comparisons/);
    expect(resolveComparisonArg(basename(a, '.jsonl'), dir)).toBeUndefined();
    expect(resolveComparisonArg('../elsewhere', dir)).toBeUndefined();
    expect(JSON.parse(readFileSync(one, 'utf8')).sides.A.file).toBe(basename(a));
  });
});
