import { describe, expect, it } from 'vitest';
import { JUDGE_OUTPUT_SCHEMA } from '../../../src/core/prompts/judge.js';
import { parseJudgeAnswer } from '../../../src/core/traits/judge-schema.js';
import { CSI_KEYS, HEXACO_KEYS } from '../../../src/core/traits/dimensions.js';
import { judgeAnswer } from './judge-fixtures.js';

describe('parseJudgeAnswer', () => {
  it('accepts a complete answer and keeps every dimension', () => {
    const parsed = parseJudgeAnswer(judgeAnswer({ score: 4.2, confidence: 0.7 }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.estimate.hexaco)).toEqual([...HEXACO_KEYS]);
    expect(Object.keys(parsed.estimate.csi)).toEqual([...CSI_KEYS]);
    expect(parsed.estimate.hexaco.E).toEqual({ score: 4.2, confidence: 0.7 });
  });

  it('reads JSON wrapped in a code fence or prose', () => {
    expect(parseJudgeAnswer('Here you go:\n```json\n' + judgeAnswer() + '\n```').ok).toBe(true);
  });

  it('treats a null score as an abstention: the dimension is absent, not a number', () => {
    const parsed = parseJudgeAnswer(judgeAnswer({ edit: (a) => (a.hexaco.O = { score: null, confidence: 0 }) }));
    expect(parsed.ok && parsed.estimate.hexaco).toBeTruthy();
    if (!parsed.ok) return;
    expect('O' in parsed.estimate.hexaco).toBe(false);
    expect(Object.keys(parsed.estimate.hexaco)).toHaveLength(5);
  });

  it.each([
    ['not JSON', 'I think she is anxious, maybe a 4.', /not JSON/],
    ['score above 5', judgeAnswer({ edit: (a) => (a.hexaco.E = { score: 7, confidence: 0.9 }) }), /hexaco\.E\.score/],
    ['score below 1', judgeAnswer({ edit: (a) => (a.csi.preciseness = { score: 0, confidence: 0.9 }) }), /csi\.preciseness\.score/],
    ['confidence above 1', judgeAnswer({ edit: (a) => (a.hexaco.X = { score: 3, confidence: 80 }) }), /hexaco\.X\.confidence/],
    ['a score as text', judgeAnswer({ edit: (a) => (a.hexaco.H = { score: '4', confidence: 0.5 }) }), /hexaco\.H\.score/],
    ['a missing dimension', judgeAnswer({ edit: (a) => delete a.csi.emotionality }), /csi\.emotionality/],
    ['a missing group', JSON.stringify({ hexaco: JSON.parse(judgeAnswer()).hexaco }), /csi/],
  ])('rejects the whole answer for %s', (_name, text, problem) => {
    const parsed = parseJudgeAnswer(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatch(problem);
  });

  it('offers a strict-mode schema: every property required, no extras', () => {
    const schema = JUDGE_OUTPUT_SCHEMA.schema as { required: string[]; additionalProperties: boolean; properties: Record<string, { required?: string[]; properties?: Record<string, { required: string[] }> }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['observations', 'hexaco', 'csi']);
    expect(schema.properties.hexaco!.required).toEqual([...HEXACO_KEYS]);
    expect(schema.properties.csi!.properties!.questioningness!.required).toEqual(['score', 'confidence']);
  });
});
