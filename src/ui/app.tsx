import { Box, Text, useApp, useWindowSize } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DoctorReport } from '../app/doctor.js';
import type { Conversation } from '../core/engine/types.js';
import { findPersona } from '../core/personas/library.js';
import type { Persona } from '../core/personas/schema.js';
import { cleanForDisplay } from '../core/sanitize.js';
import type { Mode } from '../core/domain.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import type { Csi, Hexaco } from '../core/traits/dimensions.js';
import { LOCAL_BASE_URL, type Endpoint } from '../app/providers.js';
import { WATCHED_FINAL_WAIT_MS } from '../app/application.js';
import type { AppDeps } from './appDeps.js';
import { SimulatorNotice } from './components/SimulatorNotice.js';
import { sessionSummaryLine } from './conversation/derived.js';
import type { ConversationState } from './conversation/state.js';
import { DisplayProvider } from './display.js';
import { useDoctor } from './hooks/useDoctor.js';
import { KeyInput, ScreenSlot } from './input/KeyInput.js';
import { KeyRouter } from './input/keyRouter.js';
import { canPlay } from '../core/personas/schema.js';
import type { ForkOrder } from './screens/fork/ForkableConversation.js';
import type { Comparison } from '../app/compare.js';
import type { ForkChange } from '../core/domain.js';
import { defaultChoice } from './screens/noserver/defaultChoice.js';
import { SetupScreen, type SetupChoice } from './screens/setup/SetupScreen.js';
import { pressed } from './keys.js';
import { useTheme } from './theme.js';
import { useStartupData } from './useStartupData.js';
import { loadLaterScreens, useLaterScreens } from './useLaterScreens.js';

export type Route =
  | { name: 'setup' }
  | { name: 'editor'; persona: Persona | undefined; source: 'bundled' | 'user' | undefined }
  | { name: 'settings' }
  /** No server answers, or (`check`) one answers but the model misbehaved: doctor runs at once. */
  | { name: 'no-server'; check?: boolean }
  /** Installing, downloading and loading the model inside the app. */
  | { name: 'local-setup' }
  | { name: 'sessions'; focusPath?: string }
  | {
      name: 'conversation';
      conversation: Conversation;
      mode: Mode;
      personas: { seeker: Persona; supporter: Persona };
      turnCap: number;
      /** A recorded session played back (no model server). */
      replay?: boolean;
      /** Opened from the session browser: going "home" returns there, on this session. */
      fromSessions?: string;
      /** settings.judgeCadence the conversation started with (0: the trait panel says "judge off"). */
      judgeCadence?: number;
    }
  /** Two conversations side by side (a fork beside its parent continuing, or two new ones). */
  | { name: 'compare'; comparison: Comparison; changes: ForkChange[]; turnCap?: number; judgeCadence?: number; replay?: { from: string } }
  /** The fork form for a saved session, opened from the session browser. */
  | { name: 'fork'; session: LoadedSession }
  /** Home's compare mode: side A is the home choice, side B is picked here. */
  | { name: 'compare-setup'; choice: SetupChoice };

/** What to say on the normal screen once the app has closed: the last session of this run. */
export interface ExitReport {
  session?: { path: string; summary: string };
  /** The app was left (Ctrl+C) while that conversation was still going. */
  interrupted?: boolean;
}

export interface AppProps {
  deps: AppDeps;
  /** Start somewhere other than home (tests, `--settings`). */
  initialRoute?: Route;
  /** Preselected on the home screen (from `persona-talks --seeker ID --supporter ID …` in a terminal). */
  initialChoice?: Partial<SetupChoice>;
  /** Draw on the whole screen (the alternate screen): every screen exactly the terminal's size. */
  fullScreen?: boolean;
  /** Filled in as the app runs, for the caller to print after it exits. */
  exitReport?: ExitReport;
}

const ownerOf = (slot: number) => `screen-${slot}`;

/**
 * The shell: the one reader of keys (routed to the screen in charge), a tiny
 * router over the screens, the one-time simulator notice, and Ctrl+C.
 */
