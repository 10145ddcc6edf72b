import { Box, Text } from 'ink';
import type { SessionSummary } from '../../../core/sessions/list.js';
import { useTheme } from '../../theme.js';
import { scrollWindow } from '../../layout/scrollWindow.js';
import type { FamilyPlace } from './familyOrder.js';
import { fit, MIX_LETTERS, mixCells, pairLabel, rowLayout, shortDate, statusGlyph, statusWord } from './sessionRows.js';

export interface SessionListProps {
  sessions: readonly SessionSummary[];
  cursor: number;
  marked: readonly string[];
  rows: number;
  width: number;
  /** Each session's place in its family (the tree's lead, a fork's turn and change); none: a flat list. */
  places?: ReadonlyMap<string, FamilyPlace>;
}

/** The strategy mix as coloured cells, or distinct letters under NO_COLOR. */
function MixBar({ session, width }: { session: SessionSummary; width: number }) {
  const theme = useTheme();
  const cells = mixCells(session.strategyCounts, width);
  if (cells.length === 0) return <Text color={theme.muted}>{'·'.repeat(width)}</Text>;
  return (
    <Text>
      {cells.map((s, i) => (
        <Text key={i} color={theme.strategy[s]}>
          {theme.colored ? '█' : MIX_LETTERS[s]}
        </Text>
      ))}
    </Text>
  );
}

/** The names, after the family tree's lead; a fork says where it forked and what it changed. */
function familyLabel(s: SessionSummary, place: FamilyPlace | undefined): string {
  if (!place) return pairLabel(s);
  return `${place.prefix}${pairLabel(s)}${place.note ? ` · ${place.note}` : ''}`;
}

/** One line per session: cursor, mark, date, status, turns, mix, condition, [engine], names, [end reason]. */
export function SessionList({ sessions, cursor, marked, rows, width, places }: SessionListProps) {
  const theme = useTheme();
  const layout = rowLayout(width);
  const { start } = scrollWindow(sessions.length, cursor, rows);
  const shown = sessions.slice(start, start + rows);
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((s, i) => {
        const at = start + i === cursor;
        const isMarked = marked.includes(s.path);
        return (
          <Text key={s.path} wrap="truncate-end" inverse={at && !theme.colored}>
            <Text color={theme.accent}>{at ? '› ' : '  '}</Text>
            <Text color={theme.warning}>{isMarked ? '● ' : '  '}</Text>
            <Text color={theme.muted}>{shortDate(s.createdAt)} </Text>
            <Text color={s.finished ? theme.muted : theme.warning}>{statusGlyph(s)} </Text>
            <Text>{String(s.turns).padStart(3)} </Text>
            <MixBar session={s} width={layout.bar} />
            {/* An imported conversation was written by people: no condition, no engine of ours. */}
            {s.imported ? (
              <Text color={theme.muted}>{' imported'.padEnd(layout.engine ? 14 : 7)}</Text>
            ) : (
              <>
                <Text> {s.condition.padEnd(5)} </Text>
                {layout.engine ? <Text color={theme.muted}>{s.engine.padEnd(6)} </Text> : null}
              </>
            )}
            <Text bold={at}>{fit(familyLabel(s, places?.get(s.path)), layout.names)}</Text>
            {layout.reason ? <Text color={theme.muted}> {statusWord(s).slice(0, 13)}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
