import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExportCommand } from '../../../src/commands/export.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { captureIo } from './fixtures.js';
import { ESCONV_SPELLING, parseStrategy } from '../../../src/core/strategies.js';
import { makeEverySessionKind, type SessionKind } from './session-kinds.js';

/**
 * What ESConv's reference preprocessing and training inputs do with a file, done
 * here on our exports: each seeker message becomes a "usr" utterance and anything
 * else a "sys" utterance that must carry annotation.strategy; text is normalised
 * by collapsing whitespace; and "[" + strategy + "]" must be exactly one of the
 * eight bracketed tokens the dataset adds to the vocabulary. The reference code
 * does not stop on a stray label (the tokenizer splits it), so this check must.
 */
const ADDED_TOKENS = [
  '[Question]',
  '[Restatement or Paraphrasing]',
  '[Reflection of feelings]',
  '[Self-disclosure]',
  '[Affirmation and Reassurance]',
  '[Providing Suggestions]',
  '[Information]',
  '[Others]',
];

interface Utterance {
  speaker: 'usr' | 'sys';
  text: string;
  strategy?: string;
  strategyId?: number;
}

const norm = (text: string) => text.trim().split(/\s+/).filter(Boolean).join(' ');

function preprocess(conversation: Record<string, unknown>): { emotion: unknown; problem: unknown; situation: unknown; dialog: Utterance[] } {
  const dialog = (conversation.dialog as Array<{ speaker: string; annotation: Record<string, unknown>; content: string }>).map((u): Utterance => {
    const text = norm(u.content);
    if (u.speaker === 'seeker') return { speaker: 'usr', text };
    if (!('strategy' in u.annotation)) throw new Error(`a supporter message has no annotation.strategy: ${JSON.stringify(u)}`);
    const strategy = String(u.annotation.strategy);
    const strategyId = ADDED_TOKENS.indexOf(`[${strategy}]`);
    if (strategyId < 0) throw new Error(`"[${strategy}]" is not one of the eight strategy tokens`);
    return { speaker: 'sys', text, strategy, strategyId };
  });
  // The reference reads these three keys directly.
  for (const key of ['emotion_type', 'problem_type', 'situation']) if (!(key in conversation)) throw new Error(`missing ${key}`);
  return { emotion: conversation.emotion_type, problem: conversation.problem_type, situation: conversation.situation, dialog };
}

let server: FakeServer;
let kinds: Record<SessionKind, string>;
beforeAll(async () => {
  server = await startFakeOpenAI();
  kinds = await makeEverySessionKind(server, tempDir('pt-kinds-'));
});
afterAll(async () => {
  await server.close();
});

async function exportEsconv(paths: string[]): Promise<Array<Record<string, unknown>>> {
  const out = join(tempDir('pt-esconv-out-'), 'esconv.json');
  const cap = captureIo();
  expect(await runExportCommand([...paths, '--format', 'esconv', '--out', out], cap.io)).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Array<Record<string, unknown>>;
}

