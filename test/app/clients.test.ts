import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientPool } from '../../src/app/clients.js';
import { defaultConcurrency, isNearbyServer } from '../../src/core/llm/endpoint-limiter.js';
import { CancelledError } from '../../src/core/llm/errors.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest } from '../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  // Slow enough that two requests sent together are in flight together.
  server = await startFakeOpenAI({ handler: () => ({ kind: 'delay', ms: 150, then: { kind: 'text', content: 'fine' } }) });
});
afterAll(async () => {
  await server.close();
});

const endpoint = (model: string) => ({ baseURL: server.url, model, apiKey: 'sk-pool-test' });
const endpoints = (model: string) => ({ seeker: endpoint(model), supporter: endpoint(model), judge: endpoint(model) });
const ask = (text: string) => ({ messages: [{ role: 'user' as const, content: text }] });
const overlapping = (a: RecordedRequest, b: RecordedRequest) => b.receivedAt! < a.settledAt! && a.receivedAt! < b.settledAt!;

describe('the client pool a comparison shares', () => {
  it('hands out one client per endpoint, whichever side or role asks', () => {
    const pool = createClientPool();
    const a = pool.clientsFor(endpoints('m1'));
    const b = pool.clientsFor(endpoints('m1'));
    expect(b.supporter).toBe(a.supporter);
    expect(a.seeker).toBe(a.supporter);
    expect(pool.clientsFor(endpoints('m2')).supporter).not.toBe(a.supporter);
    expect(pool.size).toBe(2);
  });

  it('a server on loopback gets one request at a time from both sides, even for two models; without the limit they overlap', async () => {
    const run = async (pool: ReturnType<typeof createClientPool>) => {
      const before = server.requests.length;
      const sideA = pool.clientsFor(endpoints('model-a')).supporter;
      const sideB = pool.clientsFor(endpoints('model-b')).supporter;
      await Promise.all([sideA.chat(ask('one')), sideB.chat(ask('two')), sideA.chat(ask('three'))]);
      return server.requests.slice(before);
    };
    const limited = await run(createClientPool({ retryBaseMs: 5 }));
    expect(limited.length).toBe(3);
    for (let i = 1; i < limited.length; i++) expect(overlapping(limited[i - 1]!, limited[i]!)).toBe(false);
    const free = await run(createClientPool({ retryBaseMs: 5, concurrency: () => Number.POSITIVE_INFINITY }));
    expect(free.length).toBe(3);
    expect(overlapping(free[0]!, free[1]!)).toBe(true);
  });

  it('a request cancelled while it waits is given up at once and never sent', async () => {
    const pool = createClientPool({ retryBaseMs: 5 });
    const client = pool.clientsFor(endpoints('model-a')).supporter;
    const before = server.requests.length;
    const first = client.chat(ask('first'));
    const stop = new AbortController();
    const waiting = client.chat(ask('second'), { signal: stop.signal });
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    // The first is still running when the second has already given up.
    expect(server.requests.length - before).toBeLessThanOrEqual(1);
    await first;
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests.slice(before).map((r) => r.body.messages?.[0]?.content)).toEqual(['first']);
  });

  it('counts loopback and private-network servers as nearby, hosted APIs and the in-app model as not', () => {
    for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:8080/v1', 'http://[::1]:8000/v1', 'http://192.168.1.20:1234/v1', 'http://10.0.0.5:8000/v1', 'http://172.20.0.2/v1', 'http://gpu-box.local:8080/v1']) {
      expect([url, isNearbyServer(url)]).toEqual([url, true]);
      expect(defaultConcurrency(url)).toBe(1);
    }
    for (const url of ['https://api.openai.com/v1', 'https://openrouter.ai/api/v1', 'http://172.32.0.1/v1', 'local', 'not a url']) {
      expect([url, isNearbyServer(url)]).toEqual([url, false]);
    }
    expect(defaultConcurrency('https://api.openai.com/v1')).toBe(Number.POSITIVE_INFINITY);
  });
});
