import { describe, expect, it } from 'vitest';
import { NO_KEY, splitKeyPresses } from '../../../src/ui/input/keyPresses.js';
import { KeyRouter } from '../../../src/ui/input/keyRouter.js';
import { exitLines } from '../../../src/ui/main.js';

describe('key presses in one read', () => {
  it('splits a chunk into its keys, in order: Tab Tab, Enter then typing', () => {
    const tabs = splitKeyPresses('\t\t', NO_KEY);
    expect(tabs.map((p) => p.key.tab)).toEqual([true, true]);
    const typed = splitKeyPresses('\rhi', NO_KEY);
    expect(typed.map((p) => [p.input, p.key.return])).toEqual([
      ['\r', true],
      ['h', false],
      ['i', false],
    ]);
    expect(typed.map((p) => p.more)).toEqual([true, true, false]);
  });

  it('reads Escape quickly followed by a letter as Escape, then the letter (not Alt+letter)', () => {
    const presses = splitKeyPresses('q', { ...NO_KEY, meta: true });
    expect(presses).toHaveLength(2);
    expect(presses[0]!.key.escape).toBe(true);
    expect(presses[1]).toMatchObject({ input: 'q', more: false });
    expect(presses[1]!.key.meta).toBe(false);
  });

  it('passes a single key or a named key through as it is', () => {
    expect(splitKeyPresses('a', NO_KEY)).toEqual([{ input: 'a', key: NO_KEY, more: false }]);
    const pageUp = { ...NO_KEY, pageUp: true };
    expect(splitKeyPresses('', pageUp)).toEqual([{ input: '', key: pageUp, more: false }]);
  });
});

describe('what leaving the app prints', () => {
  const report = { session: { path: '/tmp/s/one.jsonl', summary: '6 turns · ended: the turn cap was reached' } };

  it('after full screen: the saved path and a one-line summary', () => {
    expect(exitLines(report, true)).toEqual(['Session saved to /tmp/s/one.jsonl', '  6 turns · ended: the turn cap was reached']);
  });

  it('inline: nothing (the summary is in the scrollback) unless Ctrl+C cut a conversation short', () => {
    expect(exitLines(report, false)).toEqual([]);
    expect(exitLines({ ...report, interrupted: true }, false)[0]).toBe('Session saved to /tmp/s/one.jsonl');
    expect(exitLines({}, true)).toEqual([]);
  });

  it('neutralises escape sequences in a path', () => {
    const [first] = exitLines({ session: { path: '/tmp/\u001b[2Jx.jsonl', summary: 's' } }, true);
    expect(first).not.toContain('\u001b');
  });
});

describe('the key router', () => {
  const key = (input: string) => ({ input, key: NO_KEY, more: false });

  it('holds the keys after a screen change until the new screen registers, then hands them over in order', () => {
    const router = new KeyRouter();
    const home: string[] = [];
    const next: string[] = [];
    router.register('home', {
      key: (p) => {
        home.push(p.input);
        if (p.input === '\r') router.expect('conversation'); // Enter opens another screen
      },
    });
    for (const ch of ['a', '\r', 'b', 'c']) router.push(key(ch));
    expect(home).toEqual(['a', '\r']);
    expect(router.waiting).toBe(2);
    router.paste('pasted');
    router.register('conversation', { key: (p) => next.push(p.input), paste: (t) => next.push(`paste:${t}`) });
    expect(next).toEqual(['b', 'c', 'paste:pasted']);
    expect(router.waiting).toBe(0);
  });

  it('lets the global handler take a key (Ctrl+C) even while keys wait for a screen', () => {
    const taken: string[] = [];
    const router = new KeyRouter((p) => (p.key.ctrl && p.input === 'c' ? (taken.push('quit'), true) : false));
    router.expect('nobody-yet');
    router.push(key('x'));
    router.push({ input: 'c', key: { ...NO_KEY, ctrl: true }, more: false });
    expect(taken).toEqual(['quit']);
    expect(router.waiting).toBe(1);
  });
});