describe("ESConv export read by ESConv's reference preprocessing", () => {
  it.each(['agents', 'script', 'join-seeker', 'join-supporter', 'resumed', 'imported'] as const)('%s session: every supporter label is one of the eight tokens', async (kind) => {
    const session = readSession(kinds[kind]);
    const [conversation] = await exportEsconv([kinds[kind]]);
    if (kind === 'imported') {
      // An import gives back its own file's spellings ("Questions", "Other"), exactly as they came:
      // the reference code reads it as well as it read that file. Here, with the file's labels as tokens.
      const source = session.turns.flatMap((t) => (t.speaker === 'supporter' ? [t.sourceLabel] : []));
      expect(source).toEqual(['Questions', 'Reflection of feelings', 'Other', 'Restatement or Paraphrasing']);
      const dialog = (conversation!.dialog as Array<{ speaker: string; annotation: Record<string, unknown> }>).map((m) =>
        m.speaker === 'supporter' ? { ...m, annotation: { ...m.annotation, strategy: ESCONV_SPELLING[parseStrategy(String(m.annotation.strategy))!] } } : m,
      );
      expect(dialog.filter((m) => m.speaker === 'supporter').length).toBe(source.length);
      conversation!.dialog = dialog;
    }
    const processed = preprocess(conversation!);
    expect(processed.dialog).toHaveLength(session.turns.length);
    processed.dialog.forEach((u, i) => {
      const turn = session.turns[i]!;
      expect(u.speaker).toBe(turn.speaker === 'seeker' ? 'usr' : 'sys');
      expect(u.text).toBe(norm(turn.text));
      expect(u.text).not.toBe('');
    });
    expect(processed.dialog.some((u) => u.speaker === 'sys')).toBe(true);
    // Field conventions: experience_type one of the dataset's values or absent; survey scores numbers; context strings.
    if ('experience_type' in conversation!) expect(['Current Experience', 'Previous Experience']).toContain(conversation.experience_type);
    const survey = conversation!.survey_score as { seeker: Record<string, unknown>; supporter: Record<string, unknown> };
    for (const value of [...Object.values(survey.seeker), ...Object.values(survey.supporter)]) expect(typeof value).toBe('number');
    for (const key of ['emotion_type', 'problem_type', 'situation']) expect(typeof conversation![key]).toBe('string');
    for (const m of conversation!.dialog as Array<{ speaker: string; annotation: Record<string, unknown> }>) {
      if (m.speaker === 'seeker') expect(Object.keys(m.annotation).filter((k) => k !== 'feedback')).toEqual([]);
    }
  });

  it('maps every spelling the sessions hold onto the token ESConv spells', async () => {
    const all = await exportEsconv(Object.values(kinds).filter((path) => path !== kinds.imported));
    const labels = all.flatMap((c) => preprocess(c).dialog.flatMap((u) => (u.strategy ? [u.strategy] : [])));
    // The script said "Reflection of feelings", the joined supporter picked "Reflection of Feelings".
    expect(labels.filter((l) => l === 'Reflection of feelings').length).toBeGreaterThanOrEqual(2);
    const [imported] = await exportEsconv([kinds.imported]);
    expect(imported!.survey_score).toEqual({ seeker: { initial_emotion_intensity: 4, final_emotion_intensity: 2, empathy: 5, relevance: 4 }, supporter: { relevance: 5 } });
    expect(imported!.seeker_question1).toBe('Kind listener.');
    expect((imported!.dialog as Array<{ annotation: unknown }>)[2]!.annotation).toEqual({ feedback: '4' });
  });

  it('the check fails on a label outside the eight tokens, the display spelling included', () => {
    const conversation = { emotion_type: 'a', problem_type: 'b', situation: 'c', dialog: [{ speaker: 'supporter', annotation: { strategy: 'Reflection of Feelings' }, content: 'x' }] };
    expect(() => preprocess(conversation)).toThrow(/not one of the eight strategy tokens/);
    expect(() => preprocess({ ...conversation, dialog: [{ speaker: 'supporter', annotation: {}, content: 'x' }] })).toThrow(/no annotation.strategy/);
  });

  it('the resumed session holds the turns from before and after the crash, and a human-joined one its typed turns', () => {
    const resumed = readSession(kinds.resumed);
    expect(resumed.records.some((r) => r.type === 'resumed')).toBe(true);
    expect(resumed.turns.map((t) => t.index)).toEqual([...Array(8).keys()]);
    expect(readSession(kinds['join-seeker']).turns.filter((t) => t.by === 'human')).toHaveLength(2);
    expect(readSession(kinds['join-supporter']).turns.filter((t) => t.by === 'human').map((t) => t.strategy)).toEqual(['Question', 'Others', 'Reflection of Feelings']);
  });
});
