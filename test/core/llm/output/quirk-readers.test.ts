import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeasureCommand } from '../../../../src/commands/measure.js';
import type { EngineEvent, Turn } from '../../../../src/core/engine/events.js';
import { perceiveStrategy } from '../../../../src/core/engine/perceived.js';
import { readSession } from '../../../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../../../src/core/strategies.js';
import { judgeSpeaker } from '../../../../src/core/traits/judge.js';
import { demoHandler } from '../../../../src/devtools/demo-handler.js';
import { quirkHandler, QUIRKS, type Quirk } from '../../../../src/devtools/quirk-handler.js';
import { judgeClient, turn } from '../../traits/judge-fixtures.js';
import { EXPECTED_HEXACO, fixtureInventories, pipelineHandler } from '../../traits/pipeline-fixtures.js';
import { captureIo } from '../../personas/helpers.js';
import { agentsHandler, collect, makeConversation, tempDir } from '../../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../../../support/fake-openai-server.js';
import { expectClean } from './quirk-fixtures.js';

/**
 * The judge, the classifier, the script engine and `measure` against each quirk:
 * the same cleaning stage reads them all, so they fail or succeed for the same reasons.
 */

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

/** Quirks after which a structured answer can still be read. */
const READABLE = new Set<Quirk>(['think-tags', 'think-orphan-close', 'reasoning-field', 'prose-json', 'fenced-json', 'refusal', 'refusal-once', 'role-break', 'other-language']);

const TURNS: Turn[] = [
  turn(0, 'seeker', 'I lie awake every night going over the same worries.'),
  turn(1, 'supporter', 'When did you first notice things getting this heavy?', 'Question'),
];

describe('the trait judge against each quirk', () => {
  it.each(QUIRKS)('%s', async (quirk) => {
    server.respond(quirkHandler(quirk, demoHandler()));
    const outcome = await judgeSpeaker(judgeClient(server.url), { turns: TURNS, speaker: 'seeker' });
    if (READABLE.has(quirk)) {
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(Object.keys(outcome.reading.hexaco)).toHaveLength(6);
    } else {
      // Asked twice, then dropped with the reason; never a made-up number.
      expect(outcome).toMatchObject({ ok: false, attempts: 2 });
      if (!outcome.ok) expect(outcome.problem).toMatch(/not JSON/);
    }
  });
});

describe('the strategy classifier against each quirk', () => {
  it.each(QUIRKS)('%s', async (quirk) => {
    server.respond(quirkHandler(quirk, demoHandler()));
    const result = await perceiveStrategy(judgeClient(server.url), TURNS, 1);
    if ('strategy' in result) expect(STRATEGIES).toContain(result.strategy);
    if (READABLE.has(quirk)) {
      expect(result).toMatchObject({ strategy: 'Question' });
      expect(result.note).toBeUndefined();
    } else {
      // The fake reasoning names "Question": a label read from free text must not come from it.
      expect(result.note).toMatch(/did not answer in JSON|did not answer with a label/);
      if (quirk === 'think-unclosed') expect(result).toMatchObject({ failed: true });
    }
  });
});

const DIALOG = [
  { speaker: 'seeker', strategy: null, content: 'I failed the bar exam for the second time.' },
  { speaker: 'supporter', strategy: 'Question', content: 'How are you holding up since you got the result?' },
  { speaker: 'seeker', strategy: null, content: 'Not great. My parents keep asking about it.' },
  { speaker: 'supporter', strategy: 'Reflection of Feelings', content: 'It sounds like you feel watched and worn out.' },
];

/** A script writer: the dialogue as JSON when asked for the schema, as "Name: line" text otherwise. */
function scriptHandler(r: RecordedRequest): Reply {
  if (r.body.response_format?.json_schema?.name === 'esc_dialogue') return { kind: 'text', content: JSON.stringify({ dialog: DIALOG }) };
  return { kind: 'text', content: DIALOG.map((d) => `${d.speaker === 'seeker' ? 'Seeker' : `Supporter (${d.strategy})`}: ${d.content}`).join('\n') };
}

describe('the script engine against each quirk', () => {
  const SPLITS = new Set<Quirk>([...READABLE, 'no-json-schema', 'rejects-json-schema']);
  SPLITS.delete('refusal');
  SPLITS.delete('refusal-once');

  it.each(QUIRKS)('%s', async (quirk) => {
    server.respond(quirkHandler(quirk, scriptHandler));
    const dir = tempDir('pt-quirk-script-');
    const conv = makeConversation(server.url, { engine: 'script', turnCap: 4, sessionsDir: dir });
    const events = await collect(conv, (e: EngineEvent) => {
      if (e.type === 'error') conv.stop();
    });
    const shown = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('\n');
    const saved = readSession(conv.sessionPath!);
    expect(expectClean(shown)).toEqual([]);
    expect(expectClean(saved.turns.map((t) => t.text).join('\n'))).toEqual([]);
    const refusals = saved.records.filter((r) => r.type === 'refusal');
    if (SPLITS.has(quirk)) {
      expect(saved.turns.map((t) => t.text)).toEqual(DIALOG.map((d) => d.content));
      expect(saved.turns[3]).toMatchObject({ strategy: 'Reflection of Feelings' });
      expect(refusals).toHaveLength(0);
    } else if (quirk === 'refusal' || quirk === 'refusal-once') {
      expect(saved.turns).toHaveLength(0);
      expect(refusals).toMatchObject([{ role: 'supporter', outcome: 'turn-paused' }]);
      expect(events.some((e) => e.type === 'error' && /refused to play this persona/.test(e.message))).toBe(true);
    } else {
      expect(saved.turns).toHaveLength(0);
      expect(events.some((e) => e.type === 'error' && /no dialogue we could split/.test(e.message))).toBe(true);
    }
  });
});

describe('measure against each quirk', () => {
  let sessionPath: string;
  beforeAll(async () => {
    server.respond(agentsHandler());
    const conv = makeConversation(server.url, { turnCap: 4, sessionsDir: tempDir('pt-quirk-measure-') });
    await collect(conv);
    sessionPath = conv.sessionPath!;
  });

  it.each(QUIRKS)('%s', async (quirk) => {
    server.respond(quirkHandler(quirk, pipelineHandler()));
    const before = readSession(sessionPath).records.filter((r) => r.type === 'measurement').length;
    const cap = captureIo();
    const code = await runMeasureCommand([sessionPath, '--speaker', 'seeker', '--json'], cap.io, { judge: judgeClient(server.url), inventories: fixtureInventories() });
    const after = readSession(sessionPath).records.filter((r) => r.type === 'measurement');
    if (READABLE.has(quirk)) {
      expect(code).toBe(0);
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)).toMatchObject({ hexaco: EXPECTED_HEXACO, missing: [] });
      expect(cap.stdout()).not.toContain('Let me plan');
    } else {
      expect(code).toBe(1);
      expect(after).toHaveLength(before);
      expect(cap.stderr().length).toBeGreaterThan(0);
    }
  });
});

describe('dev fake-server --quirk', () => {
  it('an unknown quirk or flavour is bad usage, with the list of quirks', async () => {
    const { runFakeServerCommand } = await import('../../../../src/devtools/fake-server-command.js');
    const cap = captureIo();
    expect(await runFakeServerCommand(['--quirk', 'hiccups'], cap.io)).toBe(2);
    expect(cap.stderr()).toContain('unknown quirk "hiccups"');
    for (const quirk of QUIRKS) expect(cap.stderr()).toContain(quirk);
    expect(await runFakeServerCommand(['--flavour', 'tgi'], cap.io)).toBe(2);
  });
});
