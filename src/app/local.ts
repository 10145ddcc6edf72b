import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../core/config/settings.js';
import { activeCatalog, CatalogError, DEFAULT_LOCAL_MODEL, type CatalogModel } from '../core/llm/local/catalog.js';
import { DownloadError, downloadModel, type DownloadEvent } from '../core/llm/local/download.js';
import { localStatus, type LocalClients } from '../core/llm/local/index.js';
import { LlmLoadError, LocalModel } from '../core/llm/local/local-model.js';
import { checkGgufFile, checksumFile, ModelFileError, modelFileState, PARTIAL_SUFFIX } from '../core/llm/local/model-files.js';
import { localPaths } from '../core/llm/local/paths.js';
import { formatBytes } from '../core/llm/local/progress.js';
import { recommendLocalSettings } from '../core/llm/local/recommend.js';
import { approximateMb, RUNTIME_VERSION, runtimePackageSpecs, type GpuBuild } from '../core/llm/local/runtime-packages.js';
import { detectGpuBuild, errorText, installRuntime, loadRuntime, LocalRuntimeError, runtimeInfo } from '../core/llm/local/runtime.js';
import type { ServerCheck } from '../core/llm/check-server.js';
import type { Endpoint } from '../core/llm/types.js';
import { PRESET_IDS } from '../core/llm/presets.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { chooseLocalModel } from './local-endpoint.js';
import { localTuning, LocalTuningError } from './local-host.js';
import { cpuCadenceNote } from './messages.js';

/**
 * The model that runs inside the app, for the front ends: setting it up (the
 * llama.cpp runtime, the model file, a load check), what is installed where, and
 * removing it again. The front end says how it shows progress; the work is here.
 */

export { DEFAULT_LOCAL_MODEL, formatBytes, localStatus, RUNTIME_VERSION, type CatalogModel, type DownloadEvent };
export type { LocalStatus } from '../core/llm/local/index.js';
export { progressLine as downloadProgressText } from '../core/llm/local/progress.js';

/** A failed step of setup or remove, with a message that says which and what to do; `cancelled` when the user stopped it. */
export function localFailure(error: unknown): { message: string; cancelled: boolean } | undefined {
  if (error instanceof LocalRuntimeError || error instanceof DownloadError || error instanceof ModelFileError) {
    return { message: error.message, cancelled: error instanceof DownloadError && error.kind === 'cancelled' };
  }
  return undefined;
}

export type GpuChoice = 'auto' | GpuBuild | 'none';

/** How a front end follows a download: its events, a way to stop it, and its end. */
export interface DownloadWatch {
  onEvent(event: DownloadEvent): void;
  signal?: AbortSignal;
  end(): void;
}

export interface LocalSetupOptions {
  env: NodeJS.ProcessEnv;
  gpu: GpuChoice;
  /** A GGUF file the user already has, instead of the default model. */
  modelFile?: string;
  runtimeOnly: boolean;
  /** The model to download (tests point it at a loopback server). */
  catalog?: CatalogModel;
  /** Threads for the load check. */
  threads?: number;
  /** Load the model once to prove it works (default true; the app skips it when it loads the model next). */
  loadCheck?: boolean;
  /** Each line of what setup is doing. */
  say(line: string): void;
  /** Called when a download starts; the watch ends when it does. */
  watchDownload(): DownloadWatch;
}

/**
 * Installs the runtime (the CPU build, then a GPU build when asked for or found),
 * downloads and verifies the model (an interrupted download continues), and loads
 * it once to prove the two work together. Throws the failures localFailure reads.
 */
