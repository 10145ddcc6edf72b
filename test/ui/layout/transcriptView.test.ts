import { describe, expect, it } from 'vitest';
import { conversationRows, MIN_TRANSCRIPT_WITH_TRAITS } from '../../../src/ui/layout/conversationLayout.js';
import { TRAIT_PANEL_ROWS } from '../../../src/ui/layout/screenBudget.js';
import { lineText, line, type StyledLine } from '../../../src/ui/layout/styledLines.js';
import { transcriptBlocks } from '../../../src/ui/layout/transcriptLines.js';
import { scrolled, viewWindow } from '../../../src/ui/layout/transcriptView.js';
import { turn } from '../scriptedConversation.js';

/** `n` blocks of `size` lines each, every line naming its block and row: "b2.1". */
function blocks(n: number, size: number): StyledLine[][] {
  return Array.from({ length: n }, (_, b) => Array.from({ length: size }, (_, l) => line(`b${b}.${l}`)));
}
const texts = (lines: readonly StyledLine[]) => lines.map(lineText);

describe('the transcript viewport window', () => {
  it('follows the newest line, no marker', () => {
    const view = viewWindow(blocks(5, 3), 4, 'follow');
    expect(texts(view.lines)).toEqual(['b4.0', 'b4.1', 'b4.2']);
    expect(view.following).toBe(true);
    expect(view.blocksBelow).toBe(0);
  });

  it('moves in jumps of two thirds of its height while following, so a new line does not shift every row', () => {
    const tops = Array.from({ length: 12 }, (_, n) => viewWindow([blocks(1, 10 + n)[0]!], 10, 'follow').top);
    expect(tops).toEqual([0, 6, 6, 6, 6, 6, 6, 12, 12, 12, 12, 12]);
    for (let n = 0; n < 12; n++) {
      const view = viewWindow([blocks(1, 10 + n)[0]!], 10, 'follow');
      expect(texts(view.lines).at(-1)).toBe(`b0.${9 + n}`); // the newest line is always on screen
      expect(view.lines.length).toBeLessThanOrEqual(10);
    }
    // A transcript shorter than the window starts at its top.
    expect(viewWindow(blocks(1, 3), 10, 'follow').top).toBe(0);
  });

  it('scrolled back, keeps one row for the marker and counts the turns below', () => {
    const all = blocks(5, 3);
    const anchor = scrolled(all, 4, viewWindow(all, 4, 'follow'), { delta: -6 });
    const view = viewWindow(all, 4, anchor);
    expect(view.following).toBe(false);
    expect(view.lines).toHaveLength(3);
    expect(texts(view.lines)).toEqual(['b2.0', 'b2.1', 'b2.2']); // six lines up from the following window's top (b4.0)
    expect(view.blocksBelow).toBe(2); // blocks 3 and 4 are wholly below
  });

  it('stays on the same text while new turns arrive below', () => {
    const before = blocks(5, 3);
    const anchor = scrolled(before, 4, viewWindow(before, 4, 'follow'), { to: 'start' });
    const after = [...before, ...blocks(3, 3).map((b, i) => b.map((l) => line(`${lineText(l)}new${i}`)))];
    expect(texts(viewWindow(after, 4, anchor).lines)).toEqual(texts(viewWindow(before, 4, anchor).lines));
  });

  it('scrolling down to the end follows again, and End jumps there', () => {
    const all = blocks(5, 3);
    const top = scrolled(all, 4, viewWindow(all, 4, 'follow'), { to: 'start' });
    expect(scrolled(all, 4, viewWindow(all, 4, top), { delta: 100 })).toBe('follow');
    expect(scrolled(all, 4, viewWindow(all, 4, top), { to: 'end' })).toBe('follow');
    // A transcript shorter than the window has nothing to scroll.
    expect(scrolled(blocks(1, 2), 4, viewWindow(blocks(1, 2), 4, 'follow'), { to: 'start' })).toBe('follow');
  });
});

describe('transcript lines on resize', () => {
  const turns = [
    turn(0, 'seeker', 'I have been lying awake most nights rehearsing what my committee might ask me.'),
    turn(1, 'supporter', 'That sounds exhausting; what do you picture them asking?', { strategy: 'Question' }),
  ];
  const names = { seeker: 'Mina', supporter: 'Frank' };

  it('re-wraps every finished turn to the new width, no line wider than it', () => {
    for (const width of [99, 59, 39]) {
      const lines = transcriptBlocks({ turns }, { width, fullBadge: width >= 80, names }).flat().map(lineText);
      for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(width);
      expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('rehearsing what my committee might ask me.');
    }
  });

  it('gives an old turn the same badge as a new one at each width', () => {
    const wide = transcriptBlocks({ turns }, { width: 99, fullBadge: true, names }).flat().map(lineText);
    const narrow = transcriptBlocks({ turns }, { width: 59, fullBadge: false, names }).flat().map(lineText);
    expect(wide).toContain('◂ Frank supporter [Question]');
    expect(narrow).toContain('◂ Frank supporter [QUE]');
  });
});

describe('sharing a full screen between the transcript and the rest', () => {
  const base = { crisis: 0, notices: 0, error: 0, composer: 0, picker: 0, confirm: 0, traits: true };

  it('always adds up to the terminal rows', () => {
    for (const rows of [20, 24, 30]) {
      for (const composer of [0, 4]) {
        const r = conversationRows({ ...base, rows, composer, crisis: 2 });
        expect(r.transcript + (r.traits ? TRAIT_PANEL_ROWS : 0) + 2 + composer + 2).toBe(rows);
      }
    }
  });

  it('hides the trait panel before the transcript gets too short to read the turn being answered', () => {
    expect(conversationRows({ ...base, rows: 30 }).traits).toBe(true);
    const typing = conversationRows({ ...base, rows: 20, composer: 4, crisis: 2 });
    expect(typing.traits).toBe(false);
    expect(typing.transcript).toBeGreaterThanOrEqual(MIN_TRANSCRIPT_WITH_TRAITS);
  });

  it('gives the end summary at most what leaves the transcript a few rows', () => {
    const r = conversationRows({ ...base, rows: 20, summaryLines: 40 });
    expect(r.summary).toBe(15);
    expect(r.transcript).toBe(3);
  });
});
