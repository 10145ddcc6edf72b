import { Box, Text, useInput, useWindowSize } from 'ink';
import { useMemo, useReducer, useState } from 'react';
import { endedNaturally } from '../../../app/resume.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { LoadedSession } from '../../../core/sessions/reader.js';
import type { ReplayPace } from '../../../core/sessions/replay.js';
import { footer, keysOf, pressed, typedText, type Command, type KeyName } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { browserReducer, initialBrowserState } from './browserState.js';
import { detailLines } from './detailLines.js';
import { SessionList } from './SessionList.js';
import { filterSessions } from './sessionRows.js';
import { sessionStore, statsLines, type SessionStore } from './sessionStore.js';
import { maxScroll, TextPager } from './TextPager.js';

export interface SessionsScreenProps {
  /** The sessions folder; null (nothing saved) shows an empty list. */
  dir: string | null;
  /** Put the cursor on this session at first (coming back from a replay). */
  focusPath?: string;
  onReplay(session: LoadedSession, options: { speed: ReplayPace; step: boolean }): void;
  /** Resolves with a message when the session could not be resumed (it navigates away when it can). */
  onResume(session: LoadedSession): Promise<string | undefined>;
  onBack(): void;
  /** File access; tests may pass their own, the app uses the real folder. */
  store?: SessionStore;
}

/** The "Replay at:" choices: the key table's commands and the pace each sets. */
const SPEED_CHOICES: ReadonlyArray<readonly [Command<'replaySpeed'>, ReplayPace]> = [
  ['x1', 1],
  ['x2', 2],
  ['x4', 4],
  ['instant', 'instant'],
];

