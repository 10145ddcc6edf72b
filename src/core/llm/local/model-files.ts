import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_LOCAL_MODEL, type CatalogModel } from './catalog.js';

/**
 * Model files in the models folder. A download that passed its checksum leaves
 * a `<file>.sha256` beside it, so status can say "verified" without reading a
 * gigabyte again; a file without one (copied in by hand) is only "present".
 */

export const PARTIAL_SUFFIX = '.part';

export function checksumFile(modelFile: string): string {
  return `${modelFile}.sha256`;
}

export async function recordVerified(modelFile: string, sha256: string): Promise<void> {
  await writeFile(checksumFile(modelFile), `${sha256}\n`);
}

export interface ModelFileState {
  file: string;
  present: boolean;
  sizeBytes?: number;
  verified: boolean;
  /** Bytes of an unfinished download of it. */
  partialBytes?: number;
}

export function modelFileState(modelsDir: string, model: CatalogModel = DEFAULT_LOCAL_MODEL): ModelFileState {
  const file = join(modelsDir, model.fileName);
  const size = sizeOf(file);
  const partial = sizeOf(file + PARTIAL_SUFFIX);
  let recorded: string | undefined;
  try {
    recorded = readFileSync(checksumFile(file), 'utf8').trim();
  } catch {
    recorded = undefined;
  }
  return {
    file,
    present: size !== undefined,
    ...(size !== undefined ? { sizeBytes: size } : {}),
    verified: size === model.sizeBytes && recorded === model.sha256,
    ...(partial !== undefined ? { partialBytes: partial } : {}),
  };
}

/**
 * A model named by the user or a session: a path to a file, or a file name in the
 * models folder (how sessions record the local model). Undefined when neither exists.
 */
export function findModelFile(modelsDir: string, name: string): string | undefined {
  const isPath = isAbsolute(name) || /[\\/]/.test(name);
  // A bare name is looked for in the models folder first; a path that has gone may have been moved there.
  const candidates = isPath ? [resolve(name), join(modelsDir, basename(name))] : [join(modelsDir, name), resolve(name)];
  return candidates.find((path) => sizeOf(path) !== undefined);
}

/** Every .gguf in the folder. */
export function ggufFilesIn(dir: string): { file: string; sizeBytes: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.gguf'))
    .map((name) => ({ file: join(dir, name), sizeBytes: sizeOf(join(dir, name)) ?? 0 }));
}

function sizeOf(path: string): number | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

/** A clear refusal for a path that is missing, a folder, or not a GGUF file (its first bytes say "GGUF"). */
export async function checkGgufFile(path: string): Promise<void> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ModelFileError(`No model file at ${path}.`);
  }
  if (!stat.isFile()) throw new ModelFileError(`${path} is a folder, not a model file. Give the path of a .gguf file.`);
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ModelFileError(`Cannot read ${path} (${error.code ?? error.message}).`);
  });
  try {
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    if (magic.toString('latin1') !== 'GGUF') {
      throw new ModelFileError(`${path} is not a GGUF model file. LM Studio and Ollama keep GGUF files in their model folders; Ollama's have no .gguf ending (look under ~/.ollama/models/blobs).`);
    }
  } finally {
    await handle.close();
  }
}
