import type { Strategy } from '../../core/strategies.js';

/**
 * Text laid out as screen lines ahead of rendering, so a full-screen view knows
 * exactly how many rows it takes and can show any window of them. A tone names
 * a theme role; the component that draws the lines maps it to a colour.
 */
export type Tone = 'plain' | 'seeker' | 'supporter' | 'human' | 'muted' | 'warning' | 'danger' | 'accent' | 'success' | `strategy:${Strategy}`;

export interface Span {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export type StyledLine = readonly Span[];

export const strategyTone = (strategy: Strategy): Tone => `strategy:${strategy}`;

/** A line of one span. */
export function line(text: string, tone?: Tone, bold?: boolean): StyledLine {
  return [{ text, ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) }];
}

/** The plain text of a line (tests, width checks). */
export function lineText(l: StyledLine): string {
  return l.map((s) => s.text).join('');
}
