import type { ChatClient } from '../types.js';
import { activeCatalog, type CatalogModel } from './catalog.js';
import { localChatClient } from './local-client.js';
import { LocalModel, type LocalModelOptions } from './local-model.js';
import { ggufFilesIn, modelFileState, type ModelFileState } from './model-files.js';
import { localPaths, type LocalPaths } from './paths.js';
import { recommendLocalSettings, type LocalRecommendation } from './recommend.js';
import { RUNTIME_VERSION } from './runtime-packages.js';
import { runtimeInfo, type RuntimeInfo } from './runtime.js';

/**
 * The local model's public surface: per-role clients sharing one loaded model,
 * which model file to use, and what is installed where.
 */

export { activeCatalog, DEFAULT_LOCAL_MODEL } from './catalog.js';
export { LOCAL_BASE_URL } from './local-client.js';
export { localPaths } from './paths.js';
export { recommendLocalSettings, type LocalRecommendation } from './recommend.js';

export interface LocalClientsOptions extends Omit<LocalModelOptions, 'runtimeDir'> {
  /** Default: localPaths(env).runtime. */
  runtimeDir?: string;
  env?: NodeJS.ProcessEnv;
}

export interface LocalClients {
  seeker: ChatClient;
  supporter: ChatClient;
  /** The trait judge and the strategy classifier: they wait for the agents. */
  judge: ChatClient;
  model: LocalModel;
  /** Settings that keep this machine responsive (judge cadence, and the share used above). */
  recommendation: LocalRecommendation;
  close(): Promise<void>;
}

/**
 * Loads the model once and returns a client per role. Unless the caller says
 * otherwise, the background share follows the recommendation for this machine
 * (CPU or GPU); the judge cadence is the caller's to apply.
 */
export async function createLocalClients(options: LocalClientsOptions): Promise<LocalClients> {
  const runtimeDir = options.runtimeDir ?? localPaths(options.env).runtime;
  const model = await LocalModel.load({ ...options, runtimeDir });
  const machine = recommendLocalSettings(model.gpu);
  const backgroundShare = options.backgroundShare ?? machine.backgroundShare;
  model.scheduler.setBackgroundShare(backgroundShare);
  const recommendation = { ...machine, backgroundShare };
  return {
    seeker: localChatClient(model, 'agent'),
    supporter: localChatClient(model, 'agent'),
    judge: localChatClient(model, 'background'),
    model,
    recommendation,
    close: () => model.dispose(),
  };
}

/**
 * The model file to use: --model-file, then $PERSONA_TALKS_MODEL_FILE, then the
 * default model if it has been downloaded. Undefined when there is none.
 */
export function resolveLocalModelFile(options: { flag?: string; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  const env = options.env ?? process.env;
  if (options.flag) return options.flag;
  if (env.PERSONA_TALKS_MODEL_FILE) return env.PERSONA_TALKS_MODEL_FILE;
  const state = modelFileState(localPaths(env).models, activeCatalog(env));
  return state.present ? state.file : undefined;
}

export interface LocalStatus {
  paths: LocalPaths;
  runtime: RuntimeInfo & { requiredVersion: string };
  defaultModel: ModelFileState & { catalog: CatalogModel };
  /** Every .gguf in the models folder. */
  modelFiles: { file: string; sizeBytes: number }[];
  /** What resolveLocalModelFile would pick. */
  selected?: string;
}

/** What is installed and where; reads the disk only (fast, no model is loaded). */
export function localStatus(options: { env?: NodeJS.ProcessEnv; modelFile?: string } = {}): LocalStatus {
  const env = options.env ?? process.env;
  const paths = localPaths(env);
  const catalog = activeCatalog(env);
  const selected = resolveLocalModelFile({ env, ...(options.modelFile ? { flag: options.modelFile } : {}) });
  return {
    paths,
    runtime: { ...runtimeInfo(paths.runtime), requiredVersion: RUNTIME_VERSION },
    defaultModel: { ...modelFileState(paths.models, catalog), catalog },
    modelFiles: ggufFilesIn(paths.models),
    ...(selected ? { selected } : {}),
  };
}
