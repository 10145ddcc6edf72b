import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatClient } from '../../src/core/llm/client.js';
import { ServerError } from '../../src/core/llm/errors.js';
import { chunkJson, sseEvent, startFakeOpenAI, usageChunkJson, type FakeServer } from '../support/fake-openai-server.js';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeOpenAI();
});
afterEach(async () => {
  await server.close();
});

const post = (body: unknown) =>
  fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fake OpenAI server', () => {
  it('answers non-streamed requests with a chat.completion', async () => {
    const response = await post({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    const json = (await response.json()) as { object: string; choices: { message: { content: string } }[]; usage: object };
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0]?.message.content.length).toBeGreaterThan(5);
    expect(json.usage).toHaveProperty('total_tokens');
  });

  it('streams SSE ending with a usage chunk and [DONE] only when usage is asked for', async () => {
    const withUsage = await (await post({ model: 'm', messages: [], stream: true, stream_options: { include_usage: true } })).text();
    const without = await (await post({ model: 'm', messages: [], stream: true })).text();
    expect(withUsage.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(withUsage).toContain('"usage"');
    expect(without).not.toContain('"usage"');
  });

  it('default handler fills a json_schema: enums, hints, numbers, arrays, nested objects', async () => {
    const schema = {
      type: 'object',
      properties: {
        strategy: { type: 'string', enum: ['Question', 'Others'] },
        mood: { type: 'string', enum: ['calm', 'tense'] },
        score: { type: 'integer', minimum: 1, maximum: 5 },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        closes: { type: 'boolean' },
        notes: { type: 'array', items: { type: 'string' }, minItems: 2 },
        inner: { type: 'object', properties: { text: { type: ['string', 'null'] } } },
      },
      required: ['strategy', 'mood', 'score', 'confidence', 'closes', 'notes', 'inner'],
    };
    const client = createChatClient({ baseURL: server.url, model: 'm' });
    const request = {
      messages: [{ role: 'user' as const, content: 'pick {{fake:mood=tense}} please' }],
      jsonSchema: { name: 'x', schema },
    };
    const first = JSON.parse((await client.chat(request)).text);
    expect(first).toMatchObject({ strategy: 'Question', mood: 'tense', score: 3, confidence: 0.5, closes: false });
    expect(first.notes).toHaveLength(2);
    expect(typeof first.inner.text).toBe('string');
    // Deterministic: the same request gets the same reply.
    expect(JSON.parse((await client.chat(request)).text)).toEqual(first);
  });

  it('streams hand-built SSE untouched, escape sequences included', async () => {
    const evil = 'safe \u001b]52;c;ZXZpbA==\u0007 text';
    server.enqueue({
      kind: 'sse',
      events: [chunkJson({ role: 'assistant', content: evil }), chunkJson({ finishReason: 'stop' }), usageChunkJson({ prompt_tokens: 1, completion_tokens: 2 }), '[DONE]'],
    });
    const result = await createChatClient({ baseURL: server.url, model: 'm' }).chat({ messages: [] });
    // The provider layer passes text through verbatim; neutralising is the display/export layer's job.
    expect(result.text).toBe(evil);
    expect(sseEvent('x')).toBe('data: x\n\n');
  });

  it('an error event inside the stream becomes a ServerError', async () => {
    server.respond(() => ({ kind: 'sse', events: [JSON.stringify({ error: { message: 'upstream provider failed' } })] }));
    const error = await createChatClient({ baseURL: server.url, model: 'm' }, { maxRetries: 1, retryBaseMs: 1 })
      .chat({ messages: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain('upstream provider failed');
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('records requests as they arrive and closes promptly with an idle stream open', async () => {
    server.enqueue({ kind: 'idle', content: 'hanging on', after: 1 });
    const response = await post({ model: 'm', messages: [], stream: true });
    expect(server.requests).toHaveLength(1);
    const reader = response.body!.getReader();
    await reader.read();
    const pending = reader.read().catch((e: unknown) => e);
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
    server = await startFakeOpenAI();
  });
});
