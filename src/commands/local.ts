import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_LOCAL_MODEL, type CatalogModel } from '../core/llm/local/catalog.js';
import { downloadModel, DownloadError } from '../core/llm/local/download.js';
import { localStatus, recommendLocalSettings, type LocalStatus } from '../core/llm/local/index.js';
import { LocalModel } from '../core/llm/local/local-model.js';
import { checksumFile, checkGgufFile, ModelFileError, modelFileState, PARTIAL_SUFFIX } from '../core/llm/local/model-files.js';
import { localPaths } from '../core/llm/local/paths.js';
import { formatBytes } from '../core/llm/local/progress.js';
import { approximateMb, RUNTIME_VERSION, runtimePackageSpecs, type GpuBuild } from '../core/llm/local/runtime-packages.js';
import { detectGpuBuild, errorText, installRuntime, loadRuntime, LocalRuntimeError, runtimeInfo } from '../core/llm/local/runtime.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { downloadPrinter } from './local-progress.js';
import type { CommandIo } from './personas.js';
import { parseArgs } from './sessions.js';

export const LOCAL_USAGE = `Usage:
  persona-talks local setup [--gpu auto|cuda|vulkan|none] [--model-file PATH] [--runtime-only]
  persona-talks local status [--json]
  persona-talks local remove [--model] [--runtime] --yes

setup installs the llama.cpp runtime (node-llama-cpp ${RUNTIME_VERSION} and the prebuilt build for this machine)
and downloads ${DEFAULT_LOCAL_MODEL.name}, ${formatBytes(DEFAULT_LOCAL_MODEL.sizeBytes)}, ${DEFAULT_LOCAL_MODEL.licence}; an interrupted
download continues where it stopped. --model-file uses a GGUF file you already have instead.
Folders: $PERSONA_TALKS_MODELS_DIR and $PERSONA_TALKS_RUNTIME_DIR (default: your data folder).`;

export interface LocalCommandOptions {
  env?: NodeJS.ProcessEnv;
  /** The model setup downloads (tests point it at a loopback server). */
  catalog?: CatalogModel;
  /** Whether stdout is a terminal (a redrawn progress bar) or not (plain lines). */
  isTTY?: boolean;
  /** Threads for setup's load check. */
  threads?: number;
}

/** Exit codes: 0 done, 1 a step failed (the message says which and what to do), 2 bad usage, 130 interrupted. */
export async function runLocalCommand(args: string[], io: CommandIo, opts: LocalCommandOptions = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = parseArgs(args, { flags: ['json', 'yes', 'model', 'runtime', 'runtime-only', 'help', 'h'], options: ['gpu', 'model-file'] });
  if (typeof parsed === 'string') return usage(err, parsed);
  const [sub, ...rest] = parsed.positional;
  if (parsed.flags.has('help') || parsed.flags.has('h') || sub === undefined) {
    out(LOCAL_USAGE);
    return sub === undefined && !parsed.flags.has('help') && !parsed.flags.has('h') ? 2 : 0;
  }
  if (rest.length > 0) return usage(err, `unexpected argument "${cleanForDisplay(rest[0]!)}"`);
  const env = opts.env ?? process.env;
  try {
    if (sub === 'status') return status(localStatus({ env, ...(parsed.options.has('model-file') ? { modelFile: parsed.options.get('model-file')! } : {}) }), parsed.flags.has('json'), out);
    if (sub === 'remove') return await remove(env, parsed.flags, out, err, opts.catalog ?? DEFAULT_LOCAL_MODEL);
    if (sub === 'setup') {
      const gpu = parsed.options.get('gpu') ?? 'auto';
      if (!['auto', 'cuda', 'vulkan', 'none'].includes(gpu)) return usage(err, `--gpu must be auto, cuda, vulkan or none (got "${cleanForDisplay(gpu)}")`);
      return await setup({ env, gpu: gpu as GpuChoice, modelFile: parsed.options.get('model-file'), runtimeOnly: parsed.flags.has('runtime-only'), io, opts });
    }
  } catch (error) {
    if (error instanceof LocalRuntimeError || error instanceof DownloadError || error instanceof ModelFileError) {
      err(`persona-talks local: ${cleanForDisplay(error.message)}`);
      return error instanceof DownloadError && error.kind === 'cancelled' ? 130 : 1;
    }
    throw error;
  }
  return usage(err, `unknown local subcommand "${cleanForDisplay(sub)}"`);
}

