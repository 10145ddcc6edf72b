import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = 'pt-personas-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
}

/** A valid seeker file; lines are numbered in the comments so tests can name them. */
export function seekerYaml(id: string, overrides: { E?: string; role?: string } = {}): string {
  return [
    `# test seeker ${id}`, //                           1
    `id: ${id}`, //                                     2
    `role: ${overrides.role ?? 'seeker'}`, //           3
    `name: Test ${id}`, //                              4
    'description: A person used in tests.', //         5
    'hexaco:', //                                       6
    '  H: 3', //                                        7
    `  E: ${overrides.E ?? '4.5'}`, //                  8
    '  X: 2', //                                        9
    '  A: 3', //                                       10
    '  C: 3', //                                       11
    '  O: 3', //                                       12
    'csi:', //                                         13
    '  expressiveness: 2', //                          14
    '  preciseness: 3', //                             15
    '  verbal_aggressiveness: 3', //                   16
    '  questioningness: 3', //                         17
    '  emotionality: 4', //                            18
    '  impression_manipulativeness: 3', //             19
    'emotion_type: anxiety', //                        20
    'problem_type: job crisis', //                     21
    'situation: Lost a job last week. Rent is due soon.', // 22
    'initial_intensity: 4', //                         23
    '',
  ].join('\n');
}

export interface CapturedIo {
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  stdout: () => string;
  stderr: () => string;
}

/** Streams that collect what is written synchronously, so output is complete when the command resolves. */
export function captureIo(columns = 120): CapturedIo {
  const chunks = { out: '', err: '' };
  const sink = (key: 'out' | 'err') =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks[key] += chunk.toString();
        done();
      },
    });
  const stdout = Object.assign(sink('out'), { columns });
  return { io: { stdout, stderr: sink('err') }, stdout: () => chunks.out, stderr: () => chunks.err };
}
