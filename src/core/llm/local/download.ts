import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, statfs, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { recordVerified, PARTIAL_SUFFIX } from './model-files.js';
import { addSample, bytesPerSecond, etaSeconds, formatBytes, type RateSample } from './progress.js';

/**
 * Downloads a model file with progress, resumes after a cut connection with an
 * HTTP Range request (within one run, and across runs: the partial file stays
 * as `<file>.part`), and installs the file only when its SHA-256 matches the
 * pinned one. A mismatch deletes the partial file and says so. Written on fetch
 * rather than a download library: the tools at hand (node-llama-cpp's own
 * downloader among them) neither check a pinned checksum nor let us word each
 * failure for the user, and this is the one place the app downloads anything.
 */

export type DownloadFailure = 'checksum' | 'unwritable' | 'disk-full' | 'http' | 'network' | 'cancelled';

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly kind: DownloadFailure,
    message: string,
  ) {
    super(message);
  }
}

export type DownloadEvent =
  | { type: 'start'; resumeFrom: number; totalBytes?: number }
  | { type: 'progress'; receivedBytes: number; totalBytes?: number; bytesPerSecond: number; etaSeconds?: number }
  | { type: 'resume'; attempt: number; resumeFrom: number; reason: string }
  | { type: 'verifying' }
  | { type: 'done'; file: string; sizeBytes: number };

export interface DownloadOptions {
  url: string;
  /** Where the finished file goes; the partial one is `${dest}.part`. */
  dest: string;
  /** The SHA-256 the file must have (64 hex digits). Without one nothing is downloaded. */
  sha256: string;
  expectedBytes?: number;
  onEvent?: (event: DownloadEvent) => void;
  signal?: AbortSignal;
  /** Attempts after a cut or failed connection, each resuming where the last stopped. Default 5. */
  maxRetries?: number;
  retryDelayMs?: number;
  /** A connection silent this long is dropped and resumed. Default 30 s. */
  idleTimeoutMs?: number;
  progressIntervalMs?: number;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

const SHA256 = /^[0-9a-f]{64}$/;

export async function downloadModel(options: DownloadOptions): Promise<{ file: string; sizeBytes: number }> {
  const sha256 = options.sha256.toLowerCase();
  if (!SHA256.test(sha256)) {
    throw new DownloadError('checksum', `No valid SHA-256 is pinned for ${options.url}, so a download could not be verified; nothing was downloaded.`);
  }
  const dir = dirname(options.dest);
  const partial = options.dest + PARTIAL_SUFFIX;
  await ensureWritable(dir);
  const emit = options.onEvent ?? (() => undefined);
  const maxRetries = options.maxRetries ?? 5;

  for (let attempt = 0; ; attempt++) {
    checkCancelled(options.signal, await sizeOf(partial));
    const have = await sizeOf(partial);
    if (options.expectedBytes !== undefined && have > options.expectedBytes) await rm(partial, { force: true });
    if (options.expectedBytes !== undefined && have === options.expectedBytes) break;
    try {
      const complete = await fetchInto(partial, have, options, emit);
      if (complete) break;
      throw new CutError('the connection ended before the whole file arrived');
    } catch (error) {
      if (error instanceof DownloadError) throw error;
      const got = await sizeOf(partial);
      checkCancelled(options.signal, got);
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt >= maxRetries) {
        throw new DownloadError(
          'network',
          `The download stopped (${reason}) and did not recover after ${maxRetries} tries. The ${formatBytes(got)} downloaded so far are kept; run the same command again to continue.`,
        );
      }
      emit({ type: 'resume', attempt: attempt + 1, resumeFrom: got, reason });
      await sleep(Math.min(30_000, (options.retryDelayMs ?? 1000) * 2 ** attempt), options.signal);
    }
  }

  emit({ type: 'verifying' });
  const actual = await sha256Of(partial);
  if (actual !== sha256) {
    await rm(partial, { force: true });
    throw new DownloadError(
      'checksum',
      `The downloaded file is not the expected one: its SHA-256 is ${actual}, not ${sha256}. It may have been damaged on the way, or the file on the server changed. ` +
        'It was deleted and nothing was installed; run the command again to retry.',
    );
  }
  await rename(partial, options.dest);
  await recordVerified(options.dest, sha256);
  const sizeBytes = await sizeOf(options.dest);
  emit({ type: 'done', file: options.dest, sizeBytes });
  return { file: options.dest, sizeBytes };
}

class CutError extends Error {}

