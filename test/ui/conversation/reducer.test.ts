import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/core/engine/events.js';
import type { ConversationAction } from '../../../src/ui/conversation/actions.js';
import { strategyCounts } from '../../../src/ui/conversation/derived.js';
import { conversationReducer } from '../../../src/ui/conversation/reducer.js';
import { initialConversationState, MAX_NOTICES, type ConversationState } from '../../../src/ui/conversation/state.js';
import { header, streamedTurn, turn } from '../scriptedConversation.js';

function run(actions: ConversationAction[], from: ConversationState = initialConversationState()): ConversationState {
  return actions.reduce(conversationReducer, from);
}

describe('conversationReducer', () => {
  it('takes the turn cap and session path from session-started and reports running', () => {
    const s = run([{ type: 'session-started', header: header({ turnCap: 12 }), path: '/tmp/s.jsonl' }]);
    expect(s.turnCap).toBe(12);
    expect(s.sessionPath).toBe('/tmp/s.jsonl');
    expect(s.status).toBe('running');
  });

  it('streams a supporter turn: strategy first, deltas appended, finished turn appended', () => {
    const t = turn(1, 'supporter', 'How long has this been going on?', { strategy: 'Question' });
    const mid = run([{ type: 'session-started', header: header() }, ...streamedTurn(t).slice(0, -1)]);
    expect(mid.live).toMatchObject({ index: 1, speaker: 'supporter', strategy: 'Question', text: t.text });
    expect(mid.turns).toHaveLength(0);
    const done = conversationReducer(mid, { type: 'turn-finished', turn: t });
    expect(done.live).toBeUndefined();
    expect(done.turns).toEqual([t]);
    expect(done.lastLatencyMs).toBe(1200);
  });

  it('keeps the finished-turns array identical while deltas stream (what the memoized <Static> relies on)', () => {
    let s = run([{ type: 'session-started', header: header() }, ...streamedTurn(turn(0, 'seeker', 'I cannot sleep.'))]);
    s = run([{ type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' }], s);
    const before = s.turns;
    s = run(
      [
        { type: 'text-delta', index: 1, speaker: 'supporter', text: 'That ' },
        { type: 'deltas', items: [{ index: 1, text: 'sounds ' }, { index: 1, text: 'hard.' }] },
        { type: 'usage', role: 'supporter', usage: { promptTokens: 10, completionTokens: 3 } },
      ],
      s,
    );
    expect(s.turns).toBe(before);
    expect(s.live?.text).toBe('That sounds hard.');
    const finished = conversationReducer(s, { type: 'turn-finished', turn: turn(1, 'supporter', 'That sounds hard.') });
    expect(finished.turns).not.toBe(before);
    expect(finished.turns).toHaveLength(2);
  });

  it('ignores deltas for a turn that is not live, and a reset clears the partial text with a notice', () => {
    let s = run([{ type: 'turn-started', index: 2, speaker: 'seeker', by: 'ai' }]);
    s = run([{ type: 'deltas', items: [{ index: 1, text: 'stale' }, { index: 2, text: 'fresh' }] }], s);
    expect(s.live?.text).toBe('fresh');
    s = run([{ type: 'turn-reset', index: 2, speaker: 'seeker', reason: 'stream cut' }], s);
    expect(s.live?.text).toBe('');
    expect(s.notices.at(-1)).toMatchObject({ level: 'warn', message: 'Turn 3 restarted: stream cut', kind: 'fault' });
  });

  it('derives status from pause, human turn and end, with the end reason kept', () => {
    let s = run([{ type: 'session-started', header: header() }, { type: 'pause-requested' }]);
    expect(s.pauseRequested).toBe(true);
    s = run([{ type: 'paused' }], s);
    expect(s.status).toBe('paused');
    expect(s.pauseRequested).toBe(false);
    s = run([{ type: 'resumed' }, { type: 'awaiting-human', index: 0, speaker: 'seeker' }], s);
    expect(s.status).toBe('awaiting-human');
    s = run([{ type: 'turn-finished', turn: turn(0, 'seeker', 'hi', { by: 'human' }) }], s);
    expect(s.status).toBe('running');
    s = run([{ type: 'ended', reason: 'turn-cap', turns: 1 }], s);
    expect(s.status).toBe('ended');
    expect(s.ended).toEqual({ reason: 'turn-cap', turns: 1 });
  });

  it('an error holds the conversation with its message until resumed', () => {
    let s = run([{ type: 'session-started', header: header() }, { type: 'error', message: 'server said 503', recoverable: true }]);
    expect(s.status).toBe('paused');
    expect(s.error).toEqual({ message: 'server said 503', recoverable: true });
    s = run([{ type: 'resumed' }], s);
    expect(s.error).toBeUndefined();
    expect(s.status).toBe('running');
  });

  it('sums usage per role', () => {
    const s = run([
      { type: 'usage', role: 'seeker', usage: { promptTokens: 5, completionTokens: 2 } },
      { type: 'usage', role: 'seeker', usage: { promptTokens: 7, completionTokens: 1 } },
      { type: 'usage', role: 'judge', usage: { promptTokens: 100, completionTokens: 20 } },
    ]);
    expect(s.usage.seeker).toEqual({ promptTokens: 12, completionTokens: 3 });
    expect(s.usage.supporter).toEqual({ promptTokens: 0, completionTokens: 0 });
    expect(s.usage.judge.completionTokens).toBe(20);
  });

  it('keeps only the last few notices', () => {
    const notices: EngineEvent[] = Array.from({ length: 5 }, (_, i) => ({ type: 'notice', level: 'info', message: `n${i}` }));
    const s = run(notices);
    expect(s.notices.map((n) => n.message)).toEqual(['n2', 'n3', 'n4'].slice(-MAX_NOTICES));
  });

  it('a steer stays until an AI supporter turn declares its strategy', () => {
    let s = run([{ type: 'open-picker', purpose: 'steer' }, { type: 'set-steer', strategy: 'Information' }]);
    expect(s.steer).toBe('Information');
    expect(s.ui.picker).toBeNull();
    s = run([{ type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' }], s);
    expect(s.steer).toBe('Information');
    s = run([{ type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' }, { type: 'strategy', index: 1, strategy: 'Information', labelSource: 'steered' }], s);
    expect(s.steer).toBeUndefined();
    expect(s.live?.labelSource).toBe('steered');
  });

  it('raises the help banner for a human seeker message, not for AI text watched', () => {
    const ai = run([{ type: 'turn-finished', turn: turn(0, 'seeker', 'Sometimes I think about suicide.') }]);
    expect(ai.crisis).toBeUndefined();
    const typed = run([{ type: 'human-submitted', speaker: 'seeker', text: 'I want to kill myself' }], initialConversationState({ mode: 'join-seeker' }));
    expect(typed.crisis).toBe('seeker-help');
    const logged = run([{ type: 'turn-finished', turn: turn(0, 'seeker', 'i keep thinking about self-harm', { by: 'human' }) }]);
    expect(logged.crisis).toBe('seeker-help');
    const calm = run([{ type: 'human-submitted', speaker: 'seeker', text: 'exams are killing me lol' }]);
    expect(calm.crisis).toBeUndefined();
  });

  it('raises the trainee banner when the AI seeker shows crisis language to a human supporter, and the help banner outranks it', () => {
    const trainee = initialConversationState({ mode: 'join-supporter' });
    const s = run([{ type: 'turn-finished', turn: turn(0, 'seeker', "honestly I don't see the point of going on anymore") }], trainee);
    expect(s.crisis).toBe('trainee-guidance');
    const calm = run([{ type: 'turn-finished', turn: turn(0, 'seeker', 'this deadline is killing me') }], trainee);
    expect(calm.crisis).toBeUndefined();
    // The session header's mode is the one that counts.
    const fromHeader = run([{ type: 'session-started', header: header({ mode: 'join-supporter' }) }, { type: 'turn-finished', turn: turn(0, 'seeker', 'I want to end my life') }]);
    expect(fromHeader.crisis).toBe('trainee-guidance');
    expect(run([{ type: 'human-submitted', speaker: 'seeker', text: 'I want to kill myself' }], s).crisis).toBe('seeker-help');
  });

  it('shows thinking time on the live turn until its words come, and a refusal as a notice', () => {
    let s = run([{ type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' }, { type: 'thinking', index: 0, speaker: 'seeker', elapsedMs: 2100 }]);
    expect(s.live?.thinkingMs).toBe(2100);
    s = run([{ type: 'thinking', index: 0, speaker: 'seeker', elapsedMs: 3000, done: true }], s);
    expect(s.live?.thinkingMs).toBeUndefined();
    s = run([{ type: 'refusal', index: 0, role: 'seeker', model: 'tiny', text: "I'm sorry, but I can't role-play that.", kind: 'refusal', reason: 'declined the role', attempt: 1, outcome: 'asked-again' }], s);
    expect(s.notices.at(-1)).toMatchObject({ level: 'warn', kind: 'refusal' });
    expect(s.notices.at(-1)?.message).toMatch(/seeker model \(tiny\) refused to play its persona .*asked again/);
  });

  it('clears retries and progress once a turn succeeds; a note stays for one more turn', () => {
    let s = run([
      { type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' },
      { type: 'notice', level: 'info', message: 'writing the whole dialogue in one call (script engine)…' },
      { type: 'notice', level: 'warn', message: 'seeker model: 503; retrying in 2.0 s (attempt 1 of 3)', retryInMs: 2000, receivedAt: 1_000 },
      { type: 'notice', level: 'warn', message: 'label read from free text' },
    ]);
    expect(s.notices.map((n) => n.kind)).toEqual(['progress', 'fault', 'note']);
    expect(s.notices[1]?.retryAt).toBe(3_000);
    s = run([{ type: 'turn-finished', turn: turn(0, 'seeker', 'hi') }], s);
    expect(s.notices.map((n) => n.message)).toEqual(['label read from free text']);
    s = run([{ type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' }, { type: 'turn-finished', turn: turn(1, 'supporter', 'hello', { strategy: 'Question' }) }], s);
    expect(s.notices).toEqual([]);
  });

  it('keeps a notice about the run (the judge cadence chosen for it) while turns come and go', () => {
    let s = run([
      { type: 'session-started', header: header() },
      { type: 'notice', level: 'info', message: "On the CPU the local model's trait judge runs every 4 turns", about: 'run' },
      { type: 'notice', level: 'info', message: 'loading…' },
    ]);
    expect(s.notices.map((n) => n.kind)).toEqual(['run', 'progress']);
    for (let i = 0; i < 4; i++) s = run([{ type: 'turn-started', index: i, speaker: i % 2 ? 'supporter' : 'seeker', by: 'ai' }, { type: 'turn-finished', turn: turn(i, i % 2 ? 'supporter' : 'seeker', 'hi', i % 2 ? { strategy: 'Question' } : {}) }], s);
    expect(s.notices.map((n) => n.message)).toEqual(["On the CPU the local model's trait judge runs every 4 turns"]);
  });

  it("leaves the agents' running summary out of the transcript", () => {
    const before = run([{ type: 'session-started', header: header() }, { type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' }, { type: 'turn-finished', turn: turn(0, 'seeker', 'hi') }]);
    const summary: EngineEvent = { type: 'summary', throughTurn: 0, text: 'The seeker said hi.' };
    expect(conversationReducer(before, summary)).toBe(before);
  });

  it('a human supporter who lets the classifier name the strategy: sent, classifying, then labelled, and no composer meanwhile', () => {
    let s = run([{ type: 'session-started', header: header({ mode: 'join-supporter' }) }, { type: 'turn-started', index: 1, speaker: 'supporter', by: 'human' }, { type: 'awaiting-human', index: 1, speaker: 'supporter' }]);
    expect(s.status).toBe('awaiting-human');
    s = run([{ type: 'human-submitted', speaker: 'supporter', text: 'What keeps you up?' }], s);
    expect(s.sent).toMatchObject({ index: 1, classifying: true });
    expect(s.status).toBe('running');
    s = run([{ type: 'strategy', index: 1, strategy: 'Question', labelSource: 'perceived' }], s);
    expect(s.sent).toMatchObject({ classifying: false, strategy: 'Question', labelSource: 'perceived' });
    s = run([{ type: 'turn-finished', turn: turn(1, 'supporter', 'What keeps you up?', { by: 'human', strategy: 'Question' }) }], s);
    expect(s.sent).toBeUndefined();
  });

  it('folds the judge\'s meter readings per speaker, only the dimensions it judged (history: meter-reducer.test.ts)', () => {
    const s = run([{ type: 'meter', speaker: 'seeker', afterTurn: 3, hexaco: { E: { score: 3.5, confidence: 0.8 } }, csi: { emotionality: { score: 4, confidence: 0.4 } } }]);
    expect(s.measured.seeker).toEqual({
      afterTurn: 3,
      hexaco: { E: { current: { value: 3.5, confidence: 0.8, samples: 1 }, trajectory: [3.5] } },
      csi: { emotionality: { current: { value: 4, confidence: 0.4, samples: 1 }, trajectory: [4] } },
    });
    expect(s.measured.supporter).toBeUndefined();
  });

  it('keeps perceived labels by turn index without touching the finished turns', () => {
    const s0 = run([{ type: 'turn-finished', turn: turn(1, 'supporter', 'x', { strategy: 'Question' }) }]);
    const s = run([{ type: 'perceived', index: 1, strategy: 'Information', declared: 'Question', agrees: false }], s0);
    expect(s.perceived[1]).toEqual({ index: 1, strategy: 'Information', declared: 'Question', agrees: false });
    expect(s.turns).toBe(s0.turns);
  });

  it('toggles UI state and clears the composer on submit and overlays on end', () => {
    let s = run([{ type: 'toggle-help' }, { type: 'toggle-trait-view' }, { type: 'toggle-trait-panel' }, { type: 'set-composer', text: 'hello' }]);
    expect(s.ui).toMatchObject({ help: true, traitView: 'csi', traitPanel: false, composer: 'hello' });
    s = run([{ type: 'human-submitted', speaker: 'seeker', text: 'hello' }], s);
    expect(s.ui.composer).toBe('');
    s = run([{ type: 'open-picker', purpose: 'steer' }, { type: 'confirm-stop', open: true }, { type: 'ended', reason: 'stopped', turns: 0 }], s);
    expect(s.ui.picker).toBeNull();
    expect(s.ui.confirmStop).toBe(false);
    expect(run([{ type: 'confirm-stop', open: true }], s).ui.confirmStop).toBe(false);
  });
});

describe('strategyCounts', () => {
  it('counts supporter strategies in canonical order, zeros included', () => {
    const counts = strategyCounts([
      turn(0, 'seeker', 'a'),
      turn(1, 'supporter', 'b', { strategy: 'Question' }),
      turn(3, 'supporter', 'c', { strategy: 'Others' }),
      turn(5, 'supporter', 'd', { strategy: 'Question' }),
    ]);
    expect(counts).toHaveLength(8);
    expect(counts[0]).toEqual({ strategy: 'Question', count: 2 });
    expect(counts.find((c) => c.strategy === 'Others')?.count).toBe(1);
    expect(counts.find((c) => c.strategy === 'Information')?.count).toBe(0);
  });
});
