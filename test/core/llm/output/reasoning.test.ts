import { describe, expect, it } from 'vitest';
import { ReasoningSplitter, splitReasoning } from '../../../../src/core/llm/output/index.js';

/** Feeds `text` in pieces of `size` characters and collects what the splitter let through. */
function stream(text: string, size: number) {
  const splitter = new ReasoningSplitter();
  let visible = '';
  let retracted = false;
  let thinkingSeen = false;
  for (let i = 0; i < text.length; i += size) {
    const out = splitter.push(text.slice(i, i + size));
    if (out.retract) {
      visible = '';
      retracted = true;
    }
    visible += out.visible;
    thinkingSeen ||= splitter.thinking;
  }
  visible += splitter.finish().visible;
  return { visible, reasoning: splitter.reasoning, retracted, thinkingSeen, splitter };
}

describe('reasoning blocks', () => {
  it.each(['think', 'thinking', 'reasoning', 'THINK'])('<%s> … </%s> is split off, whatever the chunking', (tag) => {
    const reply = `<${tag}>The user wants a reply. Maybe {"draft": 1}. Seeker: no.</${tag}>\n\n{"message": "Hi."}`;
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const r = stream(reply, size);
      expect(r.visible.trim()).toBe('{"message": "Hi."}');
      expect(r.reasoning).toContain('The user wants a reply.');
      expect(r.thinkingSeen).toBe(true);
    }
  });

  it('a block left open at the end of the reply is all reasoning', () => {
    const r = stream('<think>I am still pondering whether to', 4);
    expect(r.visible).toBe('');
    expect(r.reasoning).toBe('I am still pondering whether to');
  });

  it('a closing tag with no opener (the template opened it) retracts what was shown', () => {
    const r = stream('Okay, the seeker should sound tired.\n</think>\nI barely slept again.', 3);
    expect(r.retracted).toBe(true);
    expect(r.visible.trim()).toBe('I barely slept again.');
    expect(r.reasoning).toContain('the seeker should sound tired');
    expect(r.splitter.source.orphanClose).toBe(true);
  });

  it('angle brackets that are not reasoning tags pass through, split or not', () => {
    for (const size of [1, 2, 50]) expect(stream('a <3 b <thinker> <b>x</b> <thin', size).visible).toBe('a <3 b <thinker> <b>x</b> <thin');
  });

  it('reasoning sent in a separate field is kept apart and marks the model as thinking until content comes', () => {
    const splitter = new ReasoningSplitter();
    splitter.pushReasoning('Let me think.');
    expect(splitter.thinking).toBe(true);
    splitter.push('Hello');
    expect(splitter.thinking).toBe(false);
    expect(splitter.source).toMatchObject({ field: true, tags: false });
    expect(splitReasoning('Hello', 'Let me think.')).toEqual({ text: 'Hello', reasoning: 'Let me think.' });
  });
});
