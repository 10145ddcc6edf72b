import { describe, expect, it } from 'vitest';
import {
  cutRoleBreak,
  detectRefusal,
  findJsonObject,
  hasKeys,
  languageMismatch,
  readStructuredReply,
  RefusalScreen,
  RoleBreakGuard,
  speakerLabels,
} from '../../../../src/core/llm/output/index.js';

describe('the first JSON object of the requested shape', () => {
  const message = { message: 'I cannot sleep {at all}.', end_conversation: false };
  it.each([
    ['bare', JSON.stringify(message)],
    ['prose around it', `Sure! Here is my reply: ${JSON.stringify(message)} Hope this helps.`],
    ['a fence', `\`\`\`json\n${JSON.stringify(message, null, 2)}\n\`\`\``],
    ['a brace-y plan before it', `Plan: {draft} then {"other": 1}\n${JSON.stringify(message)}`],
  ])('%s', (_name, text) => {
    expect(findJsonObject(text, hasKeys('message'))).toEqual(message);
  });

  it('nothing when no complete object parses', () => {
    expect(findJsonObject('{"message": "cut off')).toBeUndefined();
    expect(findJsonObject('no braces')).toBeUndefined();
  });

  it('a structured reply: reasoning first, then the shaped object, else any object', () => {
    const read = readStructuredReply('<think>{"strategy": "Question"}</think>{"reason": "x", "strategy": "Information"}', hasKeys('strategy', 'reason'));
    expect(read.json).toEqual({ reason: 'x', strategy: 'Information' });
    expect(read.text).not.toContain('think');
    expect(readStructuredReply('{"a": 1}', hasKeys('b')).json).toEqual({ a: 1 });
  });
});

describe('role breaks', () => {
  const supporter = speakerLabels('supporter', { seeker: 'Mina Haddad', supporter: 'Ana Sousa' });
  it.each([
    ['That sounds hard.\nSeeker: It is.\nSupporter: I know.', 'That sounds hard.', 'Seeker: It is.'],
    ['That sounds hard.\n**Mina:** It is.', 'That sounds hard.', '**Mina:** It is.'],
    ['That sounds hard.\nUser (sad): It is.', 'That sounds hard.', 'User (sad): It is.'],
    ['Supporter: That sounds hard.', 'That sounds hard.', undefined],
    ['Note: breathe.\nThat helps.', 'Note: breathe.\nThat helps.', undefined],
  ])('%j', (text, kept, cutAt) => {
    expect(cutRoleBreak(text, supporter)).toEqual({ text: kept, ...(cutAt ? { cutAt } : {}) });
  });

  it('streaming: the other side never reaches the screen, ordinary words are not held', () => {
    const reply = 'That sounds hard.\nSeeker: It is.\nSupporter: I know.';
    for (const size of [1, 3, 100]) {
      const guard = new RoleBreakGuard(supporter);
      let shown = '';
      for (let i = 0; i < reply.length; i += size) shown += guard.push(reply.slice(i, i + size));
      shown += guard.finish();
      expect(shown).toBe('That sounds hard.');
      expect(guard.cutAt).toMatch(/^Seeker:/);
    }
    const guard = new RoleBreakGuard(supporter);
    expect(guard.push('I hear')).toBe('I hear');
  });
});

describe('refusals', () => {
  it.each([
    "I'm sorry, but I can't role-play someone in emotional distress.",
    'I cannot pretend to be a person in crisis.',
    'I must respectfully decline to act as this character.',
    "I'm afraid I can't help with that request.",
    'This request goes against my guidelines.',
    'As an AI language model, I do not have feelings.',
    "I'm an AI and don't have problems of my own.",
    "I don't have personal feelings, but I'm happy to help you.",
    'It sounds like the user wants me to play a distressed person.',
    "I won't be able to continue this role-play.",
  ])('caught for either side: %s', (text) => {
    expect(detectRefusal(text, 'seeker')).toBeDefined();
    expect(detectRefusal(text, 'supporter')).toBeDefined();
  });

  it('a seeker advising the supporter to see a professional is out of persona; a supporter doing it is in role', () => {
    const text = 'I would recommend that you reach out to a mental health professional.';
    expect(detectRefusal(text, 'seeker')).toMatchObject({ kind: 'out-of-persona' });
    expect(detectRefusal(text, 'supporter')).toBeUndefined();
  });

  it.each([
    "I can't do this anymore. Everything is too much.",
    "I'm sorry, I just can't stop crying tonight.",
    'My therapist said I should talk to my sister.',
    'As an AI researcher I work long hours.',
    "I'm sorry if I'm rambling, I can't think straight.",
    'I keep pretending to be fine at work.',
  ])('in character, not a refusal: %s', (text) => {
    expect(detectRefusal(text, 'seeker')).toBeUndefined();
  });

  it('streaming: a refusal opening is held; an apology in character is released after its first sentence; others stream at once', () => {
    const held = new RefusalScreen('seeker');
    expect(held.push("I'm sorry, but I can't role-play")).toBe('');
    expect(held.push(' someone in distress. Please')).toBe('');
    expect(held.finish()).toContain('role-play');
    const sorry = new RefusalScreen('seeker');
    expect(sorry.push("I'm sorry, I")).toBe('');
    expect(sorry.push(' keep crying. And')).toBe("I'm sorry, I keep crying. And");
    const open = new RefusalScreen('seeker');
    expect(open.push('I')).toBe('');
    expect(open.push(' barely')).toBe('I barely');
    expect(open.push(' slept')).toBe(' slept');
  });
});

describe('another language', () => {
  const english = 'I keep thinking I should be handling this better than I am, and the nights are the worst.';
  it('names a clearly different language and leaves English alone', () => {
    expect(languageMismatch('Sigo pensando que debería manejar esto mejor de lo que lo hago.', english)).toEqual({ reply: expect.any(String), reference: 'eng' });
    expect(languageMismatch('我一直觉得我应该比现在处理得更好，晚上最难熬，我总是睡不着觉。', english)?.reference).toBe('eng');
    expect(languageMismatch('That sounds exhausting, and it makes sense you feel worn down.', english)).toBeUndefined();
    expect(languageMismatch('Ok.', english)).toBeUndefined();
  });

  it('identifies each reference once and keeps them apart (the reference language is cached per prompt)', () => {
    const spanish = 'Sigo pensando que debería manejar esto mejor de lo que lo hago, y las noches son lo peor de todo.';
    const reply = 'That sounds exhausting, and it makes sense you feel worn down.';
    for (let round = 0; round < 2; round++) {
      expect(languageMismatch(reply, spanish)).toEqual({ reply: expect.any(String), reference: 'spa' });
      expect(languageMismatch(reply, english)).toBeUndefined();
    }
  });
});
