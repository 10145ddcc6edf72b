import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadModel, DownloadError, type DownloadEvent } from '../../../../src/core/llm/local/download.js';
import { modelFileState } from '../../../../src/core/llm/local/model-files.js';
import { tempDir } from '../../../support/engine-fixtures.js';
import { serveFile, type FileServer } from '../../../support/file-server.js';
import { tinyModelBytes } from '../../../support/tiny-gguf.js';

// The model download against a real HTTP server on loopback, serving the tiny test model.

const body = tinyModelBytes({ seed: 3 });
const sha256 = createHash('sha256').update(body).digest('hex');
let server: FileServer;

beforeAll(async () => {
  server = await serveFile(body, 2048);
});
afterAll(async () => {
  await server.close();
});

function fresh() {
  server.requests.length = 0;
  server.faults.length = 0;
  const dir = join(tempDir('pt-models-'), 'models');
  return { dir, dest: join(dir, 'tiny.gguf') };
}

async function download(dest: string, extra: Partial<Parameters<typeof downloadModel>[0]> = {}) {
  const events: DownloadEvent[] = [];
  const result = await downloadModel({ url: server.url, dest, sha256, expectedBytes: body.length, retryDelayMs: 1, progressIntervalMs: 0, onEvent: (e) => events.push(e), ...extra });
  return { result, events };
}

const catalog = () => ({ id: 't', name: 't', fileName: 'tiny.gguf', url: server.url, sha256, sizeBytes: body.length, licence: 'x', licenceUrl: 'x' });

describe('downloading a model', () => {
  it('reports progress with bytes, speed and time left, and installs the verified file', async () => {
    const { dir, dest } = fresh();
    const { result, events } = await download(dest);
    expect(result).toEqual({ file: dest, sizeBytes: body.length });
    expect(readFileSync(dest).equals(body)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);

    expect(events[0]).toEqual({ type: 'start', resumeFrom: 0, totalBytes: body.length });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(3);
    const received = progress.map((p) => (p.type === 'progress' ? p.receivedBytes : 0));
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(received.at(-1)).toBe(body.length);
    expect(progress.some((p) => p.type === 'progress' && p.bytesPerSecond > 0 && p.etaSeconds !== undefined)).toBe(true);
    expect(events.at(-2)).toEqual({ type: 'verifying' });
    expect(events.at(-1)).toEqual({ type: 'done', file: dest, sizeBytes: body.length });
    // status can now call it verified without reading it again
    expect(modelFileState(dir, catalog())).toMatchObject({ present: true, verified: true });
  });

  it('resumes with a Range request after the connection is cut mid-file', async () => {
    const { dest } = fresh();
    server.faults.push({ kind: 'cut-after', bytes: 12_288 });
    const { events } = await download(dest);
    const resume = events.find((e) => e.type === 'resume');
    expect(resume).toMatchObject({ type: 'resume', attempt: 1 });
    const from = resume?.type === 'resume' ? resume.resumeFrom : -1;
    expect(from).toBeGreaterThan(0);
    expect(server.requests).toEqual([{}, { range: `bytes=${from}-` }]);
    expect(events.filter((e) => e.type === 'start').at(-1)).toEqual({ type: 'start', resumeFrom: from, totalBytes: body.length });
    expect(readFileSync(dest).equals(body)).toBe(true);
  });

  it('continues a partial file an earlier run left behind', async () => {
    const { dir, dest } = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dest}.part`, body.subarray(0, 5000));
    await download(dest);
    expect(server.requests).toEqual([{ range: 'bytes=5000-' }]);
    expect(readFileSync(dest).equals(body)).toBe(true);
  });

  it('drops a stalled connection and resumes', async () => {
    const { dest } = fresh();
    server.faults.push({ kind: 'stall-after', bytes: 8192 });
    const { events } = await download(dest, { idleTimeoutMs: 300 });
    expect(events.find((e) => e.type === 'resume')).toMatchObject({ reason: 'no data for 300 ms' });
    expect(readFileSync(dest).equals(body)).toBe(true);
  });

  it('shows what really arrived before a stall, though progress is said at most every interval', async () => {
    const { dest } = fresh();
    server.faults.push({ kind: 'stall-after', bytes: 8192 });
    // A clock that never moves: every report inside the stream falls within the interval.
    const { events } = await download(dest, { idleTimeoutMs: 1000, progressIntervalMs: 100, now: () => 0 });
    const stalledAt = events.findIndex((e) => e.type === 'resume');
    const before = events.slice(0, stalledAt).filter((e) => e.type === 'progress');
    expect(before.at(-1)).toMatchObject({ receivedBytes: 8192 });
    expect(readFileSync(dest).equals(body)).toBe(true);
  });

  it('starts over when the server ignores the Range header', async () => {
    const { dest } = fresh();
    server.faults.push({ kind: 'cut-after', bytes: 6144 }, { kind: 'ignore-range' });
    await download(dest);
    expect(server.requests.length).toBe(2);
    expect(readFileSync(dest).equals(body)).toBe(true);
  });

  it('refuses a file whose checksum does not match, and removes the partial file', async () => {
    const { dest } = fresh();
    const wrong = createHash('sha256').update('another file').digest('hex');
    const failure = await download(dest, { sha256: wrong }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DownloadError);
    expect((failure as DownloadError).kind).toBe('checksum');
    expect((failure as DownloadError).message).toContain(`its SHA-256 is ${sha256}, not ${wrong}`);
    expect((failure as DownloadError).message).toContain('deleted');
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it('downloads nothing without a valid pinned checksum', async () => {
    const { dest } = fresh();
    const failure = await download(dest, { sha256: 'unknown' }).catch((e: unknown) => e);
    expect((failure as DownloadError).kind).toBe('checksum');
    expect((failure as DownloadError).message).toContain('nothing was downloaded');
    expect(server.requests).toEqual([]);
  });

  it('reports a models folder it cannot write to', async () => {
    const root = tempDir('pt-models-ro-');
    writeFileSync(join(root, 'a-file'), 'not a folder');
    const dir = join(root, 'a-file', 'models');
    const failure = await download(join(dir, 'tiny.gguf')).catch((e: unknown) => e);
    expect((failure as DownloadError).kind).toBe('unwritable');
    expect((failure as DownloadError).message).toContain(`Cannot write to the models folder ${dir}`);
    expect((failure as DownloadError).message).toContain('PERSONA_TALKS_MODELS_DIR');
    expect(server.requests).toEqual([]);
  });

  it('says what the server answered when the file is not there', async () => {
    const { dest } = fresh();
    server.faults.push({ kind: 'status', status: 404 });
    const failure = await download(dest).catch((e: unknown) => e);
    expect((failure as DownloadError).kind).toBe('http');
    expect((failure as DownloadError).message).toContain('HTTP 404');
  });
});