export function App({ deps, initialRoute, initialChoice, fullScreen = false, exitReport }: AppProps) {
  const theme = useTheme();
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const { app } = deps;
  const [noticeSeen, setNoticeSeen] = useState(() => app.settings.get().seenSafetyNotice);
  // Read by navigate, which must not take the keys from the notice while it is up.
  const noticeUp = useRef(!noticeSeen);
  const [{ route, slot }, setRouteState] = useState<{ route: Route; slot: number }>({ route: initialRoute ?? { name: 'setup' }, slot: 1 });
  const slots = useRef(1);
  const [lastChoice, setLastChoice] = useState<SetupChoice | undefined>(undefined);
  const { library, libraryError, server, reloadLibrary, recheckServer, serverFailed } = useStartupData(deps);
  // Every screen but home, loaded once home is on the terminal (or the app started elsewhere).
  const later = useLaterScreens(route.name !== 'setup' || library !== undefined || libraryError !== undefined);

  // The running conversation, so Ctrl+C and unmount can stop it (finished turns are already on disk).
  const active = useRef<Conversation | undefined>(undefined);
  active.current = route.name === 'conversation' ? route.conversation : undefined;
  useEffect(() => () => active.current?.stop(), []);
  // A comparison running side by side stops with the app too.
  const activeComparison = useRef<Comparison | undefined>(undefined);
  activeComparison.current = route.name === 'compare' ? route.comparison : undefined;
  useEffect(() => () => activeComparison.current?.stop(), []);
  const lastSession = useRef<{ state: ConversationState; route: Route & { name: 'conversation' } } | undefined>(undefined);

  const quit = useCallback(() => {
    const last = lastSession.current;
    if (exitReport && last?.state.sessionPath && !last.route.replay) {
      exitReport.session = { path: last.state.sessionPath, summary: sessionSummaryLine(last.state, last.route.personas) };
      exitReport.interrupted = active.current !== undefined && !last.state.ended;
    }
    active.current?.stop();
    activeComparison.current?.stop();
    exit();
  }, [exit, exitReport]);
  const quitRef = useRef(quit);
  quitRef.current = quit;

  const router = useMemo(() => {
    const made = new KeyRouter((press) => {
      if (!pressed('app', 'quit', press.input, press.key)) return false;
      quitRef.current();
      return true;
    });
    made.expect(app.settings.get().seenSafetyNotice ? ownerOf(1) : 'notice');
    return made;
  }, [app]);

  const navigate = useCallback(
    (next: Route) => {
      slots.current += 1;
      // Keys after this one wait for the new screen instead of reaching the old one. While the
      // notice is up (a failed server check moves the route behind it) the keys stay the notice's:
      // dismissing it hands them to the screen of the route then.
      if (!noticeUp.current) router.expect(ownerOf(slots.current));
      setRouteState({ route: next, slot: slots.current });
    },
    [router],
  );

  const dismissNotice = () => {
    noticeUp.current = false;
    router.expect(ownerOf(slot));
    setNoticeSeen(true);
    try {
      app.settings.update({ seenSafetyNotice: true });
    } catch {
      // Unwritable settings only mean the notice shows again next time.
    }
  };

  // One start at a time: Enter pressed again while the server is being checked starts nothing more.
  const starting = useRef(false);
  const start = (choice: SetupChoice) => {
    setLastChoice(choice);
    const seeker = library && findPersona(library.personas, choice.seekerId)?.persona;
    const supporter = library && findPersona(library.personas, choice.supporterId)?.persona;
    if (!seeker || !supporter || starting.current) return;
    starting.current = true;
    remember(app, choice);
    void app.startConversation({ seeker, supporter, condition: choice.condition, engine: choice.engine, mode: choice.mode, turnCap: choice.turnCap, finalWaitMs: WATCHED_FINAL_WAIT_MS }).then((started) => {
      starting.current = false;
      if (!started.ok) {
        serverFailed(started.message);
        return navigate({ name: 'no-server' });
      }
      const { judgeCadence } = app.settings.get();
      navigate({ name: 'conversation', conversation: started.conversation, mode: choice.mode, personas: { seeker, supporter }, turnCap: choice.turnCap, judgeCadence });
    });
  };

  const home = () => navigate({ name: 'setup' });

  const libraryPersonas = () => library?.personas.map((p) => p.persona) ?? [];

  /** The fork form's order: the fork (or it and the parent continuing) starts, then the parent stops (its turns are saved). */
  const startFork = async (order: ForkOrder, parent?: Conversation): Promise<string | undefined> => {
    const personas = libraryPersonas();
    const { judgeCadence } = app.settings.get();
    if (order.how === 'fork') {
      const started = await app.forkConversation(order.source, { at: order.at, changes: order.changes, library: personas });
      if (!started.ok) return started.message;
      parent?.stop();
      navigate({ name: 'conversation', conversation: started.conversation, mode: order.source.header.mode, personas: order.personas, turnCap: order.turnCap, judgeCadence });
      return undefined;
    }
    const started = await app.compareConversations({ from: 'fork', source: order.source, at: order.at, changes: order.changes, library: personas });
    if (!started.ok) return started.message;
    parent?.stop();
    navigate({ name: 'compare', comparison: started.comparison, changes: started.changes, turnCap: order.turnCap, judgeCadence });
    return undefined;
  };

  const openConversation = (conversation: Conversation, session: LoadedSession, replay: boolean) => {
    const { header } = session;
    navigate({ name: 'conversation', conversation, mode: replay ? 'watch' : header.mode, personas: header.personas, turnCap: header.turnCap, replay, fromSessions: session.path });
  };

  // The first failed check explains how to connect a server; after that the home
  // screen's status line is enough (the user may just want to edit personas).
  const explainedNoServer = useRef(false);
  useEffect(() => {
    if (server.checking || server.ok || explainedNoServer.current) return;
    explainedNoServer.current = true;
    if (route.name === 'setup') navigate({ name: 'no-server' });
  }, [server]);
  // A retry from the no-server screen that succeeds goes home (not after a model check: its report stays).
  useEffect(() => {
    if (!server.checking && server.ok && route.name === 'no-server' && !route.check) navigate({ name: 'setup' });
  }, [server]);

  const checkModels = useCallback(async (): Promise<DoctorReport[]> => {
    const { modelsToCheck, checkModel } = await loadLaterScreens();
    const models = modelsToCheck(app);
    if (!models.ok) throw new Error(models.message);
    const reports: DoctorReport[] = [];
    for (const endpoint of models.endpoints) reports.push(await checkModel(app, endpoint));
    return reports;
  }, [app]);
  const doctor = useDoctor(checkModels);
  const checkEndpoint = useCallback(async (endpoint: Endpoint) => [await (await loadLaterScreens()).checkModel(app, endpoint)], [app]);

  const progress = useCallback((state: ConversationState) => {
    if (route.name === 'conversation') lastSession.current = { state, route };
  }, [route]);

  const screen = (() => {
    if (route.name === 'setup') {
      if (libraryError) return <Text color={theme.danger}>Could not read the persona library: {cleanForDisplay(libraryError)}</Text>;
      if (!library) return <Text color={theme.muted}>Loading personas…</Text>;
      return (
        <SetupScreen
          personas={library.personas}
          errors={library.errors}
          initial={lastChoice ?? { ...app.settings.get().home, turnCap: app.settings.get().turnCap, ...initialChoice }}
          serverStatus={server.checking ? undefined : server.ok ? { ok: true, ...localServerNote(app) } : { ok: false, message: server.message }}
          onStart={start}
          onEditPersona={(persona) => navigate({ name: 'editor', persona, source: persona ? findPersona(library.personas, persona.id)?.source : undefined })}
          onOpenSettings={() => navigate({ name: 'settings' })}
          onBrowseSessions={() => navigate({ name: 'sessions' })}
          onQuit={quit}
          onCompare={(choice) => {
            setLastChoice(choice);
            navigate({ name: 'compare-setup', choice });
          }}
        />
      );
    }
    // A screen asked for in the moment before the rest of the app has loaded (a key pressed as home appears).
    if (!later) return <Text color={theme.muted}>Loading…</Text>;
    const { CompareScreen, CompareSetupScreen, ConversationScreen, EditorScreen, ForkableConversation, ForkScreen, LocalSetupScreen, NoServerScreen, SessionsScreen, SettingsScreen, replayConversation, replaySideBySide } = later;
    switch (route.name) {
      case 'compare-setup': {
        const { choice } = route;
        const personas = libraryPersonas();
        const seeker = findPersona(library?.personas ?? [], choice.seekerId)?.persona;
        const supporter = findPersona(library?.personas ?? [], choice.supporterId)?.persona;
        if (!seeker || !supporter) return <Text color={theme.muted}>Loading personas…</Text>;
        return (
          <CompareSetupScreen
            seeker={seeker}
            A={{ supporter, condition: choice.condition, engine: choice.engine }}
            supporters={personas.filter((p) => canPlay(p, 'supporter'))}
            onCancel={home}
            onStart={async (B) => {
              const started = await app.compareConversations({ from: 'new', seeker, A: { supporter, condition: choice.condition, engine: choice.engine }, B, turnCap: choice.turnCap });
              if (!started.ok) return started.message;
              navigate({ name: 'compare', comparison: started.comparison, changes: started.changes, turnCap: choice.turnCap, judgeCadence: app.settings.get().judgeCadence });
              return undefined;
            }}
          />
        );
      }
      case 'compare':
        return (
          <CompareScreen
            comparison={route.comparison}
            changes={route.changes}
            turnCap={route.turnCap}
            judgeCadence={route.judgeCadence}
            deltaFlushMs={deps.deltaFlushMs}
            replay={route.replay !== undefined}
            startPaused={route.replay !== undefined}
            onExit={() => (route.replay ? navigate({ name: 'sessions', focusPath: route.replay.from }) : home())}
          />
        );
      case 'conversation': {
        // What a live conversation and a replayed one share; a live one can also be forked.
        const shared = {
          conversation: route.conversation,
          mode: route.mode,
          personas: route.personas,
          turnCap: route.turnCap,
          deltaFlushMs: deps.deltaFlushMs,
          judgeCadence: route.judgeCadence,
          onProgress: progress,
          onCheckModel: () => {
            route.conversation.stop();
            navigate({ name: 'no-server', check: true });
            doctor.run();
          },
          onExit: (to: 'home' | 'quit') => (to === 'quit' ? quit() : route.fromSessions ? navigate({ name: 'sessions', focusPath: route.fromSessions }) : home()),
        };
        if (route.replay) return <ConversationScreen {...shared} replay={route.replay} />;
        return <ForkableConversation {...shared} library={libraryPersonas()} onFork={(order) => startFork(order, route.conversation)} />;
      }
      case 'sessions':
        return (
          <SessionsScreen
            dir={app.sessionsDir}
            focusPath={route.focusPath}
            onReplay={(session, { speed, step }) => openConversation(replayConversation(session, { speed, startPaused: step }), session, true)}
            onResume={async (session) => {
              const started = await app.resumeConversation(session, { finalWaitMs: WATCHED_FINAL_WAIT_MS });
              if (!started.ok) return started.message;
              openConversation(started.conversation, session, false);
              return undefined;
            }}
            onBack={home}
            onFork={(session) => navigate({ name: 'fork', session })}
            onReplayComparison={(session) => {
              const opened = replaySideBySide(session);
              if (!opened.ok) return opened.message;
              navigate({ name: 'compare', comparison: opened.replay, changes: opened.changes, turnCap: opened.turnCap, replay: { from: session.path } });
              return undefined;
            }}
          />
        );
      case 'fork':
        return (
          <ForkScreen
            source={route.session}
            library={libraryPersonas()}
            onFork={(order) => startFork(order)}
            onCancel={() => navigate({ name: 'sessions', focusPath: route.session.path })}
          />
        );
      case 'editor':
        return (
          <EditorScreen
            persona={route.persona}
            source={route.source}
            existingIds={library?.personas.map((p) => p.persona.id) ?? []}
            saveDir={deps.userPersonasDir}
            onSave={async (persona) => {
              const file = await deps.savePersona(persona, deps.userPersonasDir);
              await reloadLibrary();
              return file;
            }}
            onCancel={home}
            onScore={(description, signal) => scoreTraits(app, description, signal)}
          />
        );
      case 'settings':
        return (
          <SettingsScreen
            settings={app.settings.get()}
            overrides={app.overrides()}
            // A whole Settings object: keys set to undefined are dropped, so the defaults apply again.
            onSave={(next) => void app.settings.update(next)}
            onTest={(endpoint) => app.checkEndpoint(withKeyInEffect(app, endpoint))}
            onCheckModel={(endpoint) => checkEndpoint(withKeyInEffect(app, endpoint))}
            onBack={() => {
              void recheckServer();
              home();
            }}
          />
        );
      case 'no-server':
        return (
          <NoServerScreen
            message={server.checking ? 'Checking…' : server.ok ? 'The model server answers.' : server.message}
            reachable={!server.checking && server.ok}
            baseURL={app.endpoints().supporter.baseURL}
            checking={server.checking}
            doctor={doctor.state}
            onRetry={() => void recheckServer()}
            onCheckModel={doctor.run}
            onCancelCheck={doctor.cancel}
            onSettings={() => navigate({ name: 'settings' })}
            onBrowse={home}
            onSessions={() => navigate({ name: 'sessions' })}
            onQuit={quit}
            localOffer={app.local.offer()}
            onLocal={() => navigate({ name: 'local-setup' })}
          />
        );
      case 'local-setup':
        return (
          <LocalSetupScreen
            app={app}
            onReady={() => {
              void recheckServer();
              // One key from "no server" to a conversation: the one the home screen would start.
              const choice =
                lastChoice ?? (library ? defaultChoice(library.personas, { ...app.settings.get().home, turnCap: app.settings.get().turnCap, ...initialChoice }) : undefined);
              if (choice) start(choice);
              else home();
            }}
            onStopped={(failure) => {
              if (failure) serverFailed(failure);
              navigate({ name: 'no-server' });
            }}
          />
        );
    }
  })();

  const owner = noticeSeen ? ownerOf(slot) : 'notice';
  return (
    <DisplayProvider display={{ fullScreen }}>
      <KeyInput router={router}>
        {/* '100%' is the terminal's width at Ink's own layout on resize, before the screens re-render with
            the new size: the frame drawn in between is clipped, never wrapped by the terminal into extra rows. */}
        <Box flexDirection="column" {...(fullScreen ? { width: '100%', height: rows, overflow: 'hidden' as const } : {})}>
          <ScreenSlot key={owner} router={router} owner={owner}>
            {noticeSeen ? screen : <SimulatorNotice width={columns - 1} onDismiss={dismissNotice} />}
          </ScreenSlot>
        </Box>
      </KeyInput>
    </DisplayProvider>
  );
}

