import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../../src/app/persona-generation.js';
import { ndjsonPrinter, progressBar, summaryText, textPrinter } from '../../src/commands/personas-generate-output.js';

function stream(tty: boolean) {
  let text = '';
  const s = Object.assign(new Writable({ write: (chunk: Buffer, _e, done) => ((text += chunk.toString()), done()) }), { isTTY: tty, columns: 80 });
  return { s, text: () => text };
}

const TRAITS = { hexaco: { H: 3, E: 3, X: 3, A: 3, C: 3, O: 3 }, csi: { expressiveness: 3, preciseness: 3, verbal_aggressiveness: 3, questioningness: 3, emotionality: 3, impression_manipulativeness: 3 } };
const EVENTS: GenerationEvent[] = [
  { type: 'started', method: 'import', role: 'seeker', target: 2, candidates: 2, concurrency: 2, model: 'm', folder: '/tmp/out', resumed: { saved: 0, dropped: 0 }, notes: [] },
  { type: 'candidate', key: 'i-1', index: 0, source: 'A nurse.', line: 1 },
  { type: 'candidate', key: 'i-2', index: 1, source: 'N/A', line: 2 },
  { type: 'saved', key: 'i-1', index: 0, source: 'A nurse.', line: 1, id: 'eve', name: 'Eve\u001b[31m Red', role: 'seeker', file: '/tmp/out/eve.yaml', description: 'A nurse.', ...TRAITS },
  { type: 'dropped', key: 'i-2', index: 1, source: 'N/A', line: 2, rule: 'not-a-description', reason: 'fewer than three words' },
  { type: 'finished', target: 2, saved: 1, dropped: 1, failed: 0, resumed: { saved: 0, dropped: 0 }, rules: { 'not-a-description': 1 }, usage: { promptTokens: 10, completionTokens: 2 }, folder: '/tmp/out' },
];

describe('what personas generate / import print', () => {
  it('on a terminal: a progress line under the finished lines, redrawn in place and wiped at the end', () => {
    const out = stream(true);
    const err = stream(true);
    const printer = textPrinter({ out: out.s, err: err.s, verb: 'Importing' });
    EVENTS.forEach(printer.onEvent);
    expect(err.text()).toContain(`\r\u001b[2K${'█'.repeat(15)}${'░'.repeat(15)} 1/2 kept · 0 dropped · 1 running`);
    expect(err.text()).toContain('0/2 kept · 0 dropped · 2 running');
    expect(err.text()).toContain('1/2 kept · 1 dropped · 0 running');
    expect(err.text().endsWith('\r\u001b[2K')).toBe(true);
    expect(out.text()).toContain('kept eve: Eve␛[31m Red (seeker) ← line 1\n');
    expect(out.text()).toContain('dropped line 2, not-a-description: fewer than three words\n');
  });

  it('piped: the same lines and no progress line', () => {
    const out = stream(false);
    const err = stream(false);
    const printer = textPrinter({ out: out.s, err: err.s, verb: 'Importing' });
    EVENTS.forEach(printer.onEvent);
    expect(err.text()).toBe('Importing 2 personas with m into /tmp/out (2 at a time)…\n');
    for (const code of ['\r', '\u001b']) expect(out.text()).not.toContain(code);
    expect(out.text()).toContain('Kept 1 persona in /tmp/out; 1 of 2 asked for.\nDropped 1 (1 not-a-description); each with its reason in /tmp/out/dropped.jsonl.\n');
    // An import that kept fewer than its lines says every line was tried (generate's limit is another matter).
    expect(out.text()).toContain('Fewer than asked for: every description in the file was tried; see why in dropped.jsonl.\n');
  });

  it('generate: a candidate is named by its number, since many share one seed line', () => {
    const out = stream(false);
    const printer = textPrinter({ out: out.s, err: stream(false).s, verb: 'Generating' });
    [{ ...EVENTS[0]!, method: 'generate' } as GenerationEvent, ...EVENTS.slice(1)].forEach(printer.onEvent);
    expect(out.text()).toContain('dropped #2, not-a-description: fewer than three words\n');
    expect(out.text()).toContain('Fewer than asked for: every candidate was tried (at most 3 per persona asked for); see why in dropped.jsonl.\n');
  });

  it('NDJSON: one event a line, model text neutralised (C1 controls too)', () => {
    let text = '';
    ndjsonPrinter((t) => (text += t))({ ...(EVENTS[3] as Extract<GenerationEvent, { type: 'saved' }>), name: 'Eve\u009b31m' });
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ type: 'saved', name: 'Eve31m' });
    expect(text).not.toContain('\u009b');
  });

  it('a bar and a summary that say how far it got', () => {
    expect(progressBar(1, 4, 8)).toBe('██░░░░░░');
    expect(progressBar(9, 4, 8)).toBe('████████');
    expect(summaryText({ ...(EVENTS[5] as Extract<GenerationEvent, { type: 'finished' }>), failed: 2, stopped: 'failures', stopReason: '3 candidates in a row failed' })).toEqual([
      'Kept 1 persona in /tmp/out; 1 of 2 asked for.',
      'Dropped 1 (1 not-a-description); each with its reason in /tmp/out/dropped.jsonl.',
      '2 candidates failed on the server; run the same command again to try them.',
      'Tokens: 10 prompt + 2 completion.',
      'Stopped: 3 candidates in a row failed. Run the same command again to go on.',
    ]);
  });
});
