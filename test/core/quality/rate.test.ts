import { afterEach, describe, expect, it } from 'vitest';
import { LlmError } from '../../../src/core/llm/errors.js';
import { parseQualityAnswer, QUALITY_PROMPT, rateQuality } from '../../../src/core/quality/index.js';
import { QUALITY_OUTPUT_SCHEMA } from '../../../src/core/prompts/quality.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SEEKER, SUPPORTER } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { judgeClient } from '../traits/judge-fixtures.js';
import { isQualityRequest, qualityAnswer, qualityHandler, savedConversation } from './quality-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rated(answers: string[]) {
  server = await startFakeOpenAI();
  const session = readSession(await savedConversation(server));
  server.respond(qualityHandler(answers));
  const outcome = await rateQuality(judgeClient(server.url), session, { seed: 40 });
  return { outcome, session, requests: server.chatRequests().filter(isQualityRequest) };
}

describe('rateQuality against the loopback server', () => {
  it('rates a saved conversation from its transcript alone, with the prompt version and what it cost', async () => {
    const { outcome, session, requests } = await rated([qualityAnswer()]);
    expect(outcome).toEqual({
      ok: true,
      empathy: 4,
      relevance: 5,
      initialIntensity: 4,
      finalIntensity: 2,
      afterTurn: 3,
      model: { baseURL: server!.url, model: 'judge-model' },
      prompt: QUALITY_PROMPT,
      usage: { calls: 1, promptTokens: 300, completionTokens: 40 },
    });
    expect(QUALITY_PROMPT).toBe('quality@1');
    expect(requests).toHaveLength(1);
    const body = requests[0]!.body;
    expect(body.response_format?.json_schema?.name).toBe(QUALITY_OUTPUT_SCHEMA.name);
    expect(body.seed).toBe(40);
    const sent = JSON.stringify(body.messages);
    // Every message of the chat, and nothing that says which arm or persona it came from.
    for (const t of session.turns) expect(sent).toContain(t.text);
    for (const word of [SEEKER.name, SUPPORTER.name, SEEKER.situation!, 'Question', 'Restatement']) expect(sent).not.toContain(word);
  });

  it('reads the answer through the output-cleaning stage: reasoning, prose and a code fence', async () => {
    const reply = `<think>The seeker calmed down; empathy maybe 5? No, 3.</think>Here is my rating:\n\`\`\`json\n${qualityAnswer({ empathy: 3 })}\n\`\`\``;
    const { outcome } = await rated([reply]);
    expect(outcome.ok && outcome.empathy).toBe(3);
  });

  it('asks once more after an out-of-range answer, and keeps the second', async () => {
    const { outcome, requests } = await rated([qualityAnswer({ relevance: 7 }), qualityAnswer({ relevance: 2 })]);
    expect(outcome.ok && outcome.relevance).toBe(2);
    expect(outcome.ok && outcome.usage).toEqual({ calls: 2, promptTokens: 600, completionTokens: 80 });
    expect(requests.map((r) => r.body.seed)).toEqual([40, 41]);
  });

  it('drops the rating after two bad answers, says why, and gives no number', async () => {
    const { outcome, requests } = await rated(['I would say the support was good, about a 4.', qualityAnswer({ final_intensity: 0 })]);
    expect(requests).toHaveLength(2);
    expect(outcome).toEqual({ ok: false, problem: 'final_intensity: must be at least 1', attempts: 2 });
  });

  it('does not call the model for a conversation with nothing to rate', async () => {
    server = await startFakeOpenAI();
    const session = readSession(await savedConversation(server));
    const outcome = await rateQuality(judgeClient(server.url), { ...session, turns: session.turns.filter((t) => t.speaker === 'seeker') });
    expect(outcome).toEqual({ ok: false, problem: expect.stringMatching(/a message from each side/), attempts: 0 });
    expect(server.chatRequests().filter(isQualityRequest)).toHaveLength(0);
  });

  it('throws what the server did wrong: that is no answer to validate', async () => {
    server = await startFakeOpenAI();
    const session = readSession(await savedConversation(server));
    server.respond(() => ({ kind: 'status', status: 500 }));
    await expect(rateQuality(judgeClient(server.url), session)).rejects.toBeInstanceOf(LlmError);
  });
});

describe('parseQualityAnswer', () => {
  it.each([
    ['a decimal', qualityAnswer({ empathy: 4.5 }), 'empathy: must be a whole number'],
    ['a number as text', qualityAnswer({ relevance: '4' }), 'relevance: must be a number'],
    ['a rating above 5', qualityAnswer({ initial_intensity: 6 }), 'initial_intensity: must be at most 5'],
    ['a missing rating', JSON.stringify({ empathy: 4, relevance: 4, initial_intensity: 3 }), 'final_intensity: must be a number'],
    ['two bad ratings', qualityAnswer({ empathy: 0, relevance: null }), 'empathy: must be at least 1 (and 1 more)'],
    ['prose', 'Empathy 4, relevance 5.', 'the reply was not JSON ("Empathy 4, relevance 5.")'],
  ])('rejects the whole answer for %s', (_name, text, problem) => {
    expect(parseQualityAnswer(text)).toEqual({ ok: false, problem });
  });

  it('offers a strict-mode schema of whole numbers 1–5', () => {
    const schema = QUALITY_OUTPUT_SCHEMA.schema as { required: string[]; additionalProperties: boolean; properties: Record<string, { type: string; minimum?: number; maximum?: number }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['observations', 'empathy', 'relevance', 'initial_intensity', 'final_intensity']);
    expect(schema.properties.final_intensity).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
  });
});
