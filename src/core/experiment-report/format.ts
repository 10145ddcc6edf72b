import type { Interval, NotComputable } from '../analysis/computable.js';
import { formatP } from '../analysis/report-text.js';
import { CSI_NAMES, HEXACO_NAMES, type CsiKey, type HexacoKey } from '../traits/dimensions.js';
import type { FactorName, QualityMetric } from './aggregate.js';

/** Numbers and names as every rendering of the report writes them. */

/** A real minus sign, a fixed number of decimals, never "-0.00". */
export function num(value: number, digits = 2): string {
  const fixed = value.toFixed(digits);
  return /^-0\.?0*$/.test(fixed) ? fixed.slice(1) : fixed.replace('-', '−');
}

export function signed(value: number, digits = 2): string {
  const text = num(value, digits);
  return value > 0 && text !== num(0, digits) ? `+${text}` : text;
}

export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** "p = 0.012" / "p < 0.001". */
export function p(value: number): string {
  return `p ${formatP(value)}`;
}

/** The p-value alone: "0.012" / "< 0.001". */
export function pValue(value: number): string {
  const text = formatP(value);
  return text.startsWith('= ') ? text.slice(2) : text;
}

export function interval(ci: ({ ok: true } & Interval) | NotComputable, digits = 2): string {
  return ci.ok ? `[${num(ci.lower, digits)}, ${num(ci.upper, digits)}]` : 'no interval';
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${int(n)} ${n === 1 ? word : many}`;
}

export const FACTOR_LABEL: Readonly<Record<FactorName | 'role', string>> = {
  arm: 'arm',
  condition: 'condition (aware / blind)',
  engine: 'engine (agents / script)',
  model: 'model configuration',
  role: 'role',
};

export const METRIC_LABEL: Readonly<Record<QualityMetric, string>> = {
  empathy: "Supporter's empathy",
  relevance: "Supporter's relevance",
  initialIntensity: "Seeker's emotion intensity at the start",
  finalIntensity: "Seeker's emotion intensity at the end",
  intensityDrop: 'Drop in intensity (start − end)',
};

/** Short names for table headers and chart panels, where the long ones would crowd out the numbers. */
export const METRIC_SHORT: Readonly<Record<QualityMetric, string>> = {
  empathy: 'Empathy',
  relevance: 'Relevance',
  initialIntensity: 'Intensity at start',
  finalIntensity: 'Intensity at end',
  intensityDrop: 'Intensity drop',
};

export function dimensionName(key: string): string {
  if (key in HEXACO_NAMES) return `${key} ${HEXACO_NAMES[key as HexacoKey]}`;
  if (key === 'emotionality') return 'Emotionality (CSI)';
  return CSI_NAMES[key as CsiKey] ?? key;
}

export function hexacoName(key: HexacoKey): string {
  return HEXACO_NAMES[key];
}

export function csiName(key: CsiKey): string {
  return CSI_NAMES[key];
}

/** "−" or "+" for an expected sign. */
export function signMark(sign: number): string {
  return sign > 0 ? '+' : '−';
}
