import { Text } from 'ink';
import type { Segment, SegmentRole } from '../../layout/meterRowText.js';
import { useTheme, type Theme } from '../../theme.js';

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

/** One line of role-tagged segments, coloured by the theme and cut at the column's edge. */
export function SegmentLine({ segments }: { segments: readonly Segment[] }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {segments.map((s, i) => (
        <Text key={i} color={colourOf(s.role, theme)} dimColor={s.faint} bold={s.role === 'drift-severe' || s.role === 'seeker' || s.role === 'supporter'}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
