/**
 * The simulator notice the app shows on its first run, on its own so the first
 * screen can show it without compiling the crisis lexicon (core/safety.ts
 * re-exports it with the rest of the safety wording).
 */
export const SIMULATOR_NOTICE =
  'persona-talks is a research and practice simulator. The conversations are written by language models ' +
  'playing characters; they are not therapy and not advice.';
