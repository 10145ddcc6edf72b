import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatClient } from '../../../src/core/llm/client.js';
import { createLimiter, endpointKey, estimateTokens, LimiterRegistry } from '../../../src/core/llm/limiter.js';
import { startFakeOpenAI } from '../../support/fake-openai-server.js';

/** Settles pending promise callbacks without moving the (fake) clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('the per-endpoint limiter (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets no more than requestsPerMinute through in any sliding minute, in arrival order', async () => {
    const limiter = createLimiter({ requestsPerMinute: 2 });
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) void limiter.acquire(1).then(() => granted.push(i));
    await flush();
    expect(granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts tokens: an estimate until the usage is known, then what was really spent', async () => {
    const limiter = createLimiter({ tokensPerMinute: 1000 });
    const first = await limiter.acquire(800);
    let second = false;
    void limiter.acquire(300).then(() => (second = true));
    await flush();
    expect(second).toBe(false); // 800 + 300 > 1000
    first.settle(500); // the reply was cheaper than feared
    await flush();
    expect(second).toBe(true);
  });

  it('a request bigger than the whole budget still goes, alone, once the minute is clear', async () => {
    const limiter = createLimiter({ tokensPerMinute: 100 });
    await limiter.acquire(50);
    let big = false;
    void limiter.acquire(500).then(() => (big = true));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(big).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(big).toBe(true);
  });

  it('a pause holds every caller until it ends, including ones already waiting', async () => {
    const limiter = createLimiter();
    limiter.pauseFor(5_000);
    const granted: string[] = [];
    void limiter.acquire(1).then(() => granted.push('a'));
    void limiter.acquire(1).then(() => granted.push('b'));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(granted).toEqual([]);
    expect(limiter.waiting).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(['a', 'b']);
    expect(limiter.pausedUntil).toBe(0);
  });

  it('a cancelled wait leaves the queue and rejects with the caller’s error', async () => {
    const limiter = createLimiter();
    limiter.pauseFor(1_000);
    const controller = new AbortController();
    const waiting = limiter.acquire(1, controller.signal, () => new Error('gave up'));
    controller.abort();
    await expect(waiting).rejects.toThrow('gave up');
    expect(limiter.waiting).toBe(0);
  });

  it('one limiter per endpoint, however its URL is spelled, with the limits configured for it', () => {
    const registry = new LimiterRegistry({ 'http://127.0.0.1:8000/v1/': { requestsPerMinute: 1 } });
    expect(registry.for('http://127.0.0.1:8000/v1')).toBe(registry.for('HTTP://127.0.0.1:8000/v1/'));
    expect(registry.for('http://127.0.0.1:8000/v1')).not.toBe(registry.for('http://127.0.0.1:9000/v1'));
    expect(endpointKey('http://user:pw@Host:1/v1/')).toBe('http://host:1/v1');
    expect(estimateTokens([{ content: 'x'.repeat(400) }], 50)).toBe(150);
  });
});

describe('the chat client with a shared limiter (loopback server)', () => {
  it("a 429's Retry-After pauses every client on the endpoint, not just the one that got it", async () => {
    const server = await startFakeOpenAI();
    try {
      const limiter = createLimiter();
      const client = (model: string) => createChatClient({ baseURL: server.url, model }, { limiter, retryBaseMs: 5 });
      const arrivals: { model: string; at: number }[] = [];
      let first = true;
      server.respond((r) => {
        arrivals.push({ model: String(r.body.model), at: Date.now() });
        if (first) {
          first = false;
          return { kind: 'status', status: 429, retryAfterMs: 300 };
        }
        return { kind: 'text', content: 'ok' };
      });
      const a = client('a').chat({ messages: [{ role: 'user', content: 'hi' }] });
      // B and C start only once the pause is in force: they must wait it out too.
      for (let i = 0; i < 200 && limiter.pausedUntil === 0; i++) await new Promise((r) => setTimeout(r, 5));
      const pausedUntil = limiter.pausedUntil;
      expect(pausedUntil).toBeGreaterThan(0);
      const others = Promise.all([client('b').chat({ messages: [{ role: 'user', content: 'hi' }] }), client('c').chat({ messages: [{ role: 'user', content: 'hi' }] })]);
      const [answerA, answers] = await Promise.all([a, others]);
      expect(answerA.text).toBe('ok');
      expect(answers.map((x) => x.text)).toEqual(['ok', 'ok']);
      const later = arrivals.slice(1);
      expect(later.map((x) => x.model).sort()).toEqual(['a', 'b', 'c']);
      // Timers may fire a millisecond early by the wall clock; nothing came in before the pause was over.
      for (const arrival of later) expect(arrival.at).toBeGreaterThanOrEqual(pausedUntil - 2);
    } finally {
      await server.close();
    }
  });
});