type GpuChoice = 'auto' | GpuBuild | 'none';

function usage(err: (t: string) => void, message: string): number {
  err(`persona-talks local: ${message}`);
  err(LOCAL_USAGE);
  return 2;
}

async function setup(o: { env: NodeJS.ProcessEnv; gpu: GpuChoice; modelFile?: string; runtimeOnly: boolean; io: CommandIo; opts: LocalCommandOptions }): Promise<number> {
  const out = (text: string) => o.io.stdout.write(`${text}\n`);
  const paths = localPaths(o.env);
  const catalog = o.opts.catalog ?? DEFAULT_LOCAL_MODEL;

  // 1. The runtime: the CPU build first, then a GPU build when asked for or detected.
  let info = runtimeInfo(paths.runtime);
  if (info.ready) out(`Runtime: node-llama-cpp ${RUNTIME_VERSION} is installed in ${paths.runtime}`);
  else {
    const specs = runtimePackageSpecs();
    const mb = approximateMb(specs);
    out(`Installing the llama.cpp runtime (${specs.join(' + ')}${mb ? `, about ${mb} MB` : ''}) into ${paths.runtime} …`);
    info = await installRuntime({ dir: paths.runtime, env: o.env, onOutput: (line) => out(`  npm: ${cleanForDisplay(line)}`) });
  }
  const wanted: GpuBuild | undefined = o.gpu === 'none' ? undefined : o.gpu === 'auto' ? await detectGpuBuild(await loadRuntime(paths.runtime)) : o.gpu;
  if (wanted) {
    const specs = runtimePackageSpecs({ gpu: wanted });
    const missing = specs.filter((s) => !s.startsWith('node-llama-cpp') && !info.binaries.includes(s));
    if (missing.length > 0) {
      const mb = approximateMb(missing);
      out(`Adding the ${wanted.toUpperCase()} build (${missing.join(' + ')}${mb ? `, about ${mb} MB` : ''}) …`);
      info = await installRuntime({ dir: paths.runtime, gpu: wanted, env: o.env, onOutput: (line) => out(`  npm: ${cleanForDisplay(line)}`) });
    }
  } else if (o.gpu === 'auto' && process.platform !== 'darwin') {
    // (On a Mac the build installed above is the one to have: Metal on Apple Silicon.)
    out('No CUDA or Vulkan driver found: the model will run on the CPU.');
  }
  if (o.runtimeOnly) {
    out('Runtime ready.');
    return 0;
  }

  // 2. The model: the user's own file, or the default one downloaded and verified.
  let modelFile: string;
  if (o.modelFile) {
    await checkGgufFile(o.modelFile);
    modelFile = o.modelFile;
    out(`Model: ${modelFile} (your file; use it with --model-file or PERSONA_TALKS_MODEL_FILE)`);
  } else {
    const state = modelFileState(paths.models, catalog);
    modelFile = state.file;
    if (state.verified) out(`Model: ${catalog.name} is downloaded and verified: ${state.file}`);
    else {
      out(`Downloading ${catalog.name}, ${formatBytes(catalog.sizeBytes)} (${catalog.licence}, ${catalog.licenceUrl})`);
      out(`  from ${catalog.url}`);
      out(`  to   ${state.file}`);
      const printer = downloadPrinter(o.io.stdout, o.opts.isTTY ?? Boolean((o.io.stdout as { isTTY?: boolean }).isTTY));
      const controller = new AbortController();
      const interrupt = () => controller.abort();
      process.once('SIGINT', interrupt);
      try {
        await downloadModel({ url: catalog.url, dest: state.file, sha256: catalog.sha256, expectedBytes: catalog.sizeBytes, onEvent: printer.onEvent, signal: controller.signal });
      } finally {
        process.removeListener('SIGINT', interrupt);
        printer.end();
      }
    }
  }

  // 3. Proof that the two work together: load the model once.
  out('Loading the model to check it works …');
  const started = performance.now();
  let model: LocalModel;
  try {
    model = await LocalModel.load({ modelFile, runtimeDir: paths.runtime, contextSize: 2048, ...(o.opts.threads ? { threads: o.opts.threads } : {}) });
  } catch (error) {
    throw new LocalRuntimeError(errorText(error));
  }
  const loadedIn = ((performance.now() - started) / 1000).toFixed(1);
  const advice = recommendLocalSettings(model.gpu);
  const warnings = model.warnings();
  await model.dispose();
  for (const warning of warnings) out(`  llama.cpp: ${cleanForDisplay(warning)}`);
  out(`Ready: loaded in ${loadedIn} s on ${model.gpu === false ? 'the CPU' : model.gpu.toUpperCase()}.`);
  out(advice.note);
  return 0;
}

