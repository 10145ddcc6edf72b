import { Box, Text } from 'ink';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { LoadedPersona } from './types.js';
import { keysOf } from '../../keys.js';
import { scrollWindow } from '../../layout/scrollWindow.js';

export interface PersonaListProps {
  title: string;
  color: string | undefined;
  items: readonly LoadedPersona[];
  selected: number;
  focused: boolean;
  rows: number;
  width: number;
}

/** One picker column: a title with the count, then a window of names that follows the selection. */
export function PersonaList({ title, color, items, selected, focused, rows, width }: PersonaListProps) {
  const { start, end } = scrollWindow(items.length, selected, rows);
  const more = items.length > end - start ? ` ${start + 1}–${end}/${items.length}` : ` (${items.length})`;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end" color={color} bold={focused}>
        {focused ? '▸ ' : '  '}
        {title}
        <Text dimColor>{more}</Text>
      </Text>
      {items.length === 0 ? (
        <Text dimColor wrap="truncate-end">  none — press {keysOf('home', 'new')} to create one</Text>
      ) : (
        items.slice(start, end).map((item, i) => {
          const isSelected = start + i === selected;
          const user = item.source === 'user' ? ' ·mine' : '';
          return (
            <Text key={item.persona.id} wrap="truncate-end" inverse={isSelected && focused} bold={isSelected}>
              {isSelected ? '› ' : '  '}
              {cleanForDisplay(item.persona.name)}
              <Text dimColor>{user}</Text>
            </Text>
          );
        })
      )}
    </Box>
  );
}
