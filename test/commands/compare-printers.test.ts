import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createComparisonNdjsonPrinter, createComparisonTextPrinter } from '../../src/commands/compare-printers.js';
import type { ComparisonEvent } from '../../src/app/compare.js';
import { paintWith } from '../../src/commands/colours.js';
import { CONTROL_BYTES, makeHeader, makeTurns } from '../core/sessions/fixtures.js';

const HOSTILE = 'Fine.\u001b[2J\u001b]0;pwned\u0007 Really\u009b31m fine.';

function events(): ComparisonEvent[] {
  const header = makeHeader({ personas: { ...makeHeader().personas, supporter: { ...makeHeader().personas.supporter, name: 'Ana\u001b[31m' } } });
  const [opening, reply] = makeTurns([
    ['seeker', 'The ferry line closes in spring.'],
    ['supporter', HOSTILE, 'Question'],
  ]);
  return [
    { type: 'side', side: 'A', event: { type: 'session-started', header } },
    { type: 'side', side: 'B', event: { type: 'session-started', header } },
    { type: 'side', side: 'A', event: { type: 'turn-finished', turn: opening! } },
    { type: 'side', side: 'B', event: { type: 'turn-finished', turn: opening! } },
    { type: 'side', side: 'B', event: { type: 'turn-finished', turn: reply! } },
    { type: 'side', side: 'B', event: { type: 'notice', level: 'warn', message: `odd \u001b[5m reply` } },
  ];
}

describe('comparison printers', () => {
  it('text: a shared turn once as AB, the rest with their side; model text neutralised', () => {
    let out = '';
    let err = '';
    const plain = paintWith(new Chalk({ level: 0 }));
    const print = createComparisonTextPrinter((t) => (out += t), (t) => (err += t), { sharedTurns: 1 }, { out: plain, err: plain });
    for (const e of events()) print(e);
    expect(out.match(/^AB \[1\]/gm)?.length).toBe(1);
    expect(out).toMatch(/^B {2}\[2\] Ana.*\(supporter\) \[Question\]: Fine\./m);
    expect(out).not.toMatch(CONTROL_BYTES);
    expect(err).toContain('B  warning: odd');
    expect(err).not.toMatch(CONTROL_BYTES);
  });

  it('NDJSON: one JSON object a line, each event of a side tagged with it', () => {
    let out = '';
    const print = createComparisonNdjsonPrinter((t) => (out += t));
    for (const e of events()) print(e);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { side?: string; type: string });
    expect(lines.length).toBe(6);
    expect(lines.map((l) => l.side)).toEqual(['A', 'B', 'A', 'B', 'B', 'B']);
    expect(lines[4]!.type).toBe('turn-finished');
  });
});
