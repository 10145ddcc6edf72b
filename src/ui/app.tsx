import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation } from '../core/engine/types.js';
import { findPersona } from '../core/personas/library.js';
import type { Persona } from '../core/personas/schema.js';
import { cleanForDisplay } from '../core/sanitize.js';
import type { Mode } from '../core/domain.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import type { Csi, Hexaco } from '../core/traits/dimensions.js';
import { scoreFromDescription } from '../app/measurement.js';
import { LOCAL_BASE_URL } from '../app/providers.js';
import { replayConversation } from '../app/replay.js';
import type { AppDeps } from './appDeps.js';
import { SimulatorNotice } from './components/SimulatorNotice.js';
import { ConversationScreen } from './screens/ConversationScreen.js';
import { EditorScreen } from './screens/editor/EditorScreen.js';
import { defaultChoice } from './screens/noserver/defaultChoice.js';
import { LocalSetupScreen } from './screens/noserver/LocalSetupScreen.js';
import { NoServerScreen } from './screens/noserver/NoServerScreen.js';
import { SessionsScreen } from './screens/sessions/SessionsScreen.js';
import { SettingsScreen } from './screens/settings/SettingsScreen.js';
import { SetupScreen, type SetupChoice } from './screens/setup/SetupScreen.js';
import { pressed } from './keys.js';
import { useTheme } from './theme.js';
import { useStartupData } from './useStartupData.js';

export type Route =
  | { name: 'setup' }
  | { name: 'editor'; persona: Persona | undefined; source: 'bundled' | 'user' | undefined }
  | { name: 'settings' }
  | { name: 'no-server' }
  /** Installing, downloading and loading the model inside the app. */
  | { name: 'local-setup' }
  | { name: 'sessions'; focusPath?: string }
  | {
      name: 'conversation';
      id: number;
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
    };

export interface AppProps {
  deps: AppDeps;
  /** Start somewhere other than home (tests, `--settings`). */
  initialRoute?: Route;
  /** Preselected on the home screen (from `persona-talks --seeker ID --supporter ID …` in a terminal). */
  initialChoice?: Partial<SetupChoice>;
}

