import { Box, Text, useWindowSize } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { endedNaturally } from '../../../app/resume.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { LoadedSession } from '../../../core/sessions/reader.js';
import type { ReplayPace } from '../../../core/sessions/replay.js';
import { HelpOverlay } from '../../components/HelpOverlay.js';
import { useKeyedReducer } from '../../hooks/useKeyedReducer.js';
import { useScreenKeys } from '../../input/KeyInput.js';
import { footer, keysOf, pressed, typedText, type Command, type KeyName } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { browserReducer, initialBrowserState, type BrowserState } from './browserState.js';
import { detailLines } from './detailLines.js';
import { SessionList } from './SessionList.js';
import { filterSessions } from './sessionRows.js';
import { inFamilies } from './familyOrder.js';
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
  /** A side of a comparison (c): replay both side by side; resolves to why not, or undefined once it has. */
  onReplayComparison?(session: LoadedSession): string | undefined;
  /** Fork the open session (f); absent hides the key. */
  onFork?(session: LoadedSession): void;
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
export function SessionsScreen({ dir, focusPath, onReplay, onResume, onBack, onFork, onReplayComparison, store: given }: SessionsScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const width = Math.max(40, columns - 1);
  const store = useMemo(() => given ?? sessionStore(dir), [given, dir]);
  const [listing, setListing] = useState(() => store.list());
  const [state, dispatch, latest] = useKeyedReducer(browserReducer, () =>
    initialBrowserState(Math.max(0, inFamilies(listing.sessions).sessions.findIndex((s) => s.path === focusPath))),
  );
  const listingNow = useRef(listing);
  listingNow.current = listing;
  const [busy, setBusy] = useState(false);
  const [help, setHelp] = useState(false);
  // Title, message and a one-line hint.
  const bodyRows = Math.max(3, rows - 4);

  // What a state shows: derived the same way for a render and for a key of a burst that has not been rendered yet.
  const reads = useRef(new Map<string, ReturnType<SessionStore['read']>>());
  const read = (path: string) => {
    const hit = reads.current.get(path);
    if (hit) return hit;
    const got = store.read(path);
    reads.current.set(path, got);
    return got;
  };
  const derive = (now: BrowserState) => {
    // Families: a session, then its forks as a tree under it.
    const { sessions: shown, places } = inFamilies(filterSessions(listingNow.current.sessions, now.query));
    const { view } = now;
    const openPath = view.name === 'detail' || view.name === 'confirm-delete' || view.name === 'speed' ? view.path : undefined;
    const opened = openPath ? read(openPath) : undefined;
    const lines = view.name === 'stats' ? statsLines(store, view.paths, view.by, width) : opened?.ok ? detailLines(opened.session, width) : [];
    const pagerRows = bodyRows - (view.name === 'detail' ? 0 : 1);
    return { shown, places, current: shown[now.cursor], view, opened, lines, pagerRows, scrollMax: maxScroll(lines.length, pagerRows) };
  };
  const derived = derive(state);
  const { shown, view, opened, pagerRows, scrollMax } = derived;
  const pagerLines = derived.lines;

  const back = () => dispatch({ type: 'open', view: { name: 'list' } });
  /** ↑↓ a line, PgUp/PgDn a page; false when the key was not a scroll key. */
  const scroll = (which: KeyName | undefined, now: ReturnType<typeof derive>) => {
    const delta = which === 'up' ? -1 : which === 'down' ? 1 : which === 'pageup' ? -(now.pagerRows - 1) : which === 'pagedown' ? now.pagerRows - 1 : 0;
    if (delta !== 0) dispatch({ type: 'scroll', delta, max: now.scrollMax });
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

  useScreenKeys(({ input, key }) => {
    if (busy) return;
    if (help) {
      if (pressed('helpOverlay', 'close', input, key)) setHelp(false);
      return;
    }
    const state = latest.current;
    const now = derive(state);
    const { shown, current, view, opened } = now;
    switch (view.name) {
      case 'list': {
        const is = (command: Command<'sessions'>) => pressed('sessions', command, input, key);
        if (is('back')) return state.query ? dispatch({ type: 'clear-query' }) : onBack();
        if (is('clear')) return dispatch({ type: 'clear-query' });
        if (state.query === '' && is('help')) return setHelp(true);
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
        if (is('help')) return setHelp(true);
        if (scroll(is('scroll'), now)) return;
        const session = opened?.ok ? opened.session : undefined;
        if (!session) return;
        if (is('replay')) return dispatch({ type: 'open', view: { name: 'speed', path: session.path } });
        if (is('delete')) return dispatch({ type: 'open', view: { name: 'confirm-delete', path: session.path } });
        if (is('stats')) return dispatch({ type: 'open', view: { name: 'stats', paths: [session.path], by: 'condition' } });
        if (is('fork') && onFork) return onFork(session);
        if (is('compare') && onReplayComparison) {
          const why = session.header.comparison ? onReplayComparison(session) : 'Not a side of a comparison: nothing to show beside it.';
          return why ? dispatch({ type: 'message', level: 'warn', text: why }) : undefined;
        }
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
          reads.current.delete(view.path);
          listingNow.current = next;
          setListing(next);
          return dispatch({ type: 'deleted', path: view.path, count: filterSessions(next.sessions, state.query).length });
        }
        if (pressed('confirmDelete', 'no', input, key)) dispatch({ type: 'open', view: { name: 'detail', path: view.path } });
        return;
      case 'stats':
        if (pressed('stats', 'back', input, key)) return back();
        if (pressed('stats', 'help', input, key)) return setHelp(true);
        if (pressed('stats', 'group', input, key)) return dispatch({ type: 'next-group' });
        scroll(pressed('stats', 'scroll', input, key), now);
        return;
    }
  }, (text) => {
    // A paste into the filter: one line of it, made safe.
    if (!busy && !help && latest.current.view.name === 'list') {
      const clean = cleanForDisplay(text).replace(/[\n\t\r]+/g, ' ').trim();
      if (clean) dispatch({ type: 'type', text: clean });
    }
  });

  if (help) {
    const sections = [
      { title: 'Session browser', context: 'sessions' as const },
      { title: 'A session', context: 'session' as const },
      { title: 'Replay at', context: 'replaySpeed' as const },
      { title: 'Statistics', context: 'stats' as const },
    ];
    return <HelpOverlay sections={sections} width={width} height={rows} />;
  }

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
            <SessionList sessions={shown} cursor={state.cursor} marked={state.marked} rows={bodyRows - 1} width={width} places={derived.places} />
          )}
        </>
      );
      hint = width >= 100 ? `${footer('sessions', undefined, width - 32)} · ■ ended ◌ unfinished ⇣ imported` : footer('sessions', undefined, width);
      break;
    }
    case 'stats':
      body = (
        <>
          {title(`statistics for ${view.paths.length} session${view.paths.length === 1 ? '' : 's'}, by ${view.by}`)}
          <TextPager lines={pagerLines} scroll={Math.min(state.scroll, scrollMax)} rows={pagerRows} width={width} />
        </>
      );
      hint = footer('stats', undefined, width);
      break;
    default: {
      if (opened && !opened.ok) {
        body = <Text color={theme.danger}>{cleanForDisplay(opened.message)}</Text>;
        hint = footer('session', ['back'], width);
        break;
      }
      body = <TextPager lines={pagerLines} scroll={Math.min(state.scroll, scrollMax)} rows={pagerRows} width={width} />;
      // A session stopped by the user or by a failure is offered for resuming too, as `resume` would take it.
      const unfinished = opened?.ok && !opened.session.header.source && (!opened.session.ended || !endedNaturally(opened.session.ended.reason));
      hint = footer('session', [...(unfinished ? (['replay', 'resume'] as const) : (['replay'] as const)), ...(onFork ? (['fork'] as const) : []), ...(onReplayComparison && opened?.ok && opened.session.header.comparison ? (['compare'] as const) : []), 'back', 'delete', 'stats', 'scroll', 'help'], width);
      if (view.name === 'speed') hint = `Replay at: ${footer('replaySpeed', undefined, width - 11)}`;
      if (view.name === 'confirm-delete') hint = `Delete this session file for good? ${keysOf('confirmDelete', 'yes')} / ${keysOf('confirmDelete', 'no')}`;
    }
  }

  return (
    <Box flexDirection="column" width={width}>
      {body}
      <Text color={state.message?.level === 'warn' ? theme.warning : theme.muted} wrap="truncate-end">
        {state.message ? cleanForDisplay(state.message.text) : ' '}
      </Text>
      <Text color={view.name === 'confirm-delete' || view.name === 'speed' ? theme.warning : theme.muted} bold={view.name === 'confirm-delete'} wrap="truncate-end">
        {hint}
      </Text>
    </Box>
  );
}
