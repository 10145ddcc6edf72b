import { describe, expect, it } from 'vitest';
import { groupStats } from '../../../src/core/analysis/report.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { tempDir, writeSession } from '../sessions/fixtures.js';

/** A classification that failed has no label: it is neither agreement nor disagreement. */
describe('a failed classification in the figures', () => {
  it('is left out of agreement and kappa, and its note is kept in the session', () => {
    const path = writeSession(tempDir(), {
      turns: [
        ['seeker', 'I failed the exam.'],
        ['supporter', 'What happened?', 'Question'],
        ['seeker', 'I froze.'],
        ['supporter', 'That sounds frightening.', 'Reflection of Feelings'],
      ],
      extra: [
        { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true },
        { type: 'perceived', index: 3, declared: 'Reflection of Feelings', agrees: false, failed: true, note: 'the classifier\'s label "{{" is not one of the eight; no label recorded' },
      ],
    });
    const session = readSession(path);
    expect(session.problems).toEqual([]);
    expect(session.records.find((r) => r.type === 'perceived' && r.index === 3)).toMatchObject({ failed: true, note: expect.stringContaining('no label recorded') });
    const stats = groupStats('all', 'all', [session]);
    expect(stats.agreement).toMatchObject({ n: 1, observed: 1 });
  });
});