/** One request: appends to the partial file from `from`. True when the file is complete. */
async function fetchInto(partial: string, from: number, o: DownloadOptions, emit: (e: DownloadEvent) => void): Promise<boolean> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let idle: ReturnType<typeof setTimeout> | undefined;
  let idleFired = false;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      idleFired = true;
      controller.abort();
    }, o.idleTimeoutMs ?? 30_000);
  };
  let out: WriteStream | undefined;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  try {
    armIdle();
    const response = await (o.fetch ?? fetch)(o.url, { headers: from > 0 ? { Range: `bytes=${from}-` } : {}, signal: controller.signal });
    let start = from;
    let total: number | undefined = o.expectedBytes;
    if (response.status === 416 && from > 0) {
      // Asked for bytes past the end: what we have is (at least) the whole file, or it is wrong; the checksum decides.
      await response.body?.cancel();
      return true;
    }
    if (response.status === 206) {
      const range = /bytes (\d+)-\d+\/(\d+|\*)/.exec(response.headers.get('content-range') ?? '');
      if (!range || Number(range[1]) !== from) throw new CutError('the server sent a different part of the file than asked for');
      if (range[2] !== '*') total = Number(range[2]);
    } else if (response.ok) {
      start = 0; // the server ignored the Range header: start over
      const length = Number(response.headers.get('content-length'));
      if (Number.isFinite(length) && length > 0) total = length;
    } else {
      await response.body?.cancel();
      if (response.status >= 500 || response.status === 429) throw new CutError(`the server answered HTTP ${response.status}`);
      throw new DownloadError('http', `The model file could not be downloaded from ${o.url}: the server answered HTTP ${response.status} ${response.statusText}.`);
    }
    if (!response.body) throw new CutError('the server sent no body');
    if (total !== undefined) await ensureSpace(dirname(partial), total - start);

    emit({ type: 'start', resumeFrom: start, ...(total !== undefined ? { totalBytes: total } : {}) });
    out = createWriteStream(partial, { flags: start === 0 ? 'w' : 'a' });
    const writeFailed = new Promise<never>((_, reject) => out!.once('error', reject));
    writeFailed.catch(() => undefined);
    const now = o.now ?? (() => performance.now());
    let received = start;
    let samples: RateSample[] = [{ atMs: now(), bytes: received }];
    let lastReport = 0;
    const interval = o.progressIntervalMs ?? 200;
    const report = (force: boolean) => {
      const t = now();
      if (!force && t - lastReport < interval) {
        // Said a little later, so a connection that stalls right after shows what really arrived.
        trailing ??= setTimeout(() => {
          trailing = undefined;
          report(true);
        }, interval);
        return;
      }
      clearTimeout(trailing);
      trailing = undefined;
      lastReport = t;
      samples = addSample(samples, { atMs: t, bytes: received });
      const rate = bytesPerSecond(samples);
      const eta = etaSeconds(received, total, rate);
      emit({ type: 'progress', receivedBytes: received, ...(total !== undefined ? { totalBytes: total } : {}), bytesPerSecond: rate, ...(eta !== undefined ? { etaSeconds: eta } : {}) });
    };
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      armIdle();
      if (!out.write(chunk)) await Promise.race([new Promise<void>((r) => out!.once('drain', () => r())), writeFailed]);
      received += chunk.length;
      report(false);
    }
    report(true);
    await new Promise<void>((resolve, reject) => out!.end((error?: Error | null) => (error ? reject(error) : resolve())));
    out = undefined;
    return total === undefined || received >= total;
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') {
      throw new DownloadError('disk-full', `The disk holding ${dirname(partial)} is full. Free some space (the part downloaded so far is kept) and run the command again.`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw unwritable(dirname(partial), code);
    if (idleFired) {
      const ms = o.idleTimeoutMs ?? 30_000;
      throw new CutError(`no data for ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`);
    }
    throw error instanceof Error ? new CutError(describeNetworkError(error)) : error;
  } finally {
    clearTimeout(idle);
    clearTimeout(trailing);
    o.signal?.removeEventListener('abort', onAbort);
    if (out) await new Promise<void>((resolve) => out!.end(() => resolve()));
  }
}

function describeNetworkError(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

function unwritable(dir: string, code: string | undefined): DownloadError {
  return new DownloadError(
    'unwritable',
    `Cannot write to the models folder ${dir}${code ? ` (${code})` : ''}. Choose a folder you can write to with PERSONA_TALKS_MODELS_DIR=/path/to/folder.`,
  );
}

async function ensureWritable(dir: string): Promise<void> {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    throw unwritable(dir, (error as NodeJS.ErrnoException).code);
  }
}

async function ensureSpace(dir: string, bytes: number): Promise<void> {
  try {
    const fs = await statfs(dir);
    const free = Number(fs.bavail) * Number(fs.bsize);
    if (free < bytes) {
      throw new DownloadError('disk-full', `The model needs ${formatBytes(bytes)} more, but only ${formatBytes(free)} is free in ${dir}. Free some space or set PERSONA_TALKS_MODELS_DIR to a bigger disk.`);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    // statfs is not available everywhere; the write itself will report a full disk.
  }
}

function checkCancelled(signal: AbortSignal | undefined, kept: number): void {
  if (signal?.aborted) {
    throw new DownloadError('cancelled', `Download stopped. The ${formatBytes(kept)} downloaded so far are kept; run the same command again to continue.`);
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