function status(s: LocalStatus, json: boolean, out: (t: string) => void): number {
  if (json) {
    out(JSON.stringify(s, null, 2));
    return 0;
  }
  const r = s.runtime;
  const m = s.defaultModel;
  out('Local model');
  out(
    `  runtime  ${
      r.ready
        ? `node-llama-cpp ${r.version} (${r.binaries.join(', ')})`
        : r.version
          ? `node-llama-cpp ${r.version} found, ${r.requiredVersion} needed: run \`persona-talks local setup\``
          : 'not installed: run `persona-talks local setup`'
    }`,
  );
  out(`           in ${s.paths.runtime}`);
  const model = m.verified
    ? `${m.catalog.name}, ${formatBytes(m.sizeBytes ?? 0)}, verified`
    : m.present
      ? `${m.catalog.name}, ${formatBytes(m.sizeBytes ?? 0)}, not verified: run \`persona-talks local setup\``
      : m.partialBytes
        ? `${m.catalog.name}: ${formatBytes(m.partialBytes)} of ${formatBytes(m.catalog.sizeBytes)} downloaded; \`persona-talks local setup\` continues it`
        : 'not downloaded: run `persona-talks local setup`';
  out(`  model    ${model}`);
  out(`           in ${s.paths.models}`);
  const others = s.modelFiles.filter((f) => f.file !== m.file);
  for (const f of others) out(`  also     ${f.file} (${formatBytes(f.sizeBytes)})`);
  out(`  uses     ${s.selected ?? 'nothing yet (run setup, or pass --model-file / set PERSONA_TALKS_MODEL_FILE)'}`);
  return 0;
}

async function remove(env: NodeJS.ProcessEnv, flags: Set<string>, out: (t: string) => void, err: (t: string) => void, catalog: CatalogModel): Promise<number> {
  const paths = localPaths(env);
  const both = !flags.has('model') && !flags.has('runtime');
  const doModel = both || flags.has('model');
  const doRuntime = both || flags.has('runtime');
  const state = modelFileState(paths.models, catalog);
  const modelFiles = [state.file, state.file + PARTIAL_SUFFIX, checksumFile(state.file)].filter((f) => existsSync(f));
  const runtimePresent = existsSync(paths.runtime);
  if (!flags.has('yes')) {
    err('persona-talks local: remove deletes these for good; add --yes to confirm:');
    if (doModel) err(modelFiles.length > 0 ? modelFiles.map((f) => `  ${f}`).join('\n') : '  (no model files)');
    if (doRuntime) err(runtimePresent ? `  ${paths.runtime}` : '  (no runtime folder)');
    return 2;
  }
  if (doRuntime && runtimePresent) {
    if (!isOurRuntimeFolder(paths.runtime)) {
      err(`persona-talks local: ${paths.runtime} does not look like the runtime folder persona-talks installs; not deleting it.`);
      return 1;
    }
    await rm(paths.runtime, { recursive: true, force: true });
    out(`Deleted the runtime ${paths.runtime}`);
  }
  if (doModel) {
    for (const f of modelFiles) await rm(f, { force: true });
    out(modelFiles.length > 0 ? `Deleted ${catalog.name} (${state.file})` : 'No downloaded model to delete.');
    const others = localStatus({ env }).modelFiles.filter((f) => f.file !== state.file);
    if (others.length > 0) out(`Left your other GGUF files in ${paths.models} alone.`);
  }
  return 0;
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
