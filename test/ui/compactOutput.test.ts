import xterm from '@xterm/headless';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compactCursorMoves, compactingStdout } from '../../src/ui/compactOutput.js';

const CNL = '\u001b[E';

/** What a 10×6 terminal shows after `data`. */
async function screenAfter(data: string): Promise<string> {
  const term = new xterm.Terminal({ cols: 10, rows: 6, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(data, resolve));
  const buffer = term.buffer.active;
  return Array.from({ length: term.rows }, (_, i) => buffer.getLine(i)?.translateToString(true) ?? '').join('\n');
}

describe('compactCursorMoves', () => {
  it('writes a run of single next-line moves as one counted move, and leaves a lone one alone', () => {
    expect(compactCursorMoves(`\u001b[5A${CNL}${CNL}${CNL}x${CNL}y`)).toBe(`\u001b[5A\u001b[3Ex${CNL}y`);
    expect(compactCursorMoves('plain text')).toBe('plain text');
  });

  it('leaves the screen exactly as the uncompacted moves do, including runs that hit the bottom', async () => {
    const frame = `a\r\nb\r\nc\r\nd\u001b[3A${CNL}${CNL}X\u001b[6A${CNL}${CNL}${CNL}${CNL}${CNL}${CNL}${CNL}${CNL}Z`;
    const compacted = compactCursorMoves(frame);
    expect(compacted.length).toBeLessThan(frame.length);
    expect(await screenAfter(compacted)).toBe(await screenAfter(frame));
  });
});

describe('compactingStdout', () => {
  it('compacts what is written and passes every other property through to the real stream', () => {
    const real = Object.assign(new PassThrough(), { columns: 77, rows: 33, isTTY: true }) as unknown as NodeJS.WriteStream;
    const out = compactingStdout(real);
    const written: string[] = [];
    real.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    let resized = 0;
    out.on('resize', () => resized++);
    real.emit('resize');
    out.write(`${CNL}${CNL}${CNL}hi`);
    expect(written.join('')).toBe('\u001b[3Ehi');
    expect([out.columns, out.rows, out.isTTY, resized]).toEqual([77, 33, true, 1]);
  });
});
