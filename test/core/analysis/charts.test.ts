import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { correlationHeatmapSpec } from '../../../src/core/analysis/charts/correlation-heatmap.js';
import { ARM_COLOURS, armColours, dimensionLabel, REFERENCE_FILL, relativeLuminance } from '../../../src/core/analysis/charts/palette.js';
import { qualityChartSpec, testSummary, type QualityRating } from '../../../src/core/analysis/charts/quality-chart.js';
import { renderSvg, renumberIds } from '../../../src/core/analysis/charts/render-svg.js';
import { strategyMixChartSpec } from '../../../src/core/analysis/charts/strategy-mix-chart.js';
import { traitShiftChartSpec } from '../../../src/core/analysis/charts/trait-shift-chart.js';
import { traitCorrelationMatrix, type PersonaTraits } from '../../../src/core/analysis/correlation-matrix.js';
import { compareArms } from '../../../src/core/analysis/rank-tests.js';
import { compareStrategies } from '../../../src/core/analysis/strategy-comparison.js';
import { traitShiftByGroup, type TraitObservation } from '../../../src/core/analysis/trait-fidelity.js';
import { STRATEGIES } from '../../../src/core/strategies.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES } from '../../../src/core/traits/dimensions.js';

/** The text content of every <text> element, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] as string).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

/** Valid XML, an <svg> root, and nothing that reaches outside the file. */
function expectOfflineSvg(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg.startsWith('<svg')).toBe(true);
  // The only URLs allowed are the XML namespace names, which are identifiers, never fetched.
  const urls = [...svg.matchAll(/[a-z][\w+.-]*:\/\/[^\s"'<>)]*/gi)].map((m) => m[0]);
  expect(urls.filter((u) => u !== 'http://www.w3.org/2000/svg' && u !== 'http://www.w3.org/1999/xlink')).toEqual([]);
  expect(svg).not.toMatch(/\bhref\s*=/i);
  expect(svg).not.toMatch(/url\((?!#)/i);
  expect(svg).not.toMatch(/@import|<script|<image|<foreignObject/i);
}

function personas(count: number): PersonaTraits[] {
  // Deterministic, varied scores; CSI emotionality follows HEXACO E (agrees), preciseness runs against C (disagrees).
  return Array.from({ length: count }, (_, i) => {
    const s = (k: number) => 1 + ((i * k * 7 + k) % 41) / 10;
    return {
      hexaco: { H: s(3), E: s(5), X: s(7), A: s(11), C: s(13), O: s(17) },
      csi: {
        expressiveness: s(19),
        preciseness: 6 - s(13),
        verbal_aggressiveness: s(23),
        questioningness: s(29),
        emotionality: s(5),
        impression_manipulativeness: s(31),
      },
    };
  });
}

describe('palette', () => {
  it('arm colours step in greyscale lightness, and the reference is white', () => {
    const luminance = ARM_COLOURS.map(relativeLuminance);
    for (let i = 1; i < luminance.length; i++) expect((luminance[i] as number) - (luminance[i - 1] as number)).toBeGreaterThanOrEqual(0.1);
    expect(relativeLuminance(REFERENCE_FILL) - (luminance.at(-1) as number)).toBeGreaterThanOrEqual(0.1);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(armColours(10)).toHaveLength(10);
    expect(() => relativeLuminance('navy')).toThrow(RangeError);
  });

  it('names dimensions, telling the two Emotionalities apart', () => {
    expect(dimensionLabel('E')).toBe('Emotionality');
    expect(dimensionLabel('emotionality')).toBe('Emotionality (CSI)');
    expect(dimensionLabel('verbal_aggressiveness')).toBe('Verbal Aggressiveness');
    expect(dimensionLabel('warmth\u001b[2J')).toBe('warmth␛[2J');
  });
});

describe('renderSvg', () => {
  it('refuses to load data from a URL or a file', async () => {
    await expect(renderSvg({ data: { url: 'https://example.com/data.json' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } })).rejects.toThrow(/offline/);
    await expect(renderSvg({ data: { url: 'data.csv' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } })).rejects.toThrow(/offline/);
  });

  it('numbers ids per chart, so charts share an HTML page and the bytes are stable', async () => {
    const spec = correlationHeatmapSpec(traitCorrelationMatrix(personas(10)));
    const first = await renderSvg(spec, { idPrefix: 'rq1' });
    expect(await renderSvg(spec, { idPrefix: 'rq1' })).toBe(first);
    const ids = [...first.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id?.startsWith('rq1-'))).toBe(true);
    for (const ref of first.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
    const other = await renderSvg(spec, { idPrefix: 'rq1b' });
    expect(other).not.toBe(first);
    expect(renumberIds('<svg><g id="a"/><p fill="url(#a)"/><g id="b"/></svg>', 'x')).toBe('<svg><g id="x-1"/><p fill="url(#x-1)"/><g id="x-2"/></svg>');
    expect(() => renumberIds('<svg/>', '1"bad')).toThrow(RangeError);
  });
});

describe('RQ1 heatmap', () => {
  it('renders every dimension name, the values, and the six predicted pairs with their expected signs', async () => {
    const matrix = traitCorrelationMatrix(personas(40));
    const svg = await renderSvg(correlationHeatmapSpec(matrix));
    expectOfflineSvg(svg);
    const labels = texts(svg);
    for (const k of HEXACO_KEYS) expect(labels).toContain(HEXACO_NAMES[k]);
    for (const k of CSI_KEYS) expect(labels).toContain(CSI_NAMES[k]);
    expect(labels.filter((t) => t === 'exp. −')).toHaveLength(2);
    expect(labels.filter((t) => t === 'exp. +')).toHaveLength(4);
    // E ↔ CSI Emotionality was built to agree perfectly.
    expect(labels).toContain('1.00***');
    const disagreeing = matrix.cells.filter((c) => c.predicted?.pearson.ok && !c.predicted.pearson.agrees).length;
    expect(disagreeing).toBeGreaterThan(0);
    expect(svg.match(/stroke-dasharray="6,4"/g) ?? []).toHaveLength(disagreeing);
    expect(labels.some((t) => t.includes('over 40 personas'))).toBe(true);
  });

  it('marks cells that are not computable', async () => {
    const spec = correlationHeatmapSpec(traitCorrelationMatrix(personas(2)), { method: 'spearman' });
    const svg = await renderSvg(spec);
    expectOfflineSvg(svg);
    expect(texts(svg).filter((t) => t === 'n/a')).toHaveLength(36);
    expect(texts(svg).some((t) => t.includes('Spearman ρ'))).toBe(true);
  });
});

describe('RQ2 trait-shift bars', () => {
  const observations: TraitObservation[] = [];
  for (let c = 0; c < 12; c++) {
    for (const role of ['seeker', 'supporter']) {
      for (const dimension of ['E', 'X', 'emotionality']) {
        observations.push({ conversation: `c${c}`, dimension, target: 1 + (c % 5), measured: 1 + ((c * 3 + dimension.length) % 5), factors: { role, condition: c % 2 ? 'aware' : 'blind' } });
      }
    }
  }

  it('one bar per arm and dimension, panels per role, interval lines where computable', async () => {
    const cells = traitShiftByGroup(observations, ['condition', 'role'], { seed: 1 });
    const svg = await renderSvg(traitShiftChartSpec(cells, { armBy: ['condition'], panelBy: 'role' }));
    expectOfflineSvg(svg);
    const labels = texts(svg);
    for (const l of ['Emotionality', 'eXtraversion', 'Emotionality (CSI)', 'aware', 'blind', 'seeker', 'supporter', 'Trait shift per dimension']) expect(labels).toContain(l);
    // 2 roles × 2 arms × 3 dimensions bars, each with an interval drawn twice (a halo and a line).
    expect(cells.every((c) => c.ci.ok)).toBe(true);
    expect(svg.match(/aria-roledescription="bar"/g) ?? []).toHaveLength(12);
    expect(svg.match(/aria-roledescription="rule mark"/g) ?? []).toHaveLength(24);
  });

  it('leaves out the interval where a cell has one conversation, and neutralises labels', async () => {
    const one = observations.filter((o) => o.conversation === 'c0').map((o) => ({ ...o, factors: { ...o.factors, condition: 'blind\u001b]52;c;evil\u0007 <b>' } }));
    const cells = traitShiftByGroup(one, ['condition'], { seed: 1 });
    expect(cells.every((c) => !c.ci.ok)).toBe(true);
    const svg = await renderSvg(traitShiftChartSpec(cells, { armBy: ['condition'] }));
    expectOfflineSvg(svg);
    expect(svg.match(/aria-roledescription="bar"/g) ?? []).toHaveLength(3);
    expect(svg).not.toMatch(/aria-roledescription="rule mark"/);
    // XML 1.0 forbids these control characters; the label's ESC and BEL must arrive as visible pictures.
    expect([...svg].filter((ch) => (ch.codePointAt(0) as number) < 0x20 && !'\t\n\r'.includes(ch))).toEqual([]);
    expect(texts(svg)).toContain('blind␛]52;c;evil␇ <b>');
    expect(() => traitShiftChartSpec(cells, { armBy: ['model'] })).toThrow(/no factor "model"/);
  });
});

describe('RQ3 strategy mix', () => {
  it('every strategy, every arm with its n, and the ESConv reference', async () => {
    const comparison = compareStrategies([
      { arm: 'with persona', counts: { Question: 12, Others: 4, Information: 3, 'Self-disclosure': 5 } },
      { arm: 'without persona', counts: { Question: 20, 'Providing Suggestions': 9 } },
    ]);
    const svg = await renderSvg(strategyMixChartSpec(comparison.mix, { reference: comparison.reference }));
    expectOfflineSvg(svg);
    const labels = texts(svg);
    for (const s of STRATEGIES) expect(labels).toContain(s);
    for (const l of ['with persona (n = 24)', 'without persona (n = 29)', 'ESConv human supporters']) expect(labels).toContain(l);
    expect(svg).toContain(`fill="${REFERENCE_FILL}"`);
  });
});

describe('dialogue quality', () => {
  const ratings: QualityRating[] = [];
  const arms = { 'with persona': [4, 5, 3, 4, 4, 5, 2, 4], 'without persona': [3, 3, 2, 4, 3, 1, 3] };
  for (const [arm, values] of Object.entries(arms)) for (const value of values) ratings.push({ arm, metric: 'empathy', value }, { arm, metric: 'relevance', value: 6 - value });

  it('a panel per rating titled with its rank test, a bar per arm, scores in the legend', async () => {
    const tests = {
      empathy: compareArms(Object.entries(arms).map(([arm, values]) => ({ arm, values }))),
      relevance: compareArms([{ arm: 'with persona', values: [] }]),
    };
    const svg = await renderSvg(qualityChartSpec(ratings, { tests }));
    expectOfflineSvg(svg);
    const labels = texts(svg);
    expect(labels).toContain(`empathy — ${testSummary(tests.empathy)}`);
    expect(testSummary(tests.empathy)).toMatch(/^Mann–Whitney p = 0\.\d{3}, rank-biserial r = 0\.\d\d$/);
    expect(labels.find((l) => l.startsWith('relevance — no test: a comparison needs at least two arms'))).toBeDefined();
    for (const l of ['with persona', 'without persona', '1', '5']) expect(labels).toContain(l);
  });

  it('aggregates to counts, so the spec stays small however many conversations', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ arm: i % 2 ? 'a' : 'b', metric: 'empathy', value: 1 + (i % 5) }));
    const spec = qualityChartSpec(many);
    expect((spec as { data: { values: unknown[] } }).data.values).toHaveLength(10);
    expect(() => qualityChartSpec([{ arm: 'a', metric: 'm', value: Number.NaN }])).toThrow(RangeError);
  });
});
