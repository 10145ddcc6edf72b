import { describe, expect, it } from 'vitest';
import type { QualityResult } from '../../../src/core/domain.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { eventFor, type SessionEvent } from '../../../src/core/sessions/records.js';
import { makeHeader, tempDir } from './fixtures.js';

const RATING: QualityResult = {
  empathy: 4,
  relevance: 5,
  initialIntensity: 4,
  finalIntensity: 2,
  model: { baseURL: 'http://127.0.0.1:1/v1', model: 'judge' },
  prompt: 'quality@1',
};

describe('what an experiment adds to a session log', () => {
  it('the header keeps the arm and the experiment; a quality rating after the end comes back as it went in', () => {
    const header = {
      ...makeHeader(),
      arm: { name: 'without-persona', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: false },
      experiment: { id: 'study-1234abcd', conversation: 'c1', rep: 2, model: 'small' },
    };
    const recorder = SessionRecorder.create(tempDir(), header.id);
    const events: SessionEvent[] = [
      { type: 'session-started', header, path: recorder.path },
      { type: 'ended', reason: 'turn-cap', turns: 0 },
      { type: 'quality', ...RATING },
    ];
    for (const event of events) recorder.record(event);
    recorder.close();
    const session = readSession(recorder.path);
    expect(session.header.arm).toEqual(header.arm);
    expect(session.header.experiment).toEqual(header.experiment);
    expect(session.records.map((r) => r.type)).toEqual(['header', 'ended', 'quality']);
    expect(session.records.map((r) => eventFor(r, session.header, recorder.path))).toEqual(events);
  });
});
