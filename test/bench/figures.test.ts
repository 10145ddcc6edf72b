import { describe, expect, it } from 'vitest';
import { cpuSecondsOf } from '../../src/bench/proc-cpu.js';
import { fitLine } from '../../src/bench/prompt-growth.js';
import { Figures, formatTable, spread } from '../../src/bench/summary.js';

describe('bench arithmetic', () => {
  it('min / median / max of odd and even counts', () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
  });

  it('a line through growing prompts extrapolates, a flat one stays flat', () => {
    const growing = fitLine([[100, 1000], [150, 1500], [200, 2000]]);
    expect(growing.intercept + growing.slope * 800).toBeCloseTo(8000);
    const flat = fitLine([[100, 700], [150, 700], [200, 700]]);
    expect(flat.intercept + flat.slope * 800).toBeCloseTo(700);
  });

  it('rows keep their first order and collect one value per run', () => {
    const figures = new Figures();
    for (const v of [2, 4, 3]) {
      figures.add('P1', 'ratio', v);
      figures.add('P1 tui', 'detail', v * 10, { detail: true, digits: 0 });
    }
    const table = formatTable(figures.list()).split('\n');
    expect(table[2]).toMatch(/^ratio\s+2\.00\s+3\.00\s+4\.00\s+3$/);
    expect(table[3]).toMatch(/^ {4}detail\s+20\s+30\s+40\s+3$/);
  });
});

describe('CPU read from /proc', () => {
  it.runIf(process.platform === 'linux')('agrees with what the process reports about itself', () => {
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    const own = process.cpuUsage();
    const fromProc = cpuSecondsOf(process.pid)!;
    // /proc counts in clock ticks (10 ms): allow a few of them.
    expect(Math.abs(fromProc - (own.user + own.system) / 1e6)).toBeLessThan(0.1);
    expect(cpuSecondsOf(2 ** 22 + 12345)).toBeUndefined();
  });
});
