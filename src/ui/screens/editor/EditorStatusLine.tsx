import { Text } from 'ink';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { useTheme } from '../../theme.js';
import { wrap } from '../../../core/text.js';
import type { EditorStatus } from './editorState.js';

/** "✓ Saved to <path>" wrapped by us, so the screen knows how many rows it takes. */
export function savedLines(path: string, width: number): string[] {
  return wrap(`✓ Saved to ${cleanForDisplay(path)}`, width);
}

/** One line saying what just happened: saving, where it was saved, or why it could not be. */
export function EditorStatusLine({ status, problemCount, attempted, width }: { status: EditorStatus; problemCount: number; attempted: boolean; width: number }) {
  const theme = useTheme();
  switch (status.kind) {
    case 'saving':
      return <Text dimColor>Saving…</Text>;
    case 'saved':
      return <Text color={theme.success}>{savedLines(status.path, width).join('\n')}</Text>;
    case 'scoring':
      return <Text dimColor>Scoring traits from the description…</Text>;
    case 'scored':
      return <Text color={theme.success}>✓ Traits scored from the description — adjust them if you like</Text>;
    case 'failed':
      return <Text wrap="truncate-end" color={theme.danger}>✗ {status.message}</Text>;
    case 'idle':
      if (attempted && problemCount > 0) {
        return <Text color={theme.danger}>Not saved: {problemCount} {problemCount === 1 ? 'field needs' : 'fields need'} attention</Text>;
      }
      return <Text dimColor>{problemCount > 0 ? `${problemCount} to fix before saving` : 'Ready to save'}</Text>;
  }
}
