import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESSION_FORMAT_VERSION } from '../../../src/core/sessions/format.js';
import { STRATEGIES } from '../../../src/core/strategies.js';
import { BASELINE, makeHeader, SUPPORTER } from './fixtures.js';

/**
 * Writes `count` generated sessions of `turns` turns each, straight to disk in
 * the session format (the writer's fsync per file would make ten thousand take
 * minutes). Returns the total size in bytes.
 */
export function writeManySessions(dir: string, count: number, turns = 12): number {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const id = `2025-04-01T00-00-00Z_many_${String(n).padStart(6, '0')}`;
    const header = makeHeader({ id, seed: n % 50, condition: n % 2 ? 'aware' : 'blind', personas: { seeker: makeHeader().personas.seeker, supporter: n % 3 ? SUPPORTER : BASELINE } });
    const lines = [JSON.stringify(header)];
    for (let i = 0; i < turns; i++) {
      const supporter = i % 2 === 1;
      const turn = {
        index: i,
        speaker: supporter ? 'supporter' : 'seeker',
        text: `${supporter ? 'Supporter' : 'Seeker'} message ${i} of conversation ${n}: ${'a few words that make the turn as long as a real one '.repeat(3)}`,
        ...(supporter ? { strategy: STRATEGIES[(n + i) % STRATEGIES.length], labelSource: 'declared' } : {}),
        by: 'ai',
        startedAt: '2025-04-01T00:00:00.000Z',
        finishedAt: '2025-04-01T00:00:01.000Z',
      };
      lines.push(JSON.stringify({ type: 'turn', v: SESSION_FORMAT_VERSION, at: '2025-04-01T00:00:01.000Z', turn }));
    }
    lines.push(JSON.stringify({ type: 'ended', v: SESSION_FORMAT_VERSION, at: '2025-04-01T00:00:02.000Z', reason: 'turn-cap', turns }));
    const text = `${lines.join('\n')}\n`;
    writeFileSync(join(dir, `${id}.jsonl`), text);
    bytes += text.length;
  }
  return bytes;
}
