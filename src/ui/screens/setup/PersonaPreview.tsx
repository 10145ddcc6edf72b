import { Box, Text } from 'ink';
import type { Theme } from '../../theme.js';
import { footer } from '../../keys.js';
import { useTheme } from '../../theme.js';
import type { PreviewLine, Segment } from './previewLines.js';

export interface PersonaPreviewProps {
  lines: readonly PreviewLine[];
  scroll: number;
  rows: number;
  width: number;
}

function toneColor(theme: Theme, tone: Segment['tone']): string | undefined {
  switch (tone) {
    case 'title':
      return theme.accent;
    case 'bar':
      return theme.meterTarget;
    case 'note':
      return theme.warning;
    default:
      return undefined;
  }
}

/** The persona preview: a window of pre-wrapped lines, with a hint when more is above or below. */
export function PersonaPreview({ lines, scroll, rows, width }: PersonaPreviewProps) {
  const theme = useTheme();
  const top = Math.min(scroll, Math.max(0, lines.length - rows));
  const visible = lines.slice(top, top + rows);
  const hidden = lines.length - visible.length;
  const hint = hidden > 0 ? `  ${footer('home', ['scroll'])} · ${top + 1}–${top + visible.length} of ${lines.length}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end" dimColor>
        Preview{hint}
      </Text>
      {visible.length === 0 ? <Text dimColor>(no persona selected)</Text> : null}
      {visible.map((line, i) => (
        <Text key={top + i} wrap="truncate-end">
          {line.map((seg, j) => (
            <Text key={j} color={toneColor(theme, seg.tone)} bold={seg.tone === 'title'} dimColor={seg.tone === 'dim'}>
              {seg.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
