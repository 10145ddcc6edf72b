import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatClient } from '../../../src/core/llm/client.js';
import type { RetryInfo } from '../../../src/core/llm/types.js';
import { collect, finishedTurns, makeConversation } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

/** A server like older local ones: it rejects response_format outright instead of ignoring it. */
function rejectsStructuredOutput(answer: (r: RecordedRequest) => string) {
  return (r: RecordedRequest): Reply =>
    r.body.response_format
      ? { kind: 'status', status: 400, body: { error: { message: "Unsupported parameter: 'response_format' of type json_schema" } } }
      : { kind: 'text', content: answer(r) };
}

describe('servers that refuse optional parameters', () => {
  it('asks again without response_format, says so, and leaves it out from then on', async () => {
    server.requests.length = 0;
    server.respond(rejectsStructuredOutput(() => 'Plain words.'));
    const client = createChatClient({ baseURL: server.url, model: 'm' }, { retryBaseMs: 10 });
    const retries: RetryInfo[] = [];
    const schema = { name: 'x', schema: { type: 'object', properties: {}, required: [], additionalProperties: false } };
    const first = await client.chat({ messages: [{ role: 'user', content: 'hi' }], jsonSchema: schema }, { onRetry: (i) => retries.push(i) });
    expect(first.text).toBe('Plain words.');
    expect(retries.map((r) => r.reason)).toEqual(['the server does not accept "response_format"; asking again without it']);
    await client.chat({ messages: [{ role: 'user', content: 'again' }], jsonSchema: schema });
    const sent = server.chatRequests().map((r) => r.body.response_format !== undefined);
    expect(sent).toEqual([true, false, false]);
  });

  it('a whole conversation still labels every supporter turn with a server that refuses json_schema', async () => {
    server.requests.length = 0;
    server.respond(
      rejectsStructuredOutput((r) =>
        /support strategies/.test(r.body.messages?.[0]?.content ?? '') ? 'Strategy: Question\nWhat has changed lately?' : 'I feel stuck.',
      ),
    );
    const turns = finishedTurns(await collect(makeConversation(server.url, { turnCap: 4 })));
    expect(turns.length).toBe(4);
    expect(turns[1]).toMatchObject({ strategy: 'Question', labelSource: 'parsed', text: 'What has changed lately?' });
    // one refusal per client (seeker, supporter), then never again
    expect(server.chatRequests().filter((r) => r.body.response_format).length).toBe(2);
  });

  it('a reasoning model that refuses max_tokens and temperature gets neither, one at a time', async () => {
    server.requests.length = 0;
    server.respond((r) => {
      if (r.body.max_tokens !== undefined) return { kind: 'status', status: 400, body: { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead." } } };
      if (r.body.temperature !== undefined) return { kind: 'status', status: 400, body: { error: { message: "Unsupported value: 'temperature' does not support 0.8 with this model." } } };
      return { kind: 'text', content: 'ok' };
    });
    const client = createChatClient({ baseURL: server.url, model: 'm' }, { retryBaseMs: 10 });
    const result = await client.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 100, temperature: 0.8 });
    expect(result.text).toBe('ok');
    expect(server.chatRequests().map((q) => [q.body.max_tokens, q.body.temperature])).toEqual([[100, 0.8], [undefined, 0.8], [undefined, undefined]]);
  });

  it('does not drop anything for an unrelated 400', async () => {
    server.requests.length = 0;
    server.respond(() => ({ kind: 'status', status: 400, body: { error: { message: 'model "nope" not found' } } }));
    const client = createChatClient({ baseURL: server.url, model: 'nope' }, { retryBaseMs: 10 });
    await expect(client.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ kind: 'bad-request' });
    expect(server.chatRequests().length).toBe(1);
  });
});
