import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readPerceivedAnswer } from '../../../../src/core/engine/perceived.js';
import { splitScript } from '../../../../src/core/engine/script.js';
import { CancelledError } from '../../../../src/core/llm/errors.js';
import { createLocalClients, type LocalClients } from '../../../../src/core/llm/local/index.js';
import { LocalModel } from '../../../../src/core/llm/local/local-model.js';
import { checkGgufFile, ModelFileError } from '../../../../src/core/llm/local/model-files.js';
import { LocalRuntimeError } from '../../../../src/core/llm/local/runtime.js';
import type { Lane } from '../../../../src/core/llm/local/scheduler.js';
import type { ChatMessage, JsonSchemaFormat } from '../../../../src/core/llm/types.js';
import { STRATEGIES } from '../../../../src/core/strategies.js';
import { SEEKER_OUTPUT_SCHEMA, seekerMessages, SUPPORTER_OUTPUT_SCHEMA, supporterMessages } from '../../../../src/core/prompts/agents.js';
import { classifierMessages, CLASSIFIER_OUTPUT_SCHEMA } from '../../../../src/core/prompts/classifier.js';
import { JUDGE_OUTPUT_SCHEMA, judgeMessages } from '../../../../src/core/prompts/judge.js';
import { BEHAVIOUR_SCHEMA, CARD_SCHEMA, ratingSchema } from '../../../../src/core/prompts/measurement.js';
import { SCRIPT_OUTPUT_SCHEMA, scriptMessages } from '../../../../src/core/prompts/script.js';
import { parseJudgeAnswer } from '../../../../src/core/traits/judge-schema.js';
import { SEEKER, SUPPORTER, tempDir } from '../../../support/engine-fixtures.js';
import { ensureTestRuntime, LOCAL_TEST_TIMEOUT_MS, RUNTIME_INSTALL_TIMEOUT_MS } from '../../../support/local-runtime.js';

vi.setConfig({ testTimeout: LOCAL_TEST_TIMEOUT_MS });
import { writeTinyModel } from '../../../support/tiny-gguf.js';

let runtimeDir: string;
let modelFile: string;
let local: LocalClients;
/** A second instance with a small context and no background share, watched step by step. */
let small: LocalClients;
const steps: Lane[] = [];

beforeAll(async () => {
  runtimeDir = await ensureTestRuntime();
  modelFile = join(tempDir('pt-local-'), 'tiny.gguf');
  await writeTinyModel(modelFile);
  local = await createLocalClients({ modelFile, runtimeDir, threads: 1, contextSize: 16384 });
  small = await createLocalClients({ modelFile, runtimeDir, threads: 1, contextSize: 4096, backgroundShare: 0, onStep: (lane) => steps.push(lane) });
}, RUNTIME_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await local?.close();
  await small?.close();
});

const turns = [
  { index: 0, speaker: 'seeker' as const, text: 'I cannot sleep since the night shifts started.', by: 'ai' as const, startedAt: '', finishedAt: '' },
  { index: 1, speaker: 'supporter' as const, text: 'That sounds exhausting. What keeps you awake?', strategy: 'Question' as const, labelSource: 'declared' as const, by: 'ai' as const, startedAt: '', finishedAt: '' },
];

async function ask(messages: ChatMessage[], schema: JsonSchemaFormat, seed = 5) {
  return (await local.judge.chat({ messages, jsonSchema: schema, seed, temperature: 0.8 })).text;
}

describe('structured output through the JSON-schema grammar', () => {
  it('answers every schema the app asks for with JSON the app accepts', async () => {
    const seeker = JSON.parse(await ask(seekerMessages(SEEKER, turns), SEEKER_OUTPUT_SCHEMA)) as Record<string, unknown>;
    expect(typeof seeker.message).toBe('string');
    expect(typeof seeker.end_conversation).toBe('boolean');

    const supporter = JSON.parse(await ask(supporterMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'blind' }, turns.slice(0, 1)), SUPPORTER_OUTPUT_SCHEMA)) as Record<string, unknown>;
    expect(STRATEGIES).toContain(supporter.strategy);

    expect(parseJudgeAnswer(await ask(judgeMessages(turns, 'seeker'), JUDGE_OUTPUT_SCHEMA))).toMatchObject({ ok: true });
    expect(readPerceivedAnswer(await ask(classifierMessages(turns, 1), CLASSIFIER_OUTPUT_SCHEMA)).note).toBeUndefined();

    const script = await ask(scriptMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware', turns: 4 }), SCRIPT_OUTPUT_SCHEMA);
    expect(Array.isArray((JSON.parse(script) as { dialog: unknown }).dialog)).toBe(true);
    for (const turn of splitScript(script)) if (turn.speaker === 'supporter' && turn.strategy) expect(STRATEGIES).toContain(turn.strategy);

    const plain = [{ role: 'user' as const, content: 'Describe the person.' }];
    expect(Object.keys(JSON.parse(await ask(plain, CARD_SCHEMA)) as object).sort()).toEqual(Object.keys(CARD_SCHEMA.schema.properties as object).sort());
    expect(JSON.parse(await ask(plain, BEHAVIOUR_SCHEMA))).toBeTypeOf('object');
    const items = ['h1', 'e1', 'x1'].map((id) => ({ id, dimension: 'H', facet: 'sincerity', text: 'x', reverse: false }));
    const ratings = JSON.parse(await ask(plain, ratingSchema(items))) as Record<string, number>;
    for (const id of ['h1', 'e1', 'x1']) expect([1, 2, 3, 4, 5]).toContain(ratings[id]);
  });
});

