import { Box, Text, useWindowSize } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { useKeyedReducer } from '../../hooks/useKeyedReducer.js';
import { canPlay, type Persona } from '../../../core/personas/schema.js';
import { HelpOverlay } from '../../components/HelpOverlay.js';
import { useScreenKeys } from '../../input/KeyInput.js';
import { footer, pressed, type Command } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { OptionFields } from './OptionFields.js';
import { PersonaList } from './PersonaList.js';
import { PersonaPreview } from './PersonaPreview.js';
import { previewLines } from './previewLines.js';
import { choiceFrom, initialSetupState, setupReducer } from './setupState.js';
import { setupLayout } from './setupLayout.js';
import { PersonaErrorList, ServerStatusLine } from './StatusAndErrors.js';
import type { LoadedPersona, PersonaError, ServerStatus, SetupChoice } from './types.js';

export type { SetupChoice } from './types.js';

export interface SetupScreenProps {
  personas: LoadedPersona[];
  errors: PersonaError[];
  initial?: Partial<SetupChoice>;
  serverStatus?: ServerStatus;
  onStart(choice: SetupChoice): void;
  /** The persona to edit, or undefined to create a new one. */
  onEditPersona(persona: Persona | undefined): void;
  onOpenSettings(): void;
  /** The session browser (b); absent hides the key. */
  onBrowseSessions?(): void;
  onQuit(): void;
  /** Compare side by side from this choice (c); absent hides the key. */
  onCompare?(choice: SetupChoice): void;
}

/** Home: pick a seeker and a supporter, see who they are, choose how the conversation runs. */
export function SetupScreen({ personas, errors, initial, serverStatus, onStart, onEditPersona, onOpenSettings, onBrowseSessions, onQuit, onCompare }: SetupScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const seekers = useMemo(() => personas.filter((p) => canPlay(p.persona, 'seeker')), [personas]);
  const supporters = useMemo(() => personas.filter((p) => canPlay(p.persona, 'supporter')), [personas]);
  const seekerIds = useMemo(() => seekers.map((p) => p.persona.id), [seekers]);
  const supporterIds = useMemo(() => supporters.map((p) => p.persona.id), [supporters]);
  const [state, dispatch, latest] = useKeyedReducer(setupReducer, () => initialSetupState(seekerIds, supporterIds, initial));

  // The library is reloaded after an edit; keep the selections inside the new lists.
  useEffect(() => {
    dispatch({ type: 'counts', seekers: seekers.length, supporters: supporters.length });
  }, [seekers.length, supporters.length]);

  const [help, setHelp] = useState(false);
  const layout = setupLayout(columns, rows, { seekers: seekers.length, supporters: supporters.length, errors: errors.length, note: state.note !== undefined });
  const shown = state.previewSide === 'seeker' ? seekers[state.seekerIndex] : supporters[state.supporterIndex];
  const lines = useMemo(() => (shown ? previewLines(shown.persona, layout.previewWidth) : []), [shown, layout.previewWidth]);
  const maxScroll = Math.max(0, lines.length - layout.previewRows);

  useScreenKeys(({ input, key }) => {
    if (help) {
      if (pressed('helpOverlay', 'close', input, key)) setHelp(false);
      return;
    }
    const is = (command: Command<'home'>) => pressed('home', command, input, key);
    const move = is('move');
    const change = is('change');
    const scroll = is('scroll');
    if (move) dispatch(move === 'up' ? { type: 'up' } : move === 'down' ? { type: 'down' } : { type: 'tab', back: move === 'shift+tab' });
    else if (change) dispatch({ type: change === 'left' ? 'left' : 'right' });
    else if (scroll) {
      const down = scroll === ']' || scroll === 'pagedown';
      dispatch({ type: 'scrollPreview', delta: down ? layout.previewRows : -layout.previewRows, max: maxScroll });
    } else if (is('start')) {
      const choice = choiceFrom(latest.current, seekerIds, supporterIds);
      if (choice) onStart(choice);
    } else if (is('edit')) {
      const now = latest.current;
      const current = now.previewSide === 'seeker' ? seekers[now.seekerIndex] : supporters[now.supporterIndex];
      if (current) onEditPersona(current.persona);
    } else if (is('new')) onEditPersona(undefined);
    else if (is('settings')) onOpenSettings();
    else if (is('sessions') && onBrowseSessions) onBrowseSessions();
    else if (is('compare') && onCompare) {
      const choice = choiceFrom(latest.current, seekerIds, supporterIds);
      if (choice) onCompare(choice);
    }
    else if (is('help')) setHelp(true);
    else if (is('quit')) onQuit();
  });

  if (help) return <HelpOverlay sections={[{ title: 'Home', context: 'home' }, { title: 'Anywhere', context: 'app' }]} width={columns - 1} height={rows} />;

  const lists = (
    <>
      <PersonaList title="Seeker" color={theme.seeker} items={seekers} selected={state.seekerIndex}
        focused={state.focus === 'seeker'} rows={layout.listRows} width={layout.listWidth} />
      <PersonaList title="Supporter" color={theme.supporter} items={supporters} selected={state.supporterIndex}
        focused={state.focus === 'supporter'} rows={layout.listRows} width={layout.listWidth} />
    </>
  );
  const preview = <PersonaPreview lines={lines} scroll={state.previewScroll} rows={layout.previewRows} width={layout.previewWidth} />;
  const canStart = seekers.length > 0 && supporters.length > 0;

  return (
    <Box flexDirection="column" width={columns}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>persona-talks</Text>
        <Text dimColor> — pick a seeker and a supporter{canStart ? ', then Enter' : ''}</Text>
      </Text>
      <ServerStatusLine status={serverStatus} />
      <PersonaErrorList errors={errors} rows={layout.errorRows} />
      {layout.wide ? (
        <Box columnGap={2}>
          <Box flexDirection="column">{lists}</Box>
          {preview}
        </Box>
      ) : (
        <Box flexDirection="column">
          <Box columnGap={1}>{lists}</Box>
          {preview}
        </Box>
      )}
      <OptionFields state={state} />
      {state.note ? (
        <Text color={theme.warning} wrap="truncate-end">
          {state.note}
        </Text>
      ) : null}
      <Text dimColor wrap="truncate-end">
        {footer('home', ['start', 'move', 'change', 'quit', 'edit', 'new', 'settings', ...(onBrowseSessions ? (['sessions'] as const) : []), ...(onCompare ? (['compare'] as const) : []), 'scroll', 'help'], columns - 1)}
      </Text>
    </Box>
  );
}
