import type { Application } from '../app/application.js';
import type { Library } from '../core/personas/library.js';
import type { Persona } from '../core/personas/schema.js';

/**
 * Everything the app shell touches outside React, injected so tests can pass the
 * real implementations pointed at a temporary folder and a loopback server.
 */
export interface AppDeps {
  /** Settings, model servers, and starting, resuming or scoring with them. */
  app: Application;
  loadLibrary(): Promise<Library>;
  /**
   * The library as the app's start read it, if that read has finished; otherwise
   * undefined. Home shows it in the app's first render instead of in a render of its
   * own (Ink draws at most one frame per ~33 ms, so each render before home delays it).
   */
  startupLibrary?(): Library | undefined;
  savePersona(persona: Persona, dir: string): Promise<string>;
  /** The user's persona folder: the editor saves here, never into the bundled one. */
  userPersonasDir: string;
  /** Batching window for streamed text; tests shorten it. */
  deltaFlushMs?: number;
}