/** Browse saved sessions: filter, read, replay, resume, delete, and statistics over marked ones. */
export function SessionsScreen({ dir, focusPath, onReplay, onResume, onBack, store: given }: SessionsScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const width = Math.max(40, columns - 1);
  const store = useMemo(() => given ?? sessionStore(dir), [given, dir]);
  const [listing, setListing] = useState(() => store.list());
  const [state, dispatch] = useReducer(browserReducer, undefined, () =>
    initialBrowserState(Math.max(0, listing.sessions.findIndex((s) => s.path === focusPath))),
  );
  const [busy, setBusy] = useState(false);
  // Title, message and a hint that may wrap to two lines.
  const bodyRows = Math.max(3, rows - 5);

  const shown = useMemo(() => filterSessions(listing.sessions, state.query), [listing, state.query]);
  const current = shown[state.cursor];
  const { view } = state;
  const openPath = view.name === 'detail' || view.name === 'confirm-delete' || view.name === 'speed' ? view.path : undefined;
  const opened = useMemo(() => (openPath ? store.read(openPath) : undefined), [store, openPath]);
  const pagerLines = useMemo(() => {
    if (view.name === 'stats') return statsLines(store, view.paths, view.by, width);
    if (opened?.ok) return detailLines(opened.session, width);
    return [];
  }, [view, opened, store, width]);
  const pagerRows = bodyRows - (view.name === 'detail' ? 0 : 1);
  const scrollMax = maxScroll(pagerLines.length, pagerRows);

  const back = () => dispatch({ type: 'open', view: { name: 'list' } });
  /** ↑↓ a line, PgUp/PgDn a page; false when the key was not a scroll key. */
  const scroll = (which: KeyName | undefined) => {
    const delta = which === 'up' ? -1 : which === 'down' ? 1 : which === 'pageup' ? -(pagerRows - 1) : which === 'pagedown' ? pagerRows - 1 : 0;
    if (delta !== 0) dispatch({ type: 'scroll', delta, max: scrollMax });
    return delta !== 0;
  };

  const resume = (session: LoadedSession) => {
    setBusy(true);
    dispatch({ type: 'message', level: 'info', text: 'Connecting to the model server…' });
    void onResume(session).then(
      (problem) => {
        setBusy(false);
        if (problem) dispatch({ type: 'message', level: 'warn', text: problem });
      },
      (error: unknown) => {
        setBusy(false);
        dispatch({ type: 'message', level: 'warn', text: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  useInput((input, key) => {
    if (busy) return;
    switch (view.name) {
      case 'list': {
        const is = (command: Command<'sessions'>) => pressed('sessions', command, input, key);
        if (is('back')) return state.query ? dispatch({ type: 'clear-query' }) : onBack();
        const move = is('move');
        if (move) {
          const delta = move === 'up' ? -1 : move === 'down' ? 1 : move === 'pageup' ? -bodyRows : bodyRows;
          return dispatch({ type: 'move', delta, count: shown.length });
        }
        if (is('open')) return current ? dispatch({ type: 'open', view: { name: 'detail', path: current.path } }) : undefined;
        if (is('mark')) return current ? dispatch({ type: 'toggle-mark', path: current.path }) : undefined;
        if (is('stats')) {
          const paths = state.marked.length > 0 ? [...state.marked] : current ? [current.path] : [];
          return paths.length > 0 ? dispatch({ type: 'open', view: { name: 'stats', paths, by: 'condition' } }) : undefined;
        }
        if (is('erase')) return dispatch({ type: 'backspace' });
        const text = cleanForDisplay(typedText(input, key) ?? '').replace(/[\n\t]/g, '');
        if (text !== '') dispatch({ type: 'type', text });
        return;
      }
      case 'detail': {
        const is = (command: Command<'session'>) => pressed('session', command, input, key);
        if (is('back')) return back();
        if (scroll(is('scroll'))) return;
        const session = opened?.ok ? opened.session : undefined;
        if (!session) return;
        if (is('replay')) return dispatch({ type: 'open', view: { name: 'speed', path: session.path } });
        if (is('delete')) return dispatch({ type: 'open', view: { name: 'confirm-delete', path: session.path } });
        if (is('stats')) return dispatch({ type: 'open', view: { name: 'stats', paths: [session.path], by: 'condition' } });
        if (is('resume')) {
          const why = store.resumable(session);
          return why ? dispatch({ type: 'message', level: 'warn', text: why }) : resume(session);
        }
        return;
      }
      case 'speed': {
        if (pressed('replaySpeed', 'cancel', input, key)) return dispatch({ type: 'open', view: { name: 'detail', path: view.path } });
        const session = opened?.ok ? opened.session : undefined;
        if (!session) return;
        if (pressed('replaySpeed', 'step', input, key)) return onReplay(session, { speed: 1, step: true });
        const chosen = SPEED_CHOICES.find(([command]) => pressed('replaySpeed', command, input, key));
        if (chosen) onReplay(session, { speed: chosen[1], step: false });
        return;
      }
      case 'confirm-delete':
        if (pressed('confirmDelete', 'yes', input, key)) {
          const problem = store.remove(view.path);
          if (problem) return dispatch({ type: 'message', level: 'warn', text: problem });
          const next = store.list();
          setListing(next);
          return dispatch({ type: 'deleted', path: view.path, count: filterSessions(next.sessions, state.query).length });
        }
        if (pressed('confirmDelete', 'no', input, key)) dispatch({ type: 'open', view: { name: 'detail', path: view.path } });
        return;
      case 'stats':
        if (pressed('stats', 'back', input, key)) return back();
        if (pressed('stats', 'group', input, key)) return dispatch({ type: 'next-group' });
        scroll(pressed('stats', 'scroll', input, key));
        return;
    }
  });

  const title = (text: string) => (
    <Text wrap="truncate-end">
      <Text bold color={theme.accent}>
        Sessions
      </Text>
      <Text color={theme.muted}> — {text}</Text>
    </Text>
  );

  let body;
  let hint: string;
  switch (view.name) {
    case 'list': {
      const marks = state.marked.length > 0 ? ` · ${state.marked.length} marked` : '';
      const skipped = listing.skipped.length > 0 ? ` · ${listing.skipped.length} unreadable file(s) skipped` : '';
      body = (
        <>
          {title(`${shown.length} of ${listing.sessions.length}${marks}${skipped}`)}
          <Text wrap="truncate-end">
            <Text color={theme.muted}>filter: </Text>
            {state.query}
            <Text color={theme.accent}>▏</Text>
            {state.query === '' ? <Text color={theme.muted}> type to filter by name, id, condition…</Text> : null}
          </Text>
          {shown.length === 0 ? (
            <Text color={theme.muted}>{listing.sessions.length === 0 ? `No sessions yet${dir ? ` in ${cleanForDisplay(dir)}` : ''}.` : 'No session matches the filter.'}</Text>
          ) : (
            <SessionList sessions={shown} cursor={state.cursor} marked={state.marked} rows={bodyRows - 1} width={width} />
          )}
        </>
      );
      hint = `${footer('sessions')} · ■ ended ◌ unfinished ⇣ imported`;
      break;
    }
    case 'stats':
      body = (
        <>
          {title(`statistics for ${view.paths.length} session${view.paths.length === 1 ? '' : 's'}, by ${view.by}`)}
          <TextPager lines={pagerLines} scroll={Math.min(state.scroll, scrollMax)} rows={pagerRows} width={width} />
        </>
      );
      hint = footer('stats');
      break;
    default: {
      if (opened && !opened.ok) {
        body = <Text color={theme.danger}>{cleanForDisplay(opened.message)}</Text>;
        hint = footer('session', ['back']);
        break;
      }
      body = <TextPager lines={pagerLines} scroll={Math.min(state.scroll, scrollMax)} rows={pagerRows} width={width} />;
      // A session stopped by the user or by a failure is offered for resuming too, as `resume` would take it.
      const unfinished = opened?.ok && !opened.session.header.source && (!opened.session.ended || !endedNaturally(opened.session.ended.reason));
      hint = footer('session', unfinished ? ['replay', 'resume', 'delete', 'stats', 'scroll', 'back'] : ['replay', 'delete', 'stats', 'scroll', 'back']);
      if (view.name === 'speed') hint = `Replay at: ${footer('replaySpeed')}`;
      if (view.name === 'confirm-delete') hint = `Delete this session file for good? ${keysOf('confirmDelete', 'yes')} / ${keysOf('confirmDelete', 'no')}`;
    }
  }

  return (
    <Box flexDirection="column" width={width}>
      {body}
      <Text color={state.message?.level === 'warn' ? theme.warning : theme.muted} wrap="truncate-end">
        {state.message ? cleanForDisplay(state.message.text) : ' '}
      </Text>
      <Text color={view.name === 'confirm-delete' || view.name === 'speed' ? theme.warning : theme.muted} bold={view.name === 'confirm-delete'} wrap="wrap">
        {hint}
      </Text>
    </Box>
  );
}