describe('sharing the loaded model', () => {
  it('a prompt that continues an earlier one reuses what its sequence already holds', async () => {
    const first = supporterMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware' }, turns.slice(0, 1));
    const a = await local.model.complete({ messages: first, jsonSchema: SUPPORTER_OUTPUT_SCHEMA, seed: 1 }, 'agent');
    const next = supporterMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware' }, [...turns, { ...turns[0]!, index: 2, text: 'The noise, mostly.' }]);
    const b = await local.model.complete({ messages: next, jsonSchema: SUPPORTER_OUTPUT_SCHEMA, seed: 1 }, 'agent');
    expect(a.promptTokens).toBeGreaterThan(500);
    // Everything up to the end of the system prompt and the first message was already evaluated.
    expect(b.reusedTokens).toBeGreaterThan(a.promptTokens - 50);
    expect(b.reusedTokens).toBeLessThan(b.promptTokens);
  });

  it('an agent request is not held up by a judge request already running: the judge pauses and then finishes', async () => {
    steps.length = 0;
    const judge = small.judge.chat({ messages: judgeMessages(turns, 'supporter').map((m) => ({ ...m, content: m.content.slice(0, 1500) })), jsonSchema: JUDGE_OUTPUT_SCHEMA, seed: 2 });
    // Let the judge get going, then an agent asks.
    while (steps.length < 3) await new Promise((r) => setImmediate(r));
    const agent = await small.supporter.chat({ messages: [{ role: 'system', content: 'Be kind.' }, { role: 'user', content: 'Hello' }], jsonSchema: SUPPORTER_OUTPUT_SCHEMA, seed: 3 });
    const judged = await judge;
    expect(JSON.parse(agent.text)).toHaveProperty('strategy');
    expect(parseJudgeAnswer(judged.text)).toMatchObject({ ok: true });
    const firstAgent = steps.indexOf('agent');
    const lastAgent = steps.lastIndexOf('agent');
    expect(steps.slice(0, firstAgent)).toContain('background');
    // At most the one judge step already running when the agent arrived; none while it generated.
    expect(steps.slice(firstAgent, lastAgent + 1).filter((l) => l === 'background')).toEqual([]);
    expect(steps.slice(lastAgent + 1)).toContain('background');
  });

  it('slides the window when the conversation outgrows the context', async () => {
    const long: ChatMessage[] = [{ role: 'system', content: 'You are a supporter.' }];
    for (let i = 0; i < 12; i++) long.push({ role: i % 2 === 0 ? 'user' : 'assistant', content: `message ${i} ${'words and more words '.repeat(20)}` });
    const done = await small.model.complete({ messages: long, jsonSchema: SEEKER_OUTPUT_SCHEMA, maxTokens: 300, seed: 4 }, 'agent');
    expect(done.droppedMessages).toBeGreaterThan(0);
    expect(done.promptTokens).toBeLessThanOrEqual(small.model.contextSize - 300);
    expect(JSON.parse(done.text)).toHaveProperty('message');
  });

  it('stops when the caller cancels, keeps what had streamed, and serves the next request', async () => {
    const controller = new AbortController();
    let streamed = '';
    const failure = await local.judge
      .chat(
        { messages: judgeMessages(turns, 'seeker'), jsonSchema: JUDGE_OUTPUT_SCHEMA, seed: 6 },
        {
          signal: controller.signal,
          onDelta: (d) => {
            streamed += d;
            if (streamed.length > 40) controller.abort();
          },
        },
      )
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CancelledError);
    expect((failure as CancelledError).partialText).toBe(streamed);
    const after = await local.judge.chat({ messages: classifierMessages(turns, 1), jsonSchema: CLASSIFIER_OUTPUT_SCHEMA, seed: 7 });
    expect(readPerceivedAnswer(after.text).note).toBeUndefined();
  });

  it('reports each role on the endpoint "local" with the model file name', () => {
    expect(local.seeker.endpoint).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(local.judge.endpoint).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(local.recommendation.judgeCadence).toBe(4); // no GPU here
  });
});

describe('bad local set-ups', () => {
  it('says to run setup when the runtime is missing', async () => {
    const failure = await LocalModel.load({ modelFile, runtimeDir: join(tempDir('pt-no-runtime-'), 'none') }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LocalRuntimeError);
    expect((failure as Error).message).toContain('persona-talks local setup');
  });

  it('refuses a file that is not a GGUF model, naming where GGUF files are found', async () => {
    const notModel = join(tempDir('pt-not-model-'), 'notes.txt');
    writeFileSync(notModel, 'hello');
    await expect(checkGgufFile(notModel)).rejects.toBeInstanceOf(ModelFileError);
    await expect(checkGgufFile(notModel)).rejects.toThrow('is not a GGUF model file');
    await expect(checkGgufFile(join(tempDir('pt-x-'), 'missing.gguf'))).rejects.toThrow('No model file at');
    await expect(checkGgufFile(modelFile)).resolves.toBeUndefined();
  });
});
