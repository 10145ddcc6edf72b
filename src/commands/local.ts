import {
  DEFAULT_LOCAL_MODEL,
  formatBytes,
  localFailure,
  localStatus,
  planLocalRemoval,
  removeLocal,
  RUNTIME_VERSION,
  setupLocal,
  type CatalogModel,
  type GpuChoice,
  type LocalStatus,
} from '../app/local.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';
import { downloadPrinter } from './local-progress.js';

const LOCAL_FLAGS = ['gpu', 'model-file', 'runtime-only', 'json', 'yes'] as const;

export const LOCAL_USAGE = usage(
  `Usage:
  persona-talks local setup [--gpu auto|cuda|vulkan|none] [--model-file PATH] [--runtime-only]
  persona-talks local status [--json]
  persona-talks local remove [model|runtime] --yes    (both when neither is named)

setup installs the llama.cpp runtime (node-llama-cpp ${RUNTIME_VERSION} and the prebuilt build for this machine)
and downloads ${DEFAULT_LOCAL_MODEL.name}, ${formatBytes(DEFAULT_LOCAL_MODEL.sizeBytes)}, ${DEFAULT_LOCAL_MODEL.licence}; an interrupted
download continues where it stopped. --model-file uses a GGUF file you already have instead.
Folders: $PERSONA_TALKS_MODELS_DIR and $PERSONA_TALKS_RUNTIME_DIR (default: your data folder).`,
  LOCAL_FLAGS,
);

export interface LocalCommandOptions {
  env?: NodeJS.ProcessEnv;
  /** The model setup downloads (tests point it at a loopback server). */
  catalog?: CatalogModel;
  /** Whether stdout is a terminal (a redrawn progress bar) or not (plain lines). */
  isTTY?: boolean;
  /** Threads for setup's load check. */
  threads?: number;
}

const REMOVABLE = ['model', 'runtime'];

/** Exit codes: 0 done, 1 a step failed (the message says which and what to do), 2 bad usage, 130 interrupted. */
export async function runLocalCommand(args: string[], io: CommandIo, opts: LocalCommandOptions = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const bad = (message: string) => misuse(io, 'local', LOCAL_USAGE, message);
  const parsed = readFlags(io, 'local', LOCAL_USAGE, args, LOCAL_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const [sub, ...rest] = parsed.positionals;
  if (sub === undefined) {
    out(LOCAL_USAGE);
    return 2;
  }
  const env = opts.env ?? process.env;
  try {
    if (sub === 'status') {
      if (rest.length > 0) return bad(`unexpected argument "${cleanForDisplay(rest[0]!)}"`);
      return status(localStatus({ env, ...(values['model-file'] ? { modelFile: values['model-file'] } : {}) }), values.json ?? false, out);
    }
    if (sub === 'remove') {
      const unknown = rest.find((r) => !REMOVABLE.includes(r));
      if (unknown !== undefined) return bad(`remove takes model, runtime or neither (got "${cleanForDisplay(unknown)}")`);
      return await remove(env, { model: rest.length === 0 || rest.includes('model'), runtime: rest.length === 0 || rest.includes('runtime') }, values.yes ?? false, io, opts.catalog);
    }
    if (sub === 'setup') {
      if (rest.length > 0) return bad(`unexpected argument "${cleanForDisplay(rest[0]!)}"`);
      return await setup({ env, gpu: values.gpu ?? 'auto', modelFile: values['model-file'], runtimeOnly: values['runtime-only'] ?? false, io, opts });
    }
  } catch (error) {
    const failure = localFailure(error);
    if (!failure) throw error;
    return fail(io, `persona-talks local: ${cleanForDisplay(failure.message)}`, failure.cancelled ? 130 : 1);
  }
  return bad(`unknown local subcommand "${cleanForDisplay(sub)}"`);
}

async function setup(o: { env: NodeJS.ProcessEnv; gpu: GpuChoice; modelFile?: string; runtimeOnly: boolean; io: CommandIo; opts: LocalCommandOptions }): Promise<number> {
  await setupLocal({
    env: o.env,
    gpu: o.gpu,
    ...(o.modelFile ? { modelFile: o.modelFile } : {}),
    runtimeOnly: o.runtimeOnly,
    ...(o.opts.catalog ? { catalog: o.opts.catalog } : {}),
    ...(o.opts.threads ? { threads: o.opts.threads } : {}),
    say: (line) => o.io.stdout.write(`${line}\n`),
    watchDownload: () => {
      const printer = downloadPrinter(o.io.stdout, o.opts.isTTY ?? Boolean((o.io.stdout as { isTTY?: boolean }).isTTY));
      // Ctrl-C during the download stops it cleanly (the partial file is kept to continue from).
      const controller = new AbortController();
      const interrupt = () => controller.abort();
      process.once('SIGINT', interrupt);
      return {
        onEvent: printer.onEvent,
        signal: controller.signal,
        end: () => {
          process.removeListener('SIGINT', interrupt);
          printer.end();
        },
      };
    },
  });
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

async function remove(env: NodeJS.ProcessEnv, what: { model: boolean; runtime: boolean }, yes: boolean, io: CommandIo, catalog?: CatalogModel): Promise<number> {
  const plan = planLocalRemoval(env, what, catalog);
  if (!yes) {
    const err = (text: string) => io.stderr.write(`${text}\n`);
    err('persona-talks local: remove deletes these for good; add --yes to confirm:');
    if (plan.modelFiles) err(plan.modelFiles.length > 0 ? plan.modelFiles.map((f) => `  ${f}`).join('\n') : '  (no model files)');
    if (what.runtime) err(plan.runtime ? `  ${plan.runtime.dir}` : '  (no runtime folder)');
    return 2;
  }
  await removeLocal(env, plan, (line) => io.stdout.write(`${line}\n`));
  return 0;
}
