import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { activeCatalog } from '../core/llm/local/catalog.js';
import { findModelFile, modelFileState } from '../core/llm/local/model-files.js';
import { localPaths } from '../core/llm/local/paths.js';
import { formatBytes } from '../core/llm/local/progress.js';

/**
 * Which GGUF file the local provider loads this run. Sessions and endpoints name
 * it by its file name only (the folder may hold the user's name); the path stays
 * here, for loading. Highest first:
 *   --model-file PATH > $PERSONA_TALKS_MODEL_FILE > a model name (--model, a
 *   resumed session's recorded file, an experiment's model: a path, or a file in
 *   the models folder) > the settings' model file > the downloaded default model.
 */

export type LocalModelChoice =
  | { ok: true; modelFile: string; name: string }
  /** `name` is what the endpoint reports meanwhile; `problem` says what to do. */
  | { ok: false; name: string; problem: string };

export interface LocalModelInputs {
  /** --model-file */
  flag?: string;
  /** A model name: --model, a resumed session's recorded file name, an experiment's model. */
  name?: string;
  /** settings.modelFile */
  stored?: string;
}

export function chooseLocalModel(inputs: LocalModelInputs, env: NodeJS.ProcessEnv): LocalModelChoice {
  const paths = localPaths(env);
  const given = (path: string, where: string): LocalModelChoice => {
    const file = resolve(path);
    return isFile(file) ? { ok: true, modelFile: file, name: basename(file) } : { ok: false, name: basename(file), problem: `No model file at ${path} (${where}).` };
  };
  if (inputs.flag?.trim()) return given(inputs.flag.trim(), '--model-file');
  const fromEnv = env.PERSONA_TALKS_MODEL_FILE?.trim();
  if (fromEnv) return given(fromEnv, 'PERSONA_TALKS_MODEL_FILE');
  const name = inputs.name?.trim();
  if (name) {
    const found = findModelFile(paths.models, name);
    if (found) return { ok: true, modelFile: found, name: basename(found) };
    return {
      ok: false,
      name: basename(name),
      problem: `The local model ${basename(name)} is not in ${paths.models}. Give its file with --model-file PATH (or PERSONA_TALKS_MODEL_FILE).`,
    };
  }
  if (inputs.stored?.trim()) return given(inputs.stored.trim(), 'the model file in the settings');
  const catalog = activeCatalog(env);
  const state = modelFileState(paths.models, catalog);
  if (state.present) return { ok: true, modelFile: state.file, name: catalog.fileName };
  return { ok: false, name: catalog.fileName, problem: noLocalModelMessage(env) };
}

/** What to do when there is no local model yet, for a command line. */
export function noLocalModelMessage(env: NodeJS.ProcessEnv): string {
  const catalog = activeCatalog(env);
  return (
    `No local model yet. Run \`persona-talks local setup\` to download ${catalog.name} (${formatBytes(catalog.sizeBytes)}, ${catalog.licence}), ` +
    'or give a GGUF file you have with --model-file PATH.'
  );
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
