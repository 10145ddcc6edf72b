import { describe, expect, it } from 'vitest';
import { StopText } from '../../../../src/core/llm/local/stop-text.js';

function run(stop: StopText, pieces: string[]) {
  let shown = '';
  let stopped = false;
  for (const piece of pieces) {
    const out = stop.push(piece);
    shown += out.emit;
    if (out.stopped) {
      stopped = true;
      break;
    }
  }
  if (!stopped) shown += stop.finish();
  return { shown, stopped };
}

describe('stop text', () => {
  it('stops at a marker split across pieces and never shows any of it', () => {
    const stop = new StopText(['<|im_end|>']);
    const seen: string[] = [];
    for (const piece of ['Hello', ' there<|im', '_en', 'd|>after']) {
      const out = stop.push(piece);
      seen.push(out.emit);
      if (out.stopped) break;
    }
    expect(seen.join('')).toBe('Hello there');
    expect(seen).toEqual(['Hello', ' there', '', '']);
  });

  it('releases held text that turned out not to be a marker', () => {
    expect(run(new StopText(['<|im_end|>']), ['a <|i', 'x b'])).toEqual({ shown: 'a <|ix b', stopped: false });
  });

  it('holds trailing whitespace and drops it at the end when asked to', () => {
    const stop = new StopText(['\n\n\n\n'], true);
    expect(stop.push('{"a": 1}\n').emit).toBe('{"a": 1}');
    expect(stop.push('  ').emit).toBe('');
    expect(stop.push('x').emit).toBe('\n  x');
    expect(run(new StopText(['\n\n\n\n'], true), ['{"a": 1}', '\n\n', '\n\n'])).toEqual({ shown: '{"a": 1}', stopped: true });
  });
});
