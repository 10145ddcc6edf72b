import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LlamaGpuType, LlamaLike, LlamaLogLevel, NodeLlamaCpp } from './runtime-api.js';
import { cpuBinaryPackage, RUNTIME_PACKAGE, RUNTIME_VERSION, runtimePackageSpecs, type GpuBuild } from './runtime-packages.js';

/**
 * The llama.cpp runtime (node-llama-cpp and one prebuilt binary package) lives
 * in its own npm prefix in the user's data folder, installed by
 * `persona-talks local setup` with the user's npm, and is loaded from there with
 * a dynamic import. People who use a model server never download it.
 */

export class LocalRuntimeError extends Error {
  override readonly name = 'LocalRuntimeError';
}

export interface RuntimeInfo {
  dir: string;
  /** node-llama-cpp's version in that folder, when there is one. */
  version?: string;
  /** The @node-llama-cpp/* binary packages present. */
  binaries: string[];
  /** Present and the pinned version. */
  ready: boolean;
}

export function runtimeInfo(dir: string): RuntimeInfo {
  const modules = join(dir, 'node_modules');
  const version = readVersion(join(modules, RUNTIME_PACKAGE, 'package.json'));
  const scope = join(modules, '@node-llama-cpp');
  const binaries = existsSync(scope) ? readdirSync(scope).map((name) => `@node-llama-cpp/${name}`) : [];
  return { dir, ...(version ? { version } : {}), binaries, ready: version === RUNTIME_VERSION && binaries.length > 0 };
}

function readVersion(packageJson: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

export interface InstallOptions {
  dir: string;
  gpu?: GpuBuild;
  /** npm's output, line by line. */
  onOutput?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * `npm install` of the pinned runtime into `dir`, without node-llama-cpp's
 * optional dependencies (all its prebuilt binaries) and without install scripts:
 * its postinstall would try to build llama.cpp from source where no binary fits,
 * which needs a compiler and the network. We load with `build: 'never'` instead
 * and say clearly when no binary fits.
 */
export async function installRuntime(options: InstallOptions): Promise<RuntimeInfo> {
  if (!cpuBinaryPackage()) {
    throw new LocalRuntimeError(
      `node-llama-cpp ${RUNTIME_VERSION} publishes no prebuilt llama.cpp for ${process.platform}-${process.arch}, so the local model cannot run here. ` +
        'Use a model server instead (Ollama, LM Studio, llama.cpp server…).',
    );
  }
  try {
    await mkdir(options.dir, { recursive: true });
    const specs = runtimePackageSpecs({ gpu: options.gpu });
    const manifest = {
      name: 'persona-talks-local-runtime',
      private: true,
      description: 'The llama.cpp runtime persona-talks installs for its local model. Safe to delete: `persona-talks local setup` puts it back.',
      dependencies: Object.fromEntries(specs.map((name) => [name, RUNTIME_VERSION])),
    };
    await writeFile(join(options.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    throw new LocalRuntimeError(`Cannot write the runtime folder ${options.dir}: ${errorText(error)}. Set PERSONA_TALKS_RUNTIME_DIR to a folder you can write to.`);
  }
  // --prefix, not just the working folder: under `npm start` the environment names the app's own folder
  // as npm's local prefix, and a nested npm might install there.
  await runNpm(['install', '--prefix', options.dir, '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--no-progress'], options);
  const info = runtimeInfo(options.dir);
  if (!info.ready) throw new LocalRuntimeError(`npm finished, but ${RUNTIME_PACKAGE} ${RUNTIME_VERSION} is not complete in ${options.dir}.`);
  return info;
}

/** The npm that runs us when started from an npm script, else the one on PATH. */
function npmInvocation(args: string[], env: NodeJS.ProcessEnv): { command: string; args: string[]; shell: boolean } {
  const execPath = env.npm_execpath;
  if (execPath && /\.[cm]?js$/.test(execPath)) return { command: process.execPath, args: [execPath, ...args], shell: false };
  // On Windows npm is a .cmd script, which only a shell runs; the shell then needs paths with spaces quoted.
  if (process.platform === 'win32') return { command: 'npm.cmd', args: args.map((a) => (/\s/.test(a) ? `"${a}"` : a)), shell: true };
  return { command: 'npm', args, shell: false };
}

function runNpm(args: string[], options: InstallOptions): Promise<void> {
  const env = options.env ?? process.env;
  const { command, args: fullArgs, shell } = npmInvocation(args, env);
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const child = spawn(command, fullArgs, { cwd: options.dir, env, shell, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 12) tail.shift();
        options.onOutput?.(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => reject(new LocalRuntimeError(`Could not run npm to install the local runtime: ${error.message}. Is npm on your PATH?`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new LocalRuntimeError(`npm could not install the local runtime (exit code ${code}). Its last words:\n${tail.join('\n')}`));
    });
  });
}

/** Imports node-llama-cpp from the runtime folder; a clear error when it is missing or another version. */
export async function loadRuntime(dir: string): Promise<NodeLlamaCpp> {
  const info = runtimeInfo(dir);
  if (!info.version) {
    throw new LocalRuntimeError(`The local model runtime is not installed (looked in ${dir}). Run \`persona-talks local setup\` first.`);
  }
  if (info.version !== RUNTIME_VERSION) {
    throw new LocalRuntimeError(`The local runtime in ${dir} is node-llama-cpp ${info.version}; this version of persona-talks needs ${RUNTIME_VERSION}. Run \`persona-talks local setup\` to replace it.`);
  }
  const entry = createRequire(join(resolve(dir), 'package.json')).resolve(RUNTIME_PACKAGE);
  return (await import(pathToFileURL(entry).href)) as NodeLlamaCpp;
}

export interface OpenLlamaOptions {
  /** false: CPU only. Default 'auto': the best GPU build installed that works here. */
  gpu?: 'auto' | false;
  maxThreads?: number;
  /** llama.cpp's own warnings and errors; they must not reach a terminal UI directly. */
  onLog?: (level: LlamaLogLevel, message: string) => void;
}

/**
 * A llama.cpp instance from the installed binaries only: never a build from
 * source, never a download (both would need a compiler or the network).
 */
export async function openLlama(runtime: NodeLlamaCpp, dir: string, options: OpenLlamaOptions = {}): Promise<LlamaLike> {
  try {
    return await runtime.getLlama({
      gpu: options.gpu ?? 'auto',
      build: 'never',
      skipDownload: true,
      usePrebuiltBinaries: true,
      progressLogs: false,
      logLevel: 'warn',
      logger: (level, message) => options.onLog?.(level, message),
      ...(options.maxThreads !== undefined ? { maxThreads: options.maxThreads } : {}),
    });
  } catch (error) {
    throw new LocalRuntimeError(`The llama.cpp runtime in ${dir} could not start on this machine: ${errorText(error)}. Run \`persona-talks local setup\` again.`);
  }
}

/** The GPU build worth installing here, from node-llama-cpp's own detection of drivers and libraries. */
export async function detectGpuBuild(runtime: NodeLlamaCpp): Promise<GpuBuild | undefined> {
  const supported: LlamaGpuType[] = await runtime.getLlamaGpuTypes('supported').catch(() => []);
  if (supported.includes('cuda')) return 'cuda';
  if (supported.includes('vulkan')) return 'vulkan';
  return undefined;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
