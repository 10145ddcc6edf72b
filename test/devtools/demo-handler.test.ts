import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatClient } from '../../src/core/llm/client.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { roughTokens, startFakeOpenAI, type FakeServer, type RecordedRequest } from '../support/fake-openai-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const schema = (name: string) => ({ name, schema: { type: 'object' } });
const request = (name: string, content: string): RecordedRequest => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: {},
  body: { messages: [{ role: 'system', content: 'x' }, { role: 'user', content }], response_format: { type: 'json_schema', json_schema: schema(name) } },
  rawBody: '',
});

describe('demo replies', () => {
  it('report usage counted from the real prompt and reply, and lengthen agent replies to minWords', async () => {
    server = await startFakeOpenAI({ handler: demoHandler({ minWords: 40 }) });
    const client = createChatClient({ baseURL: server.url, model: 'fake-model' });
    const messages = [
      { role: 'system' as const, content: 'You are a seeker. '.repeat(30) },
      { role: 'user' as const, content: 'How are you sleeping lately?' },
    ];
    const result = await client.chat({ messages, jsonSchema: schema('seeker_turn') });
    const said = (JSON.parse(result.text) as { message: string }).message;
    expect(said.split(/\s+/).length).toBeGreaterThanOrEqual(40);
    expect(result.usage).toEqual({ promptTokens: roughTokens(messages.map((m) => m.content).join('\n')), completionTokens: roughTokens(result.text) });
    // The server notes when each request arrived and when its response was over (the bench's idle check).
    const [recorded] = server.chatRequests();
    await vi.waitFor(() => expect(recorded!.settledAt).toBeGreaterThanOrEqual(recorded!.receivedAt!));
  });

  it('slow every judge-side call, trait judge and classifier alike, and no agent call', () => {
    const handler = demoHandler({ judgeCallMs: 1500, chunkDelayMs: 30 });
    for (const name of ['trait_estimate', 'perceived_strategy', 'persona_card']) {
      const reply = handler(request(name, 'The message to label: hello'));
      expect(reply).toMatchObject({ kind: 'delay', ms: 1500, then: { kind: 'text' } });
      // All at once after the delay: the call takes the configured time, not delay + streaming.
      if (reply.kind === 'delay' && reply.then.kind === 'text') expect(reply.then.chunkSize).toBeGreaterThanOrEqual(reply.then.content.length);
    }
    for (const name of ['seeker_turn', 'supporter_turn']) expect(handler(request(name, 'hello'))).toMatchObject({ kind: 'text', delayMs: 30 });
  });
});
