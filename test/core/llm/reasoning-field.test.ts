import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatClient } from '../../../src/core/llm/client.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { chunkJson, reasoningChunkJson, usageChunkJson } from '../../support/sse-chunks.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

describe('reasoning in separate stream fields', () => {
  it.each(['reasoning_content', 'reasoning'] as const)('%s: handed to onReasoning and ChatResult.reasoning, never to the text', async (field) => {
    server.enqueue({
      kind: 'sse',
      events: [
        reasoningChunkJson('Weighing ', { field, role: true }),
        reasoningChunkJson('the options.', { field }),
        chunkJson({ content: 'Hello ' }),
        chunkJson({ content: 'there.' }),
        chunkJson({ finishReason: 'stop' }),
        usageChunkJson({ prompt_tokens: 5, completion_tokens: 6 }),
        '[DONE]',
      ],
    });
    const client = createChatClient({ baseURL: server.url, model: 'm' });
    const thoughts: string[] = [];
    const deltas: string[] = [];
    const result = await client.chat({ messages: [{ role: 'user', content: 'hi' }] }, { onReasoning: (t) => thoughts.push(t), onDelta: (d) => deltas.push(d) });
    expect(thoughts).toEqual(['Weighing ', 'the options.']);
    expect(deltas.join('')).toBe('Hello there.');
    expect(result).toMatchObject({ text: 'Hello there.', reasoning: 'Weighing the options.' });
  });

  it('no reasoning: no field on the result (the interface stays as it was)', async () => {
    server.enqueue({ kind: 'text', content: 'Plain.' });
    const result = await createChatClient({ baseURL: server.url, model: 'm' }).chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect('reasoning' in result).toBe(false);
  });
});
