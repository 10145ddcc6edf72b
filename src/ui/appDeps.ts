import type { ClientSet } from '../app/clients.js';
import type { ResolvedEndpoints } from '../core/config/resolve-endpoints.js';
import type { Settings, SettingsStore } from '../core/config/settings.js';
import type { Conversation, ConversationOptions } from '../core/engine/types.js';
import type { ServerCheck } from '../core/llm/check-server.js';
import type { Endpoint } from '../core/llm/types.js';
import type { Library } from '../core/personas/library.js';
import type { Persona } from '../core/personas/schema.js';
import type { SessionHeader } from '../core/domain.js';

/**
 * Everything the app shell touches outside React, injected so tests can pass the
 * real implementations pointed at a temporary folder and a loopback server.
 */
export interface AppDeps {
  loadLibrary(): Promise<Library>;
  settings: SettingsStore;
  /** Stored settings → where each role's requests go (the caller binds environment and flags). */
  resolveEndpoints(settings: Settings): ResolvedEndpoints;
  createClients(endpoints: ResolvedEndpoints): ClientSet;
  /** Where a resumed session's requests go: its recorded server and models unless flags/environment override. */
  resumeEndpoints?(header: SessionHeader): ResolvedEndpoints;
  startConversation(options: ConversationOptions): Conversation;
  checkServer(endpoint: Endpoint): Promise<ServerCheck>;
  savePersona(persona: Persona, dir: string): Promise<string>;
  paths: {
    /** Where sessions are written; null writes none. */
    sessionsDir: string | null;
    /** The user's persona folder: the editor saves here, never into the bundled one. */
    userPersonasDir: string;
  };
  appVersion: string;
  /** Batching window for streamed text; tests shorten it. */
  deltaFlushMs?: number;
}
