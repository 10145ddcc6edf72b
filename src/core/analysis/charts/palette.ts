import { cleanForDisplay } from '../../sanitize.js';
import { CSI_NAMES, HEXACO_NAMES, type CsiKey, type HexacoKey } from '../../traits/dimensions.js';

/**
 * Colours and labels every chart shares. Arm colours differ in hue and in
 * lightness, in steps large enough to tell apart on a greyscale print; bars
 * get a dark outline so even the lightest reads on white; the ESConv
 * reference is an outlined white bar, distinct from every arm in any print.
 */

export const ARM_COLOURS = ['#0b2545', '#0072b2', '#cc79a7', '#fdb863'] as const;
/** Used after the first four arms: distinct hues, but no longer distinct in greyscale. */
export const EXTRA_ARM_COLOURS = ['#009e73', '#8c510a', '#998ec3', '#d55e00'] as const;
export const OUTLINE = '#222222';
export const REFERENCE_FILL = '#ffffff';
export const NOT_COMPUTABLE_FILL = '#eeeeee';

/** WCAG relative luminance of a #rrggbb colour: what a greyscale print keeps of it. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function armColours(count: number): string[] {
  const all = [...ARM_COLOURS, ...EXTRA_ARM_COLOURS];
  return Array.from({ length: count }, (_, i) => all[i % all.length] as string);
}

/** Names and labels come from plan files and model configurations: untrusted text, neutralised before it reaches an SVG. */
export function label(text: string): string {
  return cleanForDisplay(text);
}

/**
 * A dimension's display name. CSI Emotionality is marked as such, since
 * HEXACO has an Emotionality too and both can share an axis.
 */
export function dimensionLabel(key: string): string {
  if (key in HEXACO_NAMES) return HEXACO_NAMES[key as HexacoKey];
  if (key === 'emotionality') return 'Emotionality (CSI)';
  if (key in CSI_NAMES) return CSI_NAMES[key as CsiKey];
  return label(key);
}

/** Shared Vega-Lite config: white background, plain fonts, no chart border. */
export const CHART_CONFIG = {
  background: 'white',
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelColor: '#222222', titleColor: '#222222', gridColor: '#dddddd' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  title: { fontSize: 14, subtitleFontSize: 11, anchor: 'start' as const, subtitleColor: '#444444' },
} as const;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
