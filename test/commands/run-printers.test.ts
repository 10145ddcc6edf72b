import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { paintWith } from '../../src/commands/colours.js';
import { createNdjsonPrinter, createTextPrinter } from '../../src/commands/run-printers.js';
import type { EngineEvent } from '../../src/core/engine/events.js';

const EVENTS: EngineEvent[] = [
  { type: 'turn-started', index: 12, speaker: 'seeker', by: 'ai' },
  { type: 'text-delta', index: 12, speaker: 'seeker', text: 'Still awake.' },
  { type: 'turn-finished', turn: { index: 12, speaker: 'seeker', text: 'Still awake.', by: 'ai', startedAt: '', finishedAt: '' } },
  { type: 'summary', throughTurn: 11, text: 'The seeker cannot sleep since the night shifts began; the supporter asked how long.' },
  { type: 'turn-started', index: 13, speaker: 'supporter', by: 'ai' },
  { type: 'text-delta', index: 13, speaker: 'supporter', text: 'That is hard.' },
];

describe('the agents’ summary in the headless printers', () => {
  it('is one quiet line between turns in text', () => {
    let out = '';
    const paint = paintWith(new Chalk({ level: 0 }));
    const print = createTextPrinter((t) => (out += t), () => {}, { seeker: 'Odile', supporter: 'Tobias' }, { out: paint, err: paint });
    for (const e of EVENTS) print(e);
    expect(out).toBe('\n[13] Odile (seeker): Still awake.\n— turns 1–12 summarised for the agents (83 characters) —\n\n[14] Tobias (supporter): That is hard.');
  });

  it('is an event with its text in NDJSON', () => {
    const lines: string[] = [];
    const print = createNdjsonPrinter((t) => lines.push(t));
    print(EVENTS[3]!);
    expect(JSON.parse(lines[0]!)).toEqual(EVENTS[3]);
  });
});