/** The shell: a tiny router over the screens, the one-time simulator notice, and Ctrl+C. */
export function App({ deps, initialRoute, initialChoice }: AppProps) {
  const theme = useTheme();
  const { exit } = useApp();
  const { columns } = useWindowSize();
  const [route, setRoute] = useState<Route>(initialRoute ?? { name: 'setup' });
  const { app } = deps;
  const [noticeSeen, setNoticeSeen] = useState(() => app.settings.get().seenSafetyNotice);
  const [lastChoice, setLastChoice] = useState<SetupChoice | undefined>(undefined);
  const { library, libraryError, server, reloadLibrary, recheckServer, serverFailed } = useStartupData(deps);

  // The running conversation, so Ctrl+C and unmount can stop it (finished turns are already on disk).
  const active = useRef<Conversation | undefined>(undefined);
  // Each conversation gets a fresh screen (and so a fresh reducer), even with no session path to tell them apart.
  const conversationCount = useRef(0);
  active.current = route.name === 'conversation' ? route.conversation : undefined;
  useEffect(() => () => active.current?.stop(), []);

  const quit = useCallback(() => {
    active.current?.stop();
    exit();
  }, [exit]);

  useInput((input, key) => {
    if (pressed('app', 'quit', input, key)) quit();
  });

  const dismissNotice = () => {
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
    void app.startConversation({ seeker, supporter, condition: choice.condition, engine: choice.engine, mode: choice.mode, turnCap: choice.turnCap }).then((started) => {
      starting.current = false;
      if (!started.ok) {
        serverFailed(started.message);
        return setRoute({ name: 'no-server' });
      }
      conversationCount.current += 1;
      const { judgeCadence } = app.settings.get();
      setRoute({ name: 'conversation', id: conversationCount.current, conversation: started.conversation, mode: choice.mode, personas: { seeker, supporter }, turnCap: choice.turnCap, judgeCadence });
    });
  };

  const home = () => setRoute({ name: 'setup' });

  const openConversation = (conversation: Conversation, session: LoadedSession, replay: boolean) => {
    conversationCount.current += 1;
    const { header } = session;
    setRoute({ name: 'conversation', id: conversationCount.current, conversation, mode: replay ? 'watch' : header.mode, personas: header.personas, turnCap: header.turnCap, replay, fromSessions: session.path });
  };

  // The first failed check explains how to connect a server; after that the home
  // screen's status line is enough (the user may just want to edit personas).
  const explainedNoServer = useRef(false);
  useEffect(() => {
    if (server.checking || server.ok || explainedNoServer.current) return;
    explainedNoServer.current = true;
    setRoute((r) => (r.name === 'setup' ? { name: 'no-server' } : r));
  }, [server]);
  // A retry from the no-server screen that succeeds goes home.
  useEffect(() => {
    if (!server.checking && server.ok) setRoute((r) => (r.name === 'no-server' ? { name: 'setup' } : r));
  }, [server]);

  if (!noticeSeen) return <SimulatorNotice width={columns - 1} onDismiss={dismissNotice} />;

  switch (route.name) {
    case 'conversation':
      return (
        <ConversationScreen
          key={route.id}
          conversation={route.conversation}
          mode={route.mode}
          personas={route.personas}
          turnCap={route.turnCap}
          deltaFlushMs={deps.deltaFlushMs}
          replay={route.replay}
          judgeCadence={route.judgeCadence}
          onExit={(to) => (to === 'quit' ? quit() : route.fromSessions ? setRoute({ name: 'sessions', focusPath: route.fromSessions }) : home())}
        />
      );
    case 'sessions':
      return (
        <SessionsScreen
          dir={app.sessionsDir}
          focusPath={route.focusPath}
          onReplay={(session, { speed, step }) => openConversation(replayConversation(session, { speed, startPaused: step }), session, true)}
          onResume={async (session) => {
            const started = await app.resumeConversation(session);
            if (!started.ok) return started.message;
            openConversation(started.conversation, session, false);
            return undefined;
          }}
          onBack={home}
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
          onScore={(description) => scoreTraits(app, description)}
        />
      );
    case 'settings': {
      const settings = app.settings.get();
      const keySource = app.endpoints().keySource;
      return (
        <SettingsScreen
          settings={settings}
          envKeyPresent={keySource === 'PERSONA_TALKS_API_KEY' || keySource === 'OPENAI_API_KEY'}
          // A whole Settings object: keys set to undefined are dropped, so the defaults apply again.
          onSave={(next) => void app.settings.update(next)}
          onTest={(endpoint) => app.checkEndpoint(endpoint)}
          onBack={() => {
            void recheckServer();
            home();
          }}
        />
      );
    }
    case 'no-server':
      return (
        <NoServerScreen
          message={server.checking ? 'Checking…' : server.ok ? 'Connected.' : server.message}
          baseURL={app.endpoints().supporter.baseURL}
          checking={server.checking}
          onRetry={() => void recheckServer()}
          onSettings={() => setRoute({ name: 'settings' })}
          onBrowse={home}
          onQuit={quit}
          localOffer={app.local.offer()}
          onLocal={() => setRoute({ name: 'local-setup' })}
        />
      );
    case 'local-setup':
      return (
        <LocalSetupScreen
          app={app}
          onReady={() => {
            void recheckServer();
            // One key from "no server" to a conversation: the one the home screen would start.
            const choice = lastChoice ?? (library ? defaultChoice(library.personas, { turnCap: app.settings.get().turnCap, ...initialChoice }) : undefined);
            if (choice) start(choice);
            else home();
          }}
          onStopped={(failure) => {
            if (failure) serverFailed(failure);
            setRoute({ name: 'no-server' });
          }}
        />
      );
    case 'setup':
      if (libraryError) return <Text color={theme.danger}>Could not read the persona library: {cleanForDisplay(libraryError)}</Text>;
      if (!library) return <Text color={theme.muted}>Loading personas…</Text>;
      return (
        <Box flexDirection="column">
          <SetupScreen
            personas={library.personas}
            errors={library.errors}
            initial={lastChoice ?? { turnCap: app.settings.get().turnCap, ...initialChoice }}
            serverStatus={server.checking ? undefined : server.ok ? { ok: true, ...localServerNote(app) } : { ok: false, message: server.message }}
            onStart={start}
            onEditPersona={(persona) =>
              setRoute({ name: 'editor', persona, source: persona ? findPersona(library.personas, persona.id)?.source : undefined })
            }
            onOpenSettings={() => setRoute({ name: 'settings' })}
            onBrowseSessions={() => setRoute({ name: 'sessions' })}
            onQuit={quit}
          />
        </Box>
      );
  }
}

/** On the model inside the app, the home screen's server line says so. */
function localServerNote(app: AppDeps['app']): { message?: string } {
  const { supporter } = app.endpoints();
  return supporter.baseURL === LOCAL_BASE_URL ? { message: `the model inside the app, ${supporter.model}` } : {};
}

/**
 * The persona editor's "score traits from the description": the measurement
 * pipeline on the judge, as the settings stand now (they may have changed since
 * the app started). A failure rejects with its message, which the editor shows.
 */
async function scoreTraits(app: AppDeps['app'], description: string): Promise<{ hexaco: Hexaco; csi: Csi }> {
  const ready = await app.judge();
  if (!ready.ok) throw new Error(ready.message);
  const { hexaco, csi } = await scoreFromDescription(ready.judge, description);
  return { hexaco, csi };
}
