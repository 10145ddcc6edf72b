import chalk from 'chalk';
import { Text } from 'ink';
import type { Segment, SegmentRole } from '../../layout/meterRowText.js';
import type { Theme } from '../../theme.js';

function colourOf(role: SegmentRole, theme: Theme): string | undefined {
  switch (role) {
    case 'plain':
      return undefined;
    case 'muted':
    case 'drift':
      return theme.muted;
    case 'fill':
    case 'measured':
    case 'spark':
      return theme.meterMeasured;
    case 'target':
      return theme.meterTarget;
    case 'drift-large':
      return theme.warning;
    case 'drift-severe':
      return theme.danger;
    case 'seeker':
      return theme.seeker;
    case 'supporter':
      return theme.supporter;
  }
}

/**
 * One line of role-tagged segments as a single styled string, styled as Ink's
 * <Text dimColor color bold> would (dim, then colour, then bold; the theme's
 * colours are chalk's names). One string per line, made when the line changes,
 * instead of a <Text> per segment that Ink would style again on every frame.
 */
export function segmentsToAnsi(segments: readonly Segment[], theme: Theme): string {
  let out = '';
  for (const [i, segment] of segments.entries()) {
    // Spaces look the same in any colour: a plain run of them takes the next segment's
    // style, so the terminal is not told to drop a colour only to take it up again.
    const next = segments[i + 1];
    const s = segment.role === 'plain' && !segment.faint && next && /^ +$/.test(segment.text) ? { ...next, text: segment.text } : segment;
    let text = s.text;
    if (s.faint) text = chalk.dim(text);
    const colour = colourOf(s.role, theme) as keyof typeof chalk | undefined;
    if (colour) text = (chalk[colour] as (t: string) => string)(text);
    if (s.role === 'drift-severe' || s.role === 'seeker' || s.role === 'supporter') text = chalk.bold(text);
    out += text;
  }
  return out;
}

/** One pre-joined line (segmentsToAnsi), cut at the column's edge. */
export function SegmentLine({ text }: { text: string }) {
  return <Text wrap="truncate-end">{text}</Text>;
}