/** A key from the environment is in effect over the typed one; the settings form never holds it, so it is added here. */
function withKeyInEffect(app: AppDeps['app'], endpoint: Endpoint): Endpoint {
  if (!app.overrides().apiKey) return endpoint;
  const { apiKey } = app.endpoints().supporter;
  return apiKey ? { ...endpoint, apiKey } : endpoint;
}

/** Home starts where it was left next time: the last choices, stored with the settings. */
function remember(app: AppDeps['app'], choice: SetupChoice): void {
  try {
    const { seekerId, supporterId, condition, engine, mode, turnCap } = choice;
    app.settings.update({ home: { seekerId, supporterId, condition, engine, mode }, turnCap });
  } catch {
    // Unwritable settings only mean home starts from the defaults next time.
  }
}

/**
 * The persona editor's "score traits from the description": the measurement
 * pipeline on the judge, as the settings stand now (they may have changed since
 * the app started). A failure rejects with its message, which the editor shows;
 * the signal stops it (Esc).
 */
async function scoreTraits(app: AppDeps['app'], description: string, signal?: AbortSignal): Promise<{ hexaco: Hexaco; csi: Csi }> {
  const ready = await app.judge();
  if (!ready.ok) throw new Error(ready.message);
  const { scoreFromDescription } = await loadLaterScreens();
  const { hexaco, csi } = await scoreFromDescription(ready.judge, description, undefined, signal ? { signal } : {});
  return { hexaco, csi };
}

/** On the model inside the app, the home screen's server line says so. */
function localServerNote(app: AppDeps['app']): { message?: string; local?: boolean } {
  const { supporter } = app.endpoints();
  return supporter.baseURL === LOCAL_BASE_URL ? { local: true, message: supporter.model } : {};
}
