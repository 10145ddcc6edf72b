/**
 * Test data for the conversation screen: a Conversation whose events the test
 * pushes by hand (a scripted replay), recording every control call the UI makes.
 * Real-engine flows are covered by the lead's engine + UI flow tests.
 */
import type { EngineEvent } from '../../src/core/engine/events.js';
import type { SessionHeader, Speaker, Turn } from '../../src/core/domain.js';
import type { Conversation } from '../../src/core/engine/types.js';
import type { Persona } from '../../src/core/personas/schema.js';
import type { Strategy } from '../../src/core/strategies.js';

export type ControlCall =
  | { call: 'pause' | 'resume' | 'step' | 'stop' }
  | { call: 'steer'; strategy: Strategy | undefined }
  | { call: 'submitHuman'; text: string; strategy: Strategy | undefined };

export class ScriptedConversation implements Conversation {
  readonly calls: ControlCall[] = [];
  readonly sessionPath: string | undefined;
  private queue: EngineEvent[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  /** The consumer stopped reading (the generator was returned or ran out). */
  consumerDone = false;

  /**
   * `judgeAfterEnd`: like a finished engine waiting for its judge, events go on after
   * 'ended' until close(); otherwise 'ended' is the last event.
   */
  constructor(sessionPath?: string, private readonly options: { judgeAfterEnd?: boolean } = {}) {
    this.sessionPath = sessionPath;
  }

  /** Deliver events to the UI, in order. */
  emit(...events: EngineEvent[]): void {
    this.queue.push(...events);
    this.wake?.();
  }

  async *events(): AsyncGenerator<EngineEvent, void, undefined> {
    try {
      for (;;) {
        while (this.queue.length > 0) {
          const event = this.queue.shift()!;
          yield event;
          if (event.type === 'ended' && !this.options.judgeAfterEnd) return;
        }
        if (this.closed) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      this.consumerDone = true;
    }
  }

  pause() { this.calls.push({ call: 'pause' }); }
  resume() { this.calls.push({ call: 'resume' }); }
  step() { this.calls.push({ call: 'step' }); }
  steer(strategy: Strategy | undefined) { this.calls.push({ call: 'steer', strategy }); }
  stop() { this.calls.push({ call: 'stop' }); }
  submitHuman(text: string, strategy?: Strategy) { this.calls.push({ call: 'submitHuman', text, strategy }); }

  close() {
    this.closed = true;
    this.wake?.();
  }
}

export const seekerPersona: Persona = {
  id: 'test-seeker',
  role: 'seeker',
  name: 'Mara',
  description: 'A second-year student who worries about exams.',
  hexaco: { H: 4, E: 5, X: 2, A: 4, C: 3, O: 3 },
  csi: { expressiveness: 2, preciseness: 3, verbal_aggressiveness: 1, questioningness: 3, emotionality: 5, impression_manipulativeness: 1 },
  emotion_type: 'anxiety',
  problem_type: 'academic pressure',
  situation: 'Finals are in two weeks and she cannot sleep.',
  initial_intensity: 4,
};

export const supporterPersona: Persona = {
  id: 'test-supporter',
  role: 'supporter',
  name: 'Jonas',
  description: 'A calm peer listener.',
  hexaco: { H: 4, E: 3, X: 4, A: 5, C: 4, O: 4 },
  csi: { expressiveness: 4, preciseness: 3, verbal_aggressiveness: 1, questioningness: 4, emotionality: 3, impression_manipulativeness: 1 },
};

export function header(overrides: Partial<SessionHeader> = {}): SessionHeader {
  return {
    type: 'header',
    v: 1,
    app: 'persona-talks',
    appVersion: '0.0.0-test',
    id: 'sess-1',
    createdAt: '2025-01-01T00:00:00.000Z',
    engine: 'agents',
    condition: 'aware',
    mode: 'watch',
    turnCap: 10,
    models: { seeker: { baseURL: 'http://127.0.0.1:1/v1', model: 'seeker-model' }, supporter: { baseURL: 'http://127.0.0.1:1/v1', model: 'supporter-model' } },
    personas: { seeker: seekerPersona, supporter: supporterPersona },
    ...overrides,
  };
}

export function turn(index: number, speaker: Speaker, text: string, extra: Partial<Turn> = {}): Turn {
  return {
    index,
    speaker,
    text,
    by: 'ai',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    latencyMs: 1200,
    ...(speaker === 'supporter' ? { strategy: 'Question' as Strategy, labelSource: 'declared' as const } : {}),
    ...extra,
  };
}

/** The events of one streamed AI turn: start, [strategy], deltas, finish. */
export function streamedTurn(t: Turn, chunks = 3): EngineEvent[] {
  const events: EngineEvent[] = [{ type: 'turn-started', index: t.index, speaker: t.speaker, by: t.by }];
  if (t.strategy) events.push({ type: 'strategy', index: t.index, strategy: t.strategy, labelSource: t.labelSource ?? 'declared' });
  const size = Math.ceil(t.text.length / chunks);
  for (let i = 0; i < t.text.length; i += size) events.push({ type: 'text-delta', index: t.index, speaker: t.speaker, text: t.text.slice(i, i + size) });
  events.push({ type: 'turn-finished', turn: t });
  return events;
}
