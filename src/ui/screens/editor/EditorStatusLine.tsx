import { Text } from 'ink';
import { useNow } from '../../hooks/useNow.js';
import { keysOf } from '../../keys.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { useTheme } from '../../theme.js';
import { wrap } from '../../../core/text.js';
import type { EditorStatus } from './editorState.js';

/** "✓ Saved to <path>" wrapped by us, so the screen knows how many rows it takes. */
export function savedLines(path: string, width: number): string[] {
  return wrap(`✓ Saved to ${cleanForDisplay(path)}`, width);
}

/** One line saying what just happened: saving, where it was saved, or why it could not be. */
export function EditorStatusLine({ status, problemCount, attempted, width, unscored = false }: { status: EditorStatus; problemCount: number; attempted: boolean; width: number; unscored?: boolean }) {
  const theme = useTheme();
  const now = useNow(status.kind === 'scoring');
  switch (status.kind) {
    case 'saving':
      return <Text dimColor>Saving…</Text>;
    case 'saved':
      return <Text color={theme.success}>{savedLines(status.path, width).join('\n')}</Text>;
    case 'scoring':
      return (
        <Text dimColor wrap="truncate-end">
          Scoring traits from the description… {Math.floor((now - status.startedAt) / 1000)}s · {keysOf('editor', 'back')} stops
        </Text>
      );
    case 'scored':
      return <Text color={theme.success}>✓ Traits scored from the description — adjust them if you like</Text>;
    case 'failed':
      return <Text wrap="truncate-end" color={theme.danger}>✗ {status.message}</Text>;
    case 'idle':
      if (attempted && problemCount > 0) {
        return <Text color={theme.danger}>Not saved: {problemCount} {problemCount === 1 ? 'field needs' : 'fields need'} attention</Text>;
      }
      if (problemCount > 0) return <Text dimColor>{`${problemCount} to fix before saving`}</Text>;
      return <Text dimColor wrap="truncate-end">{unscored ? 'Ready to save · traits not scored yet (set one or score the description)' : 'Ready to save'}</Text>;
  }
}