export async function setupLocal(o: LocalSetupOptions): Promise<void> {
  const paths = localPaths(o.env);
  const catalog = o.catalog ?? activeCatalog(o.env);

  // 1. The runtime: the CPU build first, then a GPU build when asked for or detected.
  let info = runtimeInfo(paths.runtime);
  if (info.ready) o.say(`Runtime: node-llama-cpp ${RUNTIME_VERSION} is installed in ${paths.runtime}`);
  else {
    const specs = runtimePackageSpecs();
    const mb = approximateMb(specs);
    o.say(`Installing the llama.cpp runtime (${specs.join(' + ')}${mb ? `, about ${mb} MB` : ''}) into ${paths.runtime} …`);
    info = await installRuntime({ dir: paths.runtime, env: o.env, onOutput: (line) => o.say(`  npm: ${cleanForDisplay(line)}`) });
  }
  const wanted: GpuBuild | undefined = o.gpu === 'none' ? undefined : o.gpu === 'auto' ? await detectGpuBuild(await loadRuntime(paths.runtime)) : o.gpu;
  if (wanted) {
    const specs = runtimePackageSpecs({ gpu: wanted });
    const missing = specs.filter((s) => !s.startsWith('node-llama-cpp') && !info.binaries.includes(s));
    if (missing.length > 0) {
      const mb = approximateMb(missing);
      o.say(`Adding the ${wanted.toUpperCase()} build (${missing.join(' + ')}${mb ? `, about ${mb} MB` : ''}) …`);
      info = await installRuntime({ dir: paths.runtime, gpu: wanted, env: o.env, onOutput: (line) => o.say(`  npm: ${cleanForDisplay(line)}`) });
    }
  } else if (o.gpu === 'auto' && process.platform !== 'darwin') {
    // (On a Mac the build installed above is the one to have: Metal on Apple Silicon.)
    o.say('No CUDA or Vulkan driver found: the model will run on the CPU.');
  }
  if (o.runtimeOnly) {
    o.say('Runtime ready.');
    return;
  }

  // 2. The model: the user's own file, or the default one downloaded and verified.
  let modelFile: string;
  if (o.modelFile) {
    await checkGgufFile(o.modelFile);
    modelFile = o.modelFile;
    o.say(`Model: ${modelFile} (your file; use it with --model-file or PERSONA_TALKS_MODEL_FILE)`);
  } else {
    const state = modelFileState(paths.models, catalog);
    modelFile = state.file;
    if (state.verified) o.say(`Model: ${catalog.name} is downloaded and verified: ${state.file}`);
    else {
      o.say(`Downloading ${catalog.name}, ${formatBytes(catalog.sizeBytes)} (${catalog.licence}, ${catalog.licenceUrl})`);
      o.say(`  from ${catalog.url}`);
      o.say(`  to   ${state.file}`);
      const watch = o.watchDownload();
      try {
        await downloadModel({
          url: catalog.url,
          dest: state.file,
          sha256: catalog.sha256,
          expectedBytes: catalog.sizeBytes,
          onEvent: (e) => watch.onEvent(e),
          ...(watch.signal ? { signal: watch.signal } : {}),
        });
      } finally {
        watch.end();
      }
    }
  }

  // 3. Proof that the two work together: load the model once.
  if (o.loadCheck === false) return;
  o.say('Loading the model to check it works …');
  const started = performance.now();
  let model: LocalModel;
  try {
    model = await LocalModel.load({ modelFile, runtimeDir: paths.runtime, contextSize: 2048, ...(o.threads ? { threads: o.threads } : {}) });
  } catch (error) {
    throw new LocalRuntimeError(errorText(error));
  }
  const loadedIn = ((performance.now() - started) / 1000).toFixed(1);
  const advice = recommendLocalSettings(model.gpu);
  const warnings = model.warnings();
  await model.dispose();
  for (const warning of warnings) o.say(`  llama.cpp: ${cleanForDisplay(warning)}`);
  o.say(`Ready: loaded in ${loadedIn} s on ${model.gpu === false ? 'the CPU' : model.gpu.toUpperCase()}.`);
  o.say(advice.note);
}

/** What `local remove` would delete: the default model's files, the runtime folder, or both. */
export interface LocalRemoval {
  catalog: CatalogModel;
  /** The default model's file, its partial download and its checksum, those that exist; undefined when the model is not to go. */
  modelFiles?: string[];
  modelFile: string;
  /** The runtime folder when it is to go and exists. */
  runtime?: { dir: string; ours: boolean };
  runtimeDir: string;
}

export function planLocalRemoval(env: NodeJS.ProcessEnv, what: { model: boolean; runtime: boolean }, catalog: CatalogModel = activeCatalog(env)): LocalRemoval {
  const paths = localPaths(env);
  const state = modelFileState(paths.models, catalog);
  const modelFiles = [state.file, state.file + PARTIAL_SUFFIX, checksumFile(state.file)].filter((f) => existsSync(f));
  return {
    catalog,
    modelFile: state.file,
    runtimeDir: paths.runtime,
    ...(what.model ? { modelFiles } : {}),
    ...(what.runtime && existsSync(paths.runtime) ? { runtime: { dir: paths.runtime, ours: isOurRuntimeFolder(paths.runtime) } } : {}),
  };
}

/** Deletes what the plan names (never a runtime folder setup did not make); says what it did. */
export async function removeLocal(env: NodeJS.ProcessEnv, plan: LocalRemoval, say: (line: string) => void): Promise<void> {
  if (plan.runtime) {
    if (!plan.runtime.ours) throw new LocalRuntimeError(`${plan.runtime.dir} does not look like the runtime folder persona-talks installs; not deleting it.`);
    await rm(plan.runtime.dir, { recursive: true, force: true });
    say(`Deleted the runtime ${plan.runtime.dir}`);
  }
  if (plan.modelFiles) {
    for (const f of plan.modelFiles) await rm(f, { force: true });
    say(plan.modelFiles.length > 0 ? `Deleted ${plan.catalog.name} (${plan.modelFile})` : 'No downloaded model to delete.');
    const others = localStatus({ env }).modelFiles.filter((f) => f.file !== plan.modelFile);
    if (others.length > 0) say(`Left your other GGUF files in ${localPaths(env).models} alone.`);
  }
}

