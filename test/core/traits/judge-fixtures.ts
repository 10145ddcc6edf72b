import type { Speaker, Turn } from '../../../src/core/domain.js';
import { createChatClient } from '../../../src/core/llm/client.js';
import type { Strategy } from '../../../src/core/strategies.js';
import { CSI_KEYS, HEXACO_KEYS } from '../../../src/core/traits/dimensions.js';
import type { RecordedRequest } from '../../support/fake-openai-server.js';

/** Which structured output a request asked for: tells judge, classifier and pipeline calls apart. */
export function schemaName(r: RecordedRequest): string | undefined {
  return r.body.response_format?.json_schema?.name;
}

export function judgeClient(url: string, maxRetries = 0) {
  return createChatClient({ baseURL: url, model: 'judge-model', apiKey: 'sk-test-SECRET-1234567890' }, { retryBaseMs: 5, maxRetries });
}

type Dim = { score: number | null | string; confidence: number };

/** A complete, valid judge answer (every score `score`, every confidence `confidence`); tweak with `edit`. */
export function judgeAnswer(options: { score?: number; confidence?: number; edit?: (a: { hexaco: Record<string, Dim>; csi: Record<string, Dim> }) => void } = {}): string {
  const dim = () => ({ score: options.score ?? 3.5, confidence: options.confidence ?? 0.6 });
  const answer = {
    observations: 'Writes briefly and worries aloud.',
    hexaco: Object.fromEntries(HEXACO_KEYS.map((k) => [k, dim()])) as Record<string, Dim>,
    csi: Object.fromEntries(CSI_KEYS.map((k) => [k, dim()])) as Record<string, Dim>,
  };
  options.edit?.(answer);
  return JSON.stringify(answer);
}

let clock = 0;
/** A finished turn with neutral text (no strategy words in it, so label leaks are detectable). */
export function turn(index: number, speaker: Speaker, text: string, strategy?: Strategy, labelSource: Turn['labelSource'] = 'declared'): Turn {
  const at = new Date(Date.UTC(2025, 0, 1, 12, 0, clock++)).toISOString();
  return {
    index,
    speaker,
    text,
    by: 'ai',
    startedAt: at,
    finishedAt: at,
    ...(speaker === 'supporter' ? { strategy: strategy ?? 'Others', labelSource } : {}),
  };
}

/** Alternating seeker/supporter turns 0..n-1 with numbered texts. */
export function dialogue(n: number): Turn[] {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0 ? turn(i, 'seeker', `seeker words number ${i}`) : turn(i, 'supporter', `supporter words number ${i}`, 'Question'),
  );
}

/** A promise with its resolver, for gating replies on events instead of on time. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const opened = new Promise<T>((resolve) => (open = resolve));
  return { opened, open };
}
