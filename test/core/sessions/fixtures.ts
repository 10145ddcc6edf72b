import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import type { CommandIo } from '../../../src/commands/personas.js';
import type { Speaker, Turn } from '../../../src/core/domain.js';
import type { Persona } from '../../../src/core/personas/schema.js';
import { SESSION_FORMAT_VERSION, type Condition, type EngineKind, type SessionHeader } from '../../../src/core/sessions/format.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import type { SessionEvent } from '../../../src/core/sessions/records.js';
import type { Strategy } from '../../../src/core/strategies.js';

/** Personas written for these tests. */
export const SEEKER: Persona = {
  id: 'tide-seeker',
  role: 'seeker',
  name: 'Odile Marsh',
  age_band: '35-44',
  gender: 'woman',
  occupation: 'ferry ticket clerk',
  description: 'A ferry clerk who keeps her worries to herself until they spill over.',
  hexaco: { H: 3.8, E: 4.6, X: 1.8, A: 3.4, C: 3.1, O: 2.7 },
  csi: { expressiveness: 2.2, preciseness: 3.1, verbal_aggressiveness: 1.4, questioningness: 2.6, emotionality: 4.4, impression_manipulativeness: 1.6 },
  emotion_type: 'anxiety',
  problem_type: 'job crisis',
  situation: 'The ferry line she works for is closing in spring and she has not told her family.',
  initial_intensity: 4,
};

export const SUPPORTER: Persona = {
  id: 'harbour-listener',
  role: 'supporter',
  name: 'Tobias Wren',
  description: 'A harbour pilot who listens more than he talks.',
  hexaco: { H: 4.2, E: 2.4, X: 2.1, A: 4.4, C: 4, O: 3.6 },
  csi: { expressiveness: 2.4, preciseness: 3.9, verbal_aggressiveness: 1.1, questioningness: 3.4, emotionality: 2.3, impression_manipulativeness: 1.2 },
};

export const BASELINE: Persona = {
  id: 'plain-supporter',
  role: 'supporter',
  name: 'No persona',
  baseline: true,
  description: 'A supporter with no persona.',
};

const made: string[] = [];

export function tempDir(prefix = 'pt-sessions-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

let counter = 0;

export function makeHeader(overrides: Partial<SessionHeader> = {}): SessionHeader {
  counter += 1;
  return {
    type: 'header',
    v: SESSION_FORMAT_VERSION,
    app: 'persona-talks',
    appVersion: '0.1.0',
    id: `2025-03-0${(counter % 9) + 1}T10-00-00Z_tide-seeker_harbour-listener_t${String(counter).padStart(3, '0')}`,
    createdAt: `2025-03-0${(counter % 9) + 1}T10:00:00.000Z`,
    engine: 'agents' as EngineKind,
    condition: 'aware' as Condition,
    mode: 'watch',
    turnCap: 20,
    seed: 3,
    models: { seeker: { baseURL: 'http://127.0.0.1:1/v1', model: 'seeker-model' }, supporter: { baseURL: 'http://127.0.0.1:1/v1', model: 'supporter-model' } },
    personas: { seeker: SEEKER, supporter: SUPPORTER },
    ...overrides,
  };
}

/** A turn spec: [speaker, text] or [speaker, text, strategy]. */
export type TurnSpec = readonly [Speaker, string] | readonly [Speaker, string, Strategy];

export function makeTurns(specs: readonly TurnSpec[]): Turn[] {
  return specs.map(([speaker, text, strategy], index) => ({
    index,
    speaker,
    text,
    ...(strategy ? { strategy, labelSource: 'declared' as const } : {}),
    by: 'ai',
    startedAt: `2025-03-01T10:00:${String(index).padStart(2, '0')}.000Z`,
    finishedAt: `2025-03-01T10:00:${String(index).padStart(2, '0')}.500Z`,
    latencyMs: 500,
    usage: { promptTokens: 100 + index, completionTokens: 20 + index },
  }));
}

/** Writes a session the way the engine does (its events through the recorder) and returns its path. */
export function writeSession(
  dir: string,
  options: { header?: Partial<SessionHeader>; turns: readonly TurnSpec[] | readonly Turn[]; ended?: boolean; extra?: SessionEvent[] },
): string {
  const header = makeHeader(options.header);
  const recorder = SessionRecorder.create(dir, header.id);
  const turns = options.turns.length > 0 && Array.isArray(options.turns[0]) ? makeTurns(options.turns as TurnSpec[]) : (options.turns as Turn[]);
  recorder.record({ type: 'session-started', header, path: recorder.path });
  for (const turn of turns) recorder.record({ type: 'turn-finished', turn });
  for (const event of options.extra ?? []) recorder.record(event);
  if (options.ended ?? true) recorder.record({ type: 'ended', reason: 'turn-cap', turns: turns.length });
  recorder.close();
  return recorder.path;
}

/** Simulates a crash mid-write: half a JSON line at the end of the file. */
export function truncateWithPartialLine(path: string): void {
  appendFileSync(path, '{"type":"turn","v":1,"at":"2025-03-01T10:01:00.000Z","turn":{"index":99,"speaker":"sup');
}

export function captureIo(columns = 100): { io: CommandIo; stdout: () => string; stderr: () => string } {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) => {
    const w = new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        into.push(chunk.toString());
        cb();
      },
    });
    return Object.assign(w, { columns });
  };
  return { io: { stdout: sink(chunks.out), stderr: sink(chunks.err) }, stdout: () => chunks.out.join(''), stderr: () => chunks.err.join('') };
}

/** Any C0/C1 control byte other than newline (and CR, which only the CSV record separator may use). */
// eslint-disable-next-line no-control-regex
export const CONTROL_BYTES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
