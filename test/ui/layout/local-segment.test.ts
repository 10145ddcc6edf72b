import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/core/domain.js';
import { conversationReducer } from '../../../src/ui/conversation/reducer.js';
import { initialConversationState } from '../../../src/ui/conversation/state.js';
import { lastTurnRate, localModelSegment } from '../../../src/ui/layout/localSegment.js';
import { statusSegments } from '../../../src/ui/layout/statusSegments.js';
import { header } from '../scriptedConversation.js';

const LOCAL = { baseURL: 'local', model: 'qwen2.5-1.5b-instruct-q4_k_m.gguf' };

function turn(index: number, over: Partial<Turn>): Turn {
  return { index, speaker: index % 2 ? 'supporter' : 'seeker', text: 'x', by: 'ai', startedAt: '', finishedAt: '', ...over };
}

describe('the status line on the local model', () => {
  it('says "local · MODEL · N tok/s" from the last model-written turn', () => {
    let state = conversationReducer(initialConversationState(), { type: 'session-started', header: header({ turnCap: 20, models: { seeker: LOCAL, supporter: LOCAL } }) });
    expect(localModelSegment(state)).toBe('local · qwen2.5-1.5b-instruct-q4_k_m');
    state = conversationReducer(state, { type: 'turn-finished', turn: turn(0, { usage: { promptTokens: 900, completionTokens: 60 }, latencyMs: 2500 }) });
    expect(localModelSegment(state)).toBe('local · qwen2.5-1.5b-instruct-q4_k_m · 24 tok/s');
    expect(statusSegments(state, 200).map((s) => s.text)).toEqual(['● running', 'turn 1/20', '0 tok', '2.5s', 'local · qwen2.5-1.5b-instruct-q4_k_m · 24 tok/s']);
    // Narrow: it outlasts the latency.
    expect(statusSegments(state, 75).map((s) => s.text)).toEqual(['● running', 'turn 1/20', 'local · qwen2.5-1.5b-instruct-q4_k_m · 24 tok/s']);
  });

  it('skips human turns and turns without counts; slow models get a decimal', () => {
    const turns = [turn(0, { usage: { promptTokens: 1, completionTokens: 12 }, latencyMs: 4000 }), turn(1, { by: 'human' }), turn(2, { latencyMs: 10 })];
    expect(lastTurnRate(turns)).toBe(3);
    expect(localModelSegment({ header: header({ models: { seeker: LOCAL, supporter: LOCAL } }), turns })).toBe('local · qwen2.5-1.5b-instruct-q4_k_m · 3.0 tok/s');
    expect(lastTurnRate([])).toBeUndefined();
  });

  it('says nothing for a server: the models segment stays as it was', () => {
    const state = conversationReducer(initialConversationState(), { type: 'session-started', header: header() });
    expect(localModelSegment(state)).toBeUndefined();
    expect(statusSegments(state, 200).map((s) => s.text).at(-1)).toBe('seeker-model ↔ supporter-model');
  });
});
