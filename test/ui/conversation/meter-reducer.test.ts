import { describe, expect, it } from 'vitest';
import { conversationReducer } from '../../../src/ui/conversation/reducer.js';
import { initialConversationState, type ConversationState } from '../../../src/ui/conversation/state.js';
import type { ConversationAction } from '../../../src/ui/conversation/actions.js';

const run = (actions: ConversationAction[], from: ConversationState = initialConversationState()) => actions.reduce(conversationReducer, from);

describe('conversation reducer — trait meter', () => {
  it('keeps each dimension\'s history per speaker, reading by reading', () => {
    const s = run([
      { type: 'meter', speaker: 'seeker', afterTurn: 1, hexaco: { E: { score: 4, confidence: 1 } }, csi: {} },
      { type: 'meter', speaker: 'supporter', afterTurn: 1, hexaco: { A: { score: 5, confidence: 1 } }, csi: {} },
      { type: 'meter', speaker: 'seeker', afterTurn: 3, hexaco: { E: { score: 2, confidence: 1 }, X: { score: 3, confidence: 1 } }, csi: { emotionality: { score: 5, confidence: 1 } } },
    ]);
    // α = 0.5 with equal confidences: halfway each time.
    expect(s.measured.seeker?.hexaco.E?.trajectory).toEqual([4, 3]);
    expect(s.measured.seeker?.hexaco.X?.trajectory).toEqual([3]);
    expect(s.measured.seeker?.csi.emotionality?.trajectory).toEqual([5]);
    expect(s.measured.seeker?.afterTurn).toBe(3);
    expect(s.measured.supporter?.hexaco.A?.trajectory).toEqual([5]);
    expect(s.measured.supporter?.hexaco.E).toBeUndefined();
  });

  it('a dimension the judge skipped keeps its value; a late (older) reading changes nothing', () => {
    const s1 = run([
      { type: 'meter', speaker: 'seeker', afterTurn: 3, hexaco: { E: { score: 4, confidence: 1 } }, csi: {} },
      { type: 'meter', speaker: 'seeker', afterTurn: 5, hexaco: { X: { score: 2, confidence: 1 } }, csi: {} },
    ]);
    expect(s1.measured.seeker?.hexaco.E?.trajectory).toEqual([4]);
    const late = run([{ type: 'meter', speaker: 'seeker', afterTurn: 1, hexaco: { E: { score: 1, confidence: 1 } }, csi: {} }], s1);
    expect(late).toBe(s1);
  });

  it('caps the trajectory at the last 8 smoothed values', () => {
    const actions: ConversationAction[] = Array.from({ length: 12 }, (_, i) => ({ type: 'meter', speaker: 'seeker', afterTurn: i, hexaco: { O: { score: 1 + (i % 5), confidence: 0.9 } }, csi: {} }));
    const s = run(actions);
    expect(s.measured.seeker?.hexaco.O?.trajectory).toHaveLength(8);
    expect(s.measured.seeker?.hexaco.O?.current.samples).toBe(12);
  });

  it('leaves the measured object untouched by streamed text, so the memoized panel does not re-render per token', () => {
    const s0 = run([
      { type: 'meter', speaker: 'seeker', afterTurn: 0, hexaco: { E: { score: 4, confidence: 1 } }, csi: {} },
      { type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' },
    ]);
    const s1 = run([{ type: 'text-delta', index: 1, speaker: 'supporter', text: 'Hello' }, { type: 'deltas', items: [{ index: 1, text: ' there' }] }, { type: 'toggle-trait-view' }], s0);
    expect(s1.live?.text).toBe('Hello there');
    expect(s1.measured).toBe(s0.measured);
  });
});
