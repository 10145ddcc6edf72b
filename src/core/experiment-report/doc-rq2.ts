import type { FidelityTable, ShiftCell } from '../analysis/trait-fidelity.js';
import { cleanForDisplay as clean } from '../sanitize.js';
import { CSI_KEYS, HEXACO_KEYS } from '../traits/dimensions.js';
import { code, p, strong, type Block, type Section } from './doc-model.js';
import { dimensionName, FACTOR_LABEL, int, interval, num, plural, signed } from './format.js';
import type { ExperimentReport } from './report.js';

/** RQ2: how far the traits the conversations expressed lie from the personas' targets. */

const DIMENSIONS: readonly string[] = [...HEXACO_KEYS, ...CSI_KEYS];

function groupName(cell: ShiftCell, factors: readonly string[]): string {
  return factors.map((f) => clean(cell.group[f] ?? '')).join(' · ');
}

function shiftTables(cells: readonly ShiftCell[], groupBy: readonly string[]): Block[] {
  const factors = groupBy.filter((f) => f !== 'role');
  const blocks: Block[] = [];
  for (const role of ['seeker', 'supporter']) {
    const mine = cells.filter((c) => c.group.role === role);
    if (mine.length === 0) continue;
    const groups = [...new Set(mine.map((c) => groupName(c, factors)))];
    // Each group's usual n (its conversations); a cell with fewer says so.
    const usual = new Map(groups.map((g) => [g, Math.max(...mine.filter((c) => groupName(c, factors) === g).map((c) => c.n))]));
    const caption = `The ${role}, per ${factors.map((f) => FACTOR_LABEL[f as keyof typeof FACTOR_LABEL] ?? f).join(' · ')}: mean |measured − target| [bootstrap 95% CI], and the mean signed shift (measured − target)`;
    const cellText = (c: ShiftCell, g: string) => `${num(c.meanAbsoluteDifference)} ${interval(c.ci)}${c.n < (usual.get(g) ?? 0) ? ` (n ${int(c.n)})` : ''}`;
    if (groups.length <= 2) {
      // Side by side: a dimension per row, each group's two columns next to each other.
      const rows = DIMENSIONS.flatMap((d) => {
        const inRow = mine.filter((c) => c.dimension === d);
        if (inRow.length === 0) return [];
        return [[dimensionName(d), ...groups.flatMap((g) => {
          const c = inRow.find((x) => groupName(x, factors) === g);
          return c ? [cellText(c, g), signed(c.meanShift)] : ['—', '—'];
        })]];
      });
      blocks.push({ kind: 'table', caption, head: ['dimension', ...groups.flatMap((g) => [`${g} (n ${int(usual.get(g) ?? 0)}): |shift|`, 'shift'])], rows, numeric: [false, ...groups.flatMap(() => [true, true])] });
    } else {
      // More groups would not fit a page side by side: one row per dimension and group.
      const rows = DIMENSIONS.flatMap((d) =>
        groups.flatMap((g) => {
          const c = mine.find((x) => x.dimension === d && groupName(x, factors) === g);
          return c ? [[dimensionName(d), g, cellText(c, g), signed(c.meanShift), int(c.n)]] : [];
        }),
      );
      blocks.push({ kind: 'table', caption, head: ['dimension', factors.join(' · '), '|shift| [95% CI]', 'shift', 'n'], rows, numeric: [false, false, true, true, true] });
    }
  }
  return blocks;
}

function rankTable(tables: readonly FidelityTable[], what: string): Block[] {
  return tables.map((t) => ({
    kind: 'table' as const,
    caption: `The ${t.role}: ${what} ranked by mean |measured − target| over all dimensions (1 = closest to the personas)`,
    head: ['rank', what, 'mean |measured − target| [95% CI]', 'conversations', 'observations'],
    rows: t.rows.map((row) => [String(row.rank), clean(row.model), `${num(row.meanAbsoluteDifference)} ${interval(row.ci)}`, int(row.conversations), int(row.observations)]),
    numeric: [true, false, true, true, true],
  }));
}

export function rq2Section(r: ExperimentReport): Section {
  const q = r.rq2;
  const blocks: Block[] = [];
  const m = q.measuredFrom;
  blocks.push(
    p(
      'For each finished conversation and speaker, the traits the conversation expressed (measured) are set against the traits the persona was given (target), dimension by dimension. ',
      `Measured from: ${plural(m.measurement, 'speaker')} by the post-hoc measurement pipeline (`,
      strong('measurement'),
      ` records), ${plural(m.meter, 'speaker')} by the live trait judge's last reading (`,
      strong('meter'),
      ` records, used only where no measurement exists), ${plural(m.none, 'speaker')} not measured.`,
    ),
  );
  if (m.measurement > 0 && m.meter > 0) {
    blocks.push(p(strong('Two methods are mixed here.'), ' The pipeline rates inventory statements after the conversation; the meter estimates scores turn by turn. Their numbers are not interchangeable: measure the rest with ', code('persona-talks measure'), ', or compare like with like in traits.csv (its ', code('source'), ' column).'));
  }
  if (q.untargeted > 0) blocks.push(p(`${plural(q.untargeted, 'measured speaker')} had no target (the no-persona baseline supporter): measured, but with nothing to shift from. Their rows are in traits.csv with an empty target.`));
  if (!q.shift.ok) {
    blocks.push(p(`Not computed: ${q.shift.reason}.`));
    return { id: 'rq2', title: 'RQ2 — Trait shift', blocks };
  }
  blocks.push(p(`${plural(q.observations, 'observation')} (conversation × speaker × dimension) from ${plural(q.conversations, 'conversation')}.`));
  if (q.byArm.ok) {
    blocks.push({ kind: 'subheading', text: 'Overall, per arm' });
    blocks.push(...rankTable(q.byArm.tables, 'arm'));
  }
  blocks.push({ kind: 'subheading', text: 'Per dimension' });
  blocks.push(...shiftTables(q.shift.cells, q.groupBy));
  blocks.push({ kind: 'figure', chart: 'rq2-trait-shift', caption: 'Mean absolute difference between target and measured traits per dimension; lines are bootstrap 95% intervals over conversations.' });
  if (q.fidelity.ok) {
    blocks.push({ kind: 'subheading', text: 'Persona fidelity: which model holds a persona best' });
    blocks.push(...rankTable(q.fidelity.tables, 'model'));
  }
  blocks.push({
    kind: 'caveat',
    title: 'What this shows, and what it does not',
    items: [
      ['The mean absolute difference is a distance on the 1–5 scale (0 = measured exactly as given; at most 4). It hides direction: the signed shift beside it says whether a trait came out higher or lower than given.'],
      ['Intervals resample whole conversations (a conversation\'s dimensions move together), assuming conversations are independent. Conversations that share a persona are not fully independent, so the intervals are if anything too narrow.'],
      ['Measured traits come from a judge model reading the transcript. Part of any shift is the judge\'s own error; it weighs on every arm alike only when the same judge rated them all.'],
      ['Overlapping intervals do not show two arms or models are the same, and separate intervals are not a formal test; the ranks order point estimates.'],
    ],
  });
  return { id: 'rq2', title: 'RQ2 — Trait shift', blocks };
}
