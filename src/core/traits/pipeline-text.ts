import { traitBar } from '../text.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES, type Csi, type Hexaco } from './dimensions.js';
import { drift, isLargeDrift } from './meter.js';

/**
 * Plain-text tables of measured traits for the headless `measure` and
 * `personas score` commands: name, score, bar, and — when a target is known —
 * the target and the drift, with "!" on a large drift. Pure, so tested directly.
 */

const NAME_WIDTH = Math.max(...HEXACO_KEYS.map((k) => HEXACO_NAMES[k].length + 4), ...CSI_KEYS.map((k) => CSI_NAMES[k].length));
const BAR = 20;

const fmt = (v: number | undefined) => (v === undefined ? '  –' : v.toFixed(1).padStart(3));

/** "+0.8" / "−0.8" / " 0.0" (a true minus sign, as in the TUI). */
export function signed(delta: number): string {
  const rounded = Math.round(delta * 10) / 10;
  if (rounded === 0) return ' 0.0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}`;
}

function row(name: string, measured: number | undefined, target: number | undefined, withTarget: boolean): string {
  const bar = measured === undefined ? '·'.repeat(BAR) : traitBar(measured, BAR);
  let line = `  ${name.padEnd(NAME_WIDTH)}  ${fmt(measured)}  ${bar}`;
  if (withTarget) {
    const d = drift(measured, target);
    line += `   ${fmt(target)}  ${d === undefined ? '   –' : signed(d)}${isLargeDrift(d) ? ' !' : ''}`;
  }
  return line.trimEnd();
}

export interface TraitTableInput {
  hexaco: Partial<Hexaco>;
  csi: Partial<Csi>;
  /** The persona's given traits; adds target and Δ columns. */
  target?: { hexaco?: Hexaco; csi?: Csi };
}

export function traitTables({ hexaco, csi, target }: TraitTableInput): string {
  const withTarget = Boolean(target?.hexaco || target?.csi);
  const head = (title: string) => (withTarget ? `${title.padEnd(NAME_WIDTH + 2 + 3 + 2 + BAR + 2)}   target   Δ` : title);
  const out = [head('HEXACO (1–5)')];
  for (const k of HEXACO_KEYS) out.push(row(`${k}  ${HEXACO_NAMES[k]}`, hexaco[k], target?.hexaco?.[k], withTarget));
  out.push('', head('CSI communication styles (1–5)'));
  for (const k of CSI_KEYS) out.push(row(CSI_NAMES[k], csi[k], target?.csi?.[k], withTarget));
  if (withTarget) out.push('', '  Δ = measured − target; ! marks a drift of 1 or more');
  return out.join('\n');
}

/** The scores as persona-file YAML, one decimal, ready to paste. */
export function traitsYaml(hexaco: Hexaco, csi: Csi): string {
  const one = (v: number) => Math.round(v * 10) / 10;
  return [
    'hexaco:',
    ...HEXACO_KEYS.map((k) => `  ${k}: ${one(hexaco[k])}`),
    'csi:',
    ...CSI_KEYS.map((k) => `  ${k}: ${one(csi[k])}`),
  ].join('\n');
}
