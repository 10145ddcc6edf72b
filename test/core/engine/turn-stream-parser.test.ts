import { describe, expect, it } from 'vitest';
import { TurnStreamParser, type ParserOptions } from '../../../src/core/engine/turn-stream-parser.js';

/** Feed text in pieces of `size` characters and collect everything the parser emits. */
function feed(text: string, size: number, options: ParserOptions = { textField: 'response', plainLabelPrefix: true }) {
  const p = new TurnStreamParser(options);
  const deltas: string[] = [];
  const fieldOrder: string[] = [];
  let fields: Record<string, unknown> = {};
  let textBeforeLabel = '';
  for (let i = 0; i < text.length; i += size) {
    const out = p.push(text.slice(i, i + size));
    if (out.text) deltas.push(out.text);
    for (const k of Object.keys(out.fields)) fieldOrder.push(k);
    fields = { ...fields, ...out.fields };
    // The engine reads a chunk's fields before its text, so text in the same chunk as the label is after it.
    if (!('strategy' in fields) && !('label' in fields)) textBeforeLabel += out.text;
  }
  const last = p.finish();
  if (last.text) deltas.push(last.text);
  fields = { ...fields, ...last.fields };
  return { text: deltas.join(''), deltas, fields, fieldOrder, textBeforeLabel, parser: p };
}

describe('TurnStreamParser', () => {
  const json = JSON.stringify({ strategy: 'Question', response: 'How long has "this" been\nweighing on you? \u00e9\u{1F600}' });

  it.each([1, 2, 3, 7, 1000])('decodes a JSON reply split into %i-character chunks', (size) => {
    const r = feed(json, size);
    expect(r.fields.strategy).toBe('Question');
    expect(r.text).toBe('How long has "this" been\nweighing on you? \u00e9\u{1F600}');
    expect(r.textBeforeLabel).toBe('');
    expect(r.parser.isJson).toBe(true);
  });

  it('streams the text field incrementally, not at the end', () => {
    const r = feed(json, 4);
    expect(r.deltas.length).toBeGreaterThan(5);
  });

  it('decodes \\u escapes split across chunks', () => {
    const r = feed('{"strategy":"Others","response":"caf\\u00e9 ok"}', 1);
    expect(r.text).toBe('café ok');
  });

  it('reads booleans and numbers and skips nested values', () => {
    const r = feed('{"message":"bye now","extra":{"a":[1,"}"]},"end_conversation":true}', 3, { textField: 'message', plainLabelPrefix: false });
    expect(r.text).toBe('bye now');
    expect(r.fields.end_conversation).toBe(true);
    expect(r.fields.extra).toEqual({ a: [1, '}'] });
  });

  it('reads a ```json fenced reply', () => {
    const r = feed('```json\n{"strategy":"Information","response":"Sleep hygiene helps."}\n```', 5);
    expect(r.fields.strategy).toBe('Information');
    expect(r.text).toBe('Sleep hygiene helps.');
  });

  it('takes a "Strategy: X" first line as the label in plain text', () => {
    const r = feed('Strategy: Providing Suggestions\nMaybe try a short walk after dinner.', 4);
    expect(r.fields.label).toBe('Providing Suggestions');
    expect(r.text).toBe('Maybe try a short walk after dinner.');
  });

  it('takes a "[X]" prefix as the label in plain text', () => {
    const r = feed('[Reflection of Feelings] You sound really let down.', 2);
    expect(r.fields.label).toBe('Reflection of Feelings');
    expect(r.text).toBe('You sound really let down.');
  });

  it('passes plain text without a label through untouched', () => {
    const r = feed('That sounds hard. What happened next?', 3);
    expect(r.fields.label).toBeUndefined();
    expect(r.text).toBe('That sounds hard. What happened next?');
  });

  it('keeps a bracketed aside that is not a label as text', () => {
    const r = feed('[sigh] That is a lot to carry.', 2, { textField: 'response', plainLabelPrefix: true, acceptLabel: (s: string) => s !== 'sigh' });
    expect(r.fields.label).toBeUndefined();
    expect(r.text).toBe('[sigh] That is a lot to carry.');
  });

  it('does not treat the seeker text as a label when the prefix option is off', () => {
    const r = feed('[sigh] I just cannot sleep.', 3, { textField: 'message', plainLabelPrefix: false });
    expect(r.text).toBe('[sigh] I just cannot sleep.');
  });
});
