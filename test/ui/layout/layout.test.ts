import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { applyComposerKey, composerWindow, insertText, sanitizeTyped } from '../../../src/ui/components/composerText.js';
import { countBarWidth } from '../../../src/ui/components/EndSummary.js';
import { conversationReducer } from '../../../src/ui/conversation/reducer.js';
import { initialConversationState } from '../../../src/ui/conversation/state.js';
import { liveLinesBudget } from '../../../src/ui/layout/screenBudget.js';
import { statusSegments } from '../../../src/ui/layout/statusSegments.js';
import { wrap } from '../../../src/core/text.js';
import { textTail } from '../../../src/ui/layout/textTail.js';

const wrapLines = (text: string, width: number) => wrap(text, width, { spaces: 'keep' });
import { COLOR_THEME, PLAIN_THEME, themeFor } from '../../../src/ui/theme.js';
import { header } from '../scriptedConversation.js';

// The trait meter panel's layout maths are tested in traitPanel-layout.test.ts.

describe('status line segments', () => {
  const running = conversationReducer(
    conversationReducer(initialConversationState(), { type: 'session-started', header: header({ turnCap: 20 }) }),
    { type: 'turn-started', index: 4, speaker: 'seeker', by: 'ai' },
  );

  it('shows state, turn n/N, tokens and models when there is room', () => {
    const text = statusSegments(running, 200).map((s) => s.text);
    expect(text).toEqual(['● running', 'turn 5/20', '0 tok', 'seeker-model ↔ supporter-model']);
  });

  it('drops the least important segments first to fit a narrow line', () => {
    const segs = statusSegments(running, 30).map((s) => s.text);
    expect(segs).toEqual(['● running', 'turn 5/20', '0 tok']);
    expect(statusSegments(running, 5).map((s) => s.text)).toEqual(['● running']);
  });
});

describe('text tail', () => {
  it('wraps on spaces and hard-breaks long words', () => {
    expect(wrapLines('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLines('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapLines('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
  });

  it('keeps the last lines and counts the hidden ones', () => {
    expect(textTail('l1\nl2\nl3\nl4', 10, 2)).toEqual({ text: 'l3\nl4', hiddenLines: 2 });
    expect(textTail('short', 10, 3)).toEqual({ text: 'short', hiddenLines: 0 });
  });

  it('budgets at least three live lines even on a tiny screen', () => {
    expect(liveLinesBudget({ rows: 10, traitPanel: true, otherRows: 8 })).toBe(3);
    expect(liveLinesBudget({ rows: 40, traitPanel: true, otherRows: 0 })).toBe(40 - 4 - 7);
  });
});

const key = (over: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false, ...over,
});

describe('composer text', () => {
  it('strips escape sequences and control characters, keeps newlines', () => {
    expect(sanitizeTyped('a\u001b[31mred\u001b[0m\r\nb\u0007\tc')).toBe('ared\nb  c');
    expect(sanitizeTyped('x\u001b]52;c;ZXZpbA==\u0007y')).toBe('xy');
  });

  it('caps inserted text and reports what was dropped', () => {
    expect(insertText('ab', 'cdef', 4)).toEqual({ value: 'abcd', cursor: 4, dropped: 2 });
    expect(insertText('abcd', 'e', 4)).toEqual({ value: 'abcd', cursor: 4, dropped: 1 });
    expect(insertText('ad', 'bc', 10, 1)).toEqual({ value: 'abcd', cursor: 3, dropped: 0 });
  });

  it('Enter submits non-empty text; Ctrl+J and Alt+Enter insert a newline; backspace removes a code point', () => {
    expect(applyComposerKey('hi', 2, '', key({ return: true }))).toEqual({ kind: 'submit' });
    expect(applyComposerKey('  ', 2, '', key({ return: true }))).toEqual({ kind: 'ignore' });
    expect(applyComposerKey('hi', 2, '\n', key())).toEqual({ kind: 'change', value: 'hi\n', cursor: 3, dropped: 0 });
    expect(applyComposerKey('hi', 2, '\r', key({ return: true, meta: true }))).toEqual({ kind: 'change', value: 'hi\n', cursor: 3, dropped: 0 });
    expect(applyComposerKey('a😀', 3, '', key({ backspace: true }))).toEqual({ kind: 'change', value: 'a', cursor: 1, dropped: 0 });
    expect(applyComposerKey('a', 1, '', key({ upArrow: true }))).toEqual({ kind: 'ignore' });
    expect(applyComposerKey('a', 1, 'bc\rd', key())).toEqual({ kind: 'change', value: 'abc\nd', cursor: 5, dropped: 0 });
  });

  it('moves the cursor by code point and line, and edits at the cursor', () => {
    expect(applyComposerKey('a😀b', 4, '', key({ leftArrow: true }))).toEqual({ kind: 'move', cursor: 3 });
    expect(applyComposerKey('a😀b', 3, '', key({ leftArrow: true }))).toEqual({ kind: 'move', cursor: 1 });
    expect(applyComposerKey('a😀b', 1, '', key({ rightArrow: true }))).toEqual({ kind: 'move', cursor: 3 });
    expect(applyComposerKey('ab\ncd', 4, '', key({ home: true }))).toEqual({ kind: 'move', cursor: 3 });
    expect(applyComposerKey('ab\ncd', 1, 'e', key({ ctrl: true }))).toEqual({ kind: 'move', cursor: 2 });
    expect(applyComposerKey('helo', 3, 'l', key())).toEqual({ kind: 'change', value: 'hello', cursor: 4, dropped: 0 });
    expect(applyComposerKey('hello', 1, '', key({ backspace: true }))).toEqual({ kind: 'change', value: 'ello', cursor: 0, dropped: 0 });
    expect(applyComposerKey('hello', 0, '', key({ backspace: true }))).toEqual({ kind: 'ignore' });
  });

  it('shows the window of lines that holds the cursor', () => {
    const text = 'one\ntwo\nthree\nfour';
    expect(composerWindow(text, text.length, 20, 2, wrapLines)).toEqual({ before: 'three\nfour', after: '', hiddenAbove: 2, hiddenBelow: 0 });
    expect(composerWindow(text, 1, 20, 2, wrapLines)).toEqual({ before: 'o', after: 'ne\ntwo', hiddenAbove: 0, hiddenBelow: 2 });
  });
});

describe('theme', () => {
  it('has no colours under NO_COLOR (non-empty), colours otherwise', () => {
    expect(themeFor({ NO_COLOR: '1' })).toBe(PLAIN_THEME);
    expect(themeFor({ NO_COLOR: '' })).toBe(COLOR_THEME);
    expect(themeFor({})).toBe(COLOR_THEME);
    expect(Object.values(PLAIN_THEME.strategy).every((c) => c === undefined)).toBe(true);
    expect(new Set(Object.values(COLOR_THEME.strategy)).size).toBe(8);
  });
});

describe('summary bars', () => {
  it('scales counts to the widest bar, never hiding a non-zero count', () => {
    expect(countBarWidth(10, 10, 20)).toBe(20);
    expect(countBarWidth(1, 100, 20)).toBe(1);
    expect(countBarWidth(0, 10, 20)).toBe(0);
  });
});
