/**
 * The model `persona-talks local setup` downloads when the user has none.
 *
 * Qwen2.5-1.5B-Instruct (Apache-2.0), the Qwen team's own Q4_K_M GGUF. Chosen
 * over SmolLM2-1.7B-Instruct (also Apache-2.0), Llama-3.2-1B/3B-Instruct (Llama
 * 3.2 Community Licence: an acceptable-use policy and naming terms, not a
 * permissive licence) and Gemma 3 1B (Gemma Terms of Use, likewise): among the
 * permissively licensed ones, its model card is the one that claims training for
 * what this app asks of a small model — holding a role from a system prompt and
 * answering in JSON. None of them was run here; that claim is the publisher's.
 *
 * The URL names a fixed revision of the repository, so the bytes behind it cannot
 * change under the pinned SHA-256. The hash and size are the Git LFS details
 * Hugging Face publishes for this file (its file page shows them, as does every
 * copy of the file there), which several public projects also pin for this
 * revision. They were not computed here: the file could not be downloaded where
 * this was written. The downloader refuses any file that does not match.
 */

export interface CatalogModel {
  id: string;
  name: string;
  /** The file name it is stored under in the models folder. */
  fileName: string;
  url: string;
  sha256: string;
  sizeBytes: number;
  licence: string;
  licenceUrl: string;
}

export const DEFAULT_LOCAL_MODEL: CatalogModel = {
  id: 'qwen2.5-1.5b-instruct-q4_k_m',
  name: 'Qwen2.5 1.5B Instruct (Q4_K_M)',
  fileName: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
  url: 'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/91cad51170dc346986eccefdc2dd33a9da36ead9/qwen2.5-1.5b-instruct-q4_k_m.gguf',
  sha256: '6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e',
  sizeBytes: 1_117_320_736,
  licence: 'Apache-2.0',
  licenceUrl: 'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/blob/main/LICENSE',
};

/**
 * The environment variable tests set to make the app download another model
 * (the tiny test model, from a loopback server) through the same path a user's
 * download takes. It is for tests only: it names a test in its name, it is
 * honoured only for a URL on this machine (127.0.0.1, ::1 or localhost), so it
 * can never send a download elsewhere, and a malformed value is an error rather
 * than a silent fallback.
 */
export const TEST_CATALOG_ENV = 'PERSONA_TALKS_TEST_MODEL_CATALOG';

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

/** The model to download: the pinned default, or the test catalog entry when one is set. */
export function activeCatalog(env: NodeJS.ProcessEnv = process.env): CatalogModel {
  const raw = env[TEST_CATALOG_ENV];
  if (!raw) return DEFAULT_LOCAL_MODEL;
  let parsed: Partial<CatalogModel>;
  try {
    parsed = JSON.parse(raw) as Partial<CatalogModel>;
  } catch {
    throw new CatalogError(`${TEST_CATALOG_ENV} is not JSON. It is for tests only: unset it.`);
  }
  const { url, sha256, sizeBytes, fileName } = parsed;
  if (typeof url !== 'string' || !isLoopback(url)) throw new CatalogError(`${TEST_CATALOG_ENV} is for tests only and needs a url on this machine (127.0.0.1, ::1 or localhost). Unset it.`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256)) throw new CatalogError(`${TEST_CATALOG_ENV} needs a sha256 of 64 hex digits.`);
  if (typeof sizeBytes !== 'number' || !Number.isInteger(sizeBytes) || sizeBytes <= 0) throw new CatalogError(`${TEST_CATALOG_ENV} needs a sizeBytes.`);
  if (typeof fileName !== 'string' || !/^[\w.-]+\.gguf$/i.test(fileName)) throw new CatalogError(`${TEST_CATALOG_ENV} needs a fileName ending in .gguf, without folders.`);
  return {
    id: `test-${fileName}`,
    name: typeof parsed.name === 'string' ? parsed.name : fileName,
    fileName,
    url,
    sha256: sha256.toLowerCase(),
    sizeBytes,
    licence: typeof parsed.licence === 'string' ? parsed.licence : 'test file',
    licenceUrl: typeof parsed.licenceUrl === 'string' ? parsed.licenceUrl : url,
  };
}

function isLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(hostname);
  } catch {
    return false;
  }
}
