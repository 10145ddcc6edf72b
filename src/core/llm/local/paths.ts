import envPaths from 'env-paths';
import { join, resolve } from 'node:path';

/**
 * Where the local model and its runtime live: the per-user data folder of this
 * platform (env-paths: ~/.local/share/persona-talks on Linux, ~/Library/Application
 * Support/persona-talks on macOS, %LOCALAPPDATA%\persona-talks\Data on Windows).
 * Both can be moved with an environment variable, e.g. onto a bigger disk.
 */

export interface LocalPaths {
  /** GGUF model files. $PERSONA_TALKS_MODELS_DIR, else <data>/models. */
  models: string;
  /** The npm prefix the llama.cpp runtime is installed into. $PERSONA_TALKS_RUNTIME_DIR, else <data>/local-runtime. */
  runtime: string;
}

export function localDataDir(): string {
  // No "-nodejs" suffix: the same folder name conf uses for our settings.
  return envPaths('persona-talks', { suffix: '' }).data;
}

export function localPaths(env: NodeJS.ProcessEnv = process.env): LocalPaths {
  const data = localDataDir();
  return {
    models: env.PERSONA_TALKS_MODELS_DIR ? resolve(env.PERSONA_TALKS_MODELS_DIR) : join(data, 'models'),
    runtime: env.PERSONA_TALKS_RUNTIME_DIR ? resolve(env.PERSONA_TALKS_RUNTIME_DIR) : join(data, 'local-runtime'),
  };
}