/** Only a folder with the manifest `local setup` writes is deleted: the variable could point anywhere. */
function isOurRuntimeFolder(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === 'persona-talks-local-runtime';
  } catch {
    return false;
  }
}

/** The judge cadence the local model gets on a CPU when the user kept the default (the settings screen says so). */
export const CPU_JUDGE_CADENCE = recommendLocalSettings(false).judgeCadence;

/** What the app can say about the local model before it is used: installed or not, and what a setup downloads. */
export interface LocalModelOffer {
  runtimeReady: boolean;
  /** A model file to run is there (the downloaded one, or the user's own); its name. */
  model?: string;
  /** What a setup downloads, and how much of it an interrupted download already holds. */
  download: { name: string; sizeBytes: number; licence: string; partialBytes?: number };
  /** The runtime's download, about this many MB, when it is not installed. */
  runtimeMb?: number;
}

export function localModelOffer(env: NodeJS.ProcessEnv, settings: Settings, modelFile?: string): LocalModelOffer {
  const paths = localPaths(env);
  const catalog = activeCatalog(env);
  const runtime = runtimeInfo(paths.runtime);
  const choice = chooseLocalModel({ ...(modelFile ? { flag: modelFile } : {}), ...(settings.modelFile ? { stored: settings.modelFile } : {}) }, env);
  const partial = modelFileState(paths.models, catalog).partialBytes;
  const mb = runtime.ready ? undefined : approximateMb(runtimePackageSpecs());
  return {
    runtimeReady: runtime.ready,
    ...(choice.ok ? { model: choice.name } : {}),
    download: { name: catalog.name, sizeBytes: catalog.sizeBytes, licence: catalog.licence, ...(partial ? { partialBytes: partial } : {}) },
    ...(mb ? { runtimeMb: mb } : {}),
  };
}

/** How the loaded local model runs. */
export interface LocalRun {
  /** The model file's name. */
  model: string;
  /** "CPU", or the GPU backend ("CUDA", "METAL", "VULKAN"). */
  device: string;
  contextSize: number;
  /** On a CPU: the judge cadence that keeps a conversation responsive there, and the sentence that says so. */
  recommended?: { judgeCadence: number; note: string };
}

export function localRun(clients: LocalClients): LocalRun {
  const { gpu } = clients.model;
  const cadence = clients.recommendation.judgeCadence;
  return {
    model: clients.model.name,
    device: gpu === false ? 'CPU' : gpu.toUpperCase(),
    contextSize: clients.model.contextSize,
    ...(gpu === false ? { recommended: { judgeCadence: cadence, note: cpuCadenceNote(cadence) } } : {}),
  };
}

/** "Test connection" in the settings for the local provider: the runtime and the model file are there (nothing is loaded). */
export function checkLocalEndpoint(endpoint: Endpoint, settings: Settings, env: NodeJS.ProcessEnv): ServerCheck {
  const runtime = runtimeInfo(localPaths(env).runtime);
  if (!runtime.ready) return { ok: false, message: 'The llama.cpp runtime is not installed: run `persona-talks local setup`, or press l on the no-server screen.' };
  const choice = chooseLocalModel({ ...(endpoint.model ? { name: endpoint.model } : {}), ...(settings.modelFile ? { stored: settings.modelFile } : {}) }, env);
  return choice.ok ? { ok: true, models: [choice.name] } : { ok: false, message: choice.problem };
}

/** Why the local model could not be loaded, in words for the user. */
export function localFailureMessage(error: unknown): string {
  if (error instanceof LlmLoadError) return error.message;
  return localFailure(error)?.message ?? `The local model could not start: ${errorText(error)}`;
}

/** A problem with the local model's environment variables, said before anything runs; undefined when there is none. */
export function validLocalEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const provider = env.PERSONA_TALKS_PROVIDER?.trim();
  if (provider && !(PRESET_IDS as readonly string[]).includes(provider)) {
    return `PERSONA_TALKS_PROVIDER must be one of: ${PRESET_IDS.join(', ')} (got "${cleanForDisplay(provider)}").`;
  }
  try {
    activeCatalog(env);
    localTuning(env);
  } catch (error) {
    if (error instanceof CatalogError || error instanceof LocalTuningError) return error.message;
    throw error;
  }
  return undefined;
}
