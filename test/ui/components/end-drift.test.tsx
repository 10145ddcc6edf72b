import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { applyReading } from '../../../src/core/traits/meter.js';
import { EndSummary } from '../../../src/ui/components/EndSummary.js';
import { traitDrift } from '../../../src/ui/conversation/derived.js';
import { SEEKER, SUPPORTER } from '../../support/engine-fixtures.js';
import { frame } from '../helpers.js';

const hexaco = (score: number) => Object.fromEntries(['H', 'E', 'X', 'A', 'C', 'O'].map((k) => [k, { score, confidence: 0.8 }]));

describe('trait drift at the end of a conversation', () => {
  it('is the mean |measured − target| per inventory, with the largest dimension signed', () => {
    // SEEKER targets H 3.5, E 4.6, X 1.6, A 3.2, C 3, O 2.5; every measured value 3:
    // |−0.5| + |−1.6| + |+1.4| + |−0.2| + 0 + |+0.5| = 4.2 → mean 0.7; largest E −1.6.
    const seeker = applyReading(undefined, { afterTurn: 3, hexaco: hexaco(3), csi: {} });
    const [d] = traitDrift({ seeker: SEEKER, supporter: SUPPORTER }, { seeker });
    expect(d!.speaker).toBe('seeker');
    expect(d!.hexaco!.meanAbs).toBeCloseTo(0.7, 10);
    expect(d!.hexaco!.largest).toMatchObject({ key: 'E' });
    expect(d!.hexaco!.largest.delta).toBeCloseTo(-1.6, 10);
    expect(d!.csi).toBeUndefined();
  });

  it('skips a speaker with no readings or no targets (the baseline supporter)', () => {
    const baseline = { ...SUPPORTER, baseline: true, hexaco: undefined, csi: undefined };
    const supporter = applyReading(undefined, { afterTurn: 3, hexaco: hexaco(3), csi: {} });
    expect(traitDrift({ seeker: SEEKER, supporter: baseline }, { supporter })).toEqual([]);
  });

  it('is shown in the end summary', () => {
    const seeker = applyReading(undefined, { afterTurn: 3, hexaco: hexaco(3), csi: {} });
    const r = render(<EndSummary turns={[]} reason="turn-cap" sessionPath="/tmp/x.jsonl" drift={traitDrift({ seeker: SEEKER, supporter: SUPPORTER }, { seeker })} width={80} />);
    expect(frame(r)).toContain('Trait drift');
    expect(frame(r)).toMatch(/Marguerite Quill HEXACO 0\.7 \(most: E −1\.6\)/);
  });
});
