import { readSession, SessionReadError, type LoadedSession } from './reader.js';

/**
 * Reads sessions one at a time, as a consumer asks for them, so an export of
 * thousands holds one in memory at once. A file that is not a readable session
 * is reported to `onUnreadable` and passed over.
 */
export function* readEach(paths: Iterable<string>, onUnreadable: (path: string, message: string) => void): Generator<LoadedSession> {
  for (const path of paths) {
    let session: LoadedSession;
    try {
      session = readSession(path);
    } catch (error) {
      if (!(error instanceof SessionReadError)) throw error;
      onUnreadable(path, error.message);
      continue;
    }
    yield session;
  }
}
