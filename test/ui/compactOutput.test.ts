import xterm from '@xterm/headless';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compactCursorMoves, compactingStdout, compactOutput, compactStyles } from '../../src/ui/compactOutput.js';

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

/** Every cell of a 30×4 terminal after `data`: its character and every attribute xterm keeps. */
async function cellsAfter(data: string): Promise<string> {
  const term = new xterm.Terminal({ cols: 30, rows: 4, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(data, resolve));
  const buffer = term.buffer.active;
  const cells: string[] = [];
  for (let y = 0; y < term.rows; y++) {
    for (let x = 0; x < term.cols; x++) {
      const c = buffer.getLine(y)!.getCell(x)!;
      cells.push(
        [c.getChars(), c.getFgColorMode(), c.getFgColor(), c.getBgColorMode(), c.getBgColor(), c.isBold(), c.isDim(), c.isItalic(), c.isUnderline(), c.isInverse(), c.isStrikethrough()].join(','),
      );
    }
  }
  return cells.join('|');
}

describe('compactStyles', () => {
  const E = '\u001b[';
  const frames = [
    // Ink re-opening a line's styles before rewriting its end.
    `ab${E}1m${E}35m${E}22m${E}90m${E}1m${E}91m [Suggestions]${E}39m${E}22m tail`,
    // Faint and bold together, cleared together by 22, then one of them again.
    `${E}2m${E}1mx${E}22m${E}2m${E}33my${E}22m${E}39mz`,
    // A reset in the middle of a run, extended colours, background, inverse and underline.
    `${E}1m${E}4m${E}0m${E}38;5;208m${E}48;2;10;20;30mq${E}7m${E}27m${E}24m${E}49m${E}39mr${E}mend`,
    // Italic on then off, crossed out, an empty parameter list.
    `${E}3m${E}23m${E}9mS${E}29m${E}ms`,
  ];

  it.each(frames.map((frame, i) => [i, frame] as const))('leaves every cell as it was (frame %i) in fewer bytes', async (_i, frame) => {
    const compacted = compactStyles(frame);
    expect(compacted.length).toBeLessThan(frame.length);
    expect(await cellsAfter(compacted)).toBe(await cellsAfter(frame));
  });

  it('writes a run as one sequence with the last setting of each attribute', () => {
    expect(compactStyles(`${E}1m${E}35m${E}22m${E}90m${E}1m${E}91mX`)).toBe(`${E}22;1;91mX`);
    expect(compactStyles(`${E}33mA${E}39mB`)).toBe(`${E}33mA${E}39mB`); // lone sequences stay as they are
  });

  it('leaves a run it cannot read as it was', () => {
    const odd = `${E}1m${E}38;7mX`; // 38 with neither 5 nor 2 after it
    expect(compactStyles(odd)).toBe(odd);
  });

  it('composes with the cursor compaction', async () => {
    const frame = `a\r\nb\u001b[1A${CNL}${CNL}${E}1m${E}22m${E}31mc${E}39m`;
    expect(await cellsAfter(compactOutput(frame))).toBe(await cellsAfter(frame));
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
