import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { binding, fitFooter, footer, footerItems, helpRows, isKey, KEY_BINDINGS, keysMarkdown, pressed, type Binding, type KeyContext } from '../../src/ui/keys.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the key table', () => {
  it('is the README key list, word for word', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- keys:start[^>]*-->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
    expect(block, 'README.md has no <!-- keys:start … keys:end --> block').toBeDefined();
    expect(block).toBe(keysMarkdown());
  });

  it('drives every input handler: no screen reads a key except through it', () => {
    // A key read straight off Ink's Key or the input string, outside the table.
    const direct = /\bkey\.(return|escape|tab|upArrow|downArrow|leftArrow|rightArrow|pageUp|pageDown|home|end|backspace|delete|ctrl|meta|shift)\b|\binput === ['"`]/;
    const offenders = filesUnder(join(ROOT, 'src', 'ui'))
      // keys.ts is the table; input/keyPresses.ts turns a terminal read into the key presses the table is asked about.
      .filter((file) => !file.endsWith(join('ui', 'keys.ts')) && !file.endsWith(join('ui', 'input', 'keyPresses.ts')))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (direct.test(line) ? [`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`] : [])));
    expect(offenders).toEqual([]);
  });

  it('gives no key two meanings in one place', () => {
    for (const [context, commands] of Object.entries(KEY_BINDINGS) as [string, Record<string, Binding>][]) {
      const owner = new Map<string, string>();
      for (const [command, entry] of Object.entries(commands)) {
        for (const key of entry.keys) {
          expect(owner.get(key), `${context}: "${key}" is both ${owner.get(key)} and ${command}`).toBeUndefined();
          owner.set(key, command);
        }
      }
    }
  });

  it('names every key a person can press in the help or a footer', () => {
    for (const [context, commands] of Object.entries(KEY_BINDINGS) as [string, Record<string, Binding>][]) {
      for (const [command, entry] of Object.entries(commands)) {
        // Backspace deletes a character: the one key too ordinary to list.
        if (entry.keys.length === 0 || command === 'erase') continue;
        expect(entry.help ?? entry.hint, `${context}.${command} is neither in a help overlay nor in a footer`).toBeDefined();
      }
    }
  });

  it('matches key presses the way Ink reports them', () => {
    expect(pressed('conversation', 'pause', ' ', NO_KEY)).toBe('space');
    expect(pressed('conversation', 'stop', '', { ...NO_KEY, escape: true })).toBe('escape');
    expect(pressed('home', 'move', '', { ...NO_KEY, tab: true, shift: true })).toBe('shift+tab');
    expect(pressed('home', 'settings', 'S', { ...NO_KEY, shift: true })).toBe('S');
    expect(pressed('settings', 'save', 's', { ...NO_KEY, ctrl: true })).toBe('ctrl+s');
    // Ctrl+S is not s: a Ctrl key never counts as the letter alone.
    expect(pressed('home', 'settings', 's', { ...NO_KEY, ctrl: true })).toBeUndefined();
    expect(pressed('composer', 'newLine', '\n', NO_KEY)).toBe('ctrl+j');
    expect(pressed('composer', 'newLine', '', { ...NO_KEY, return: true, meta: true })).toBe('alt+enter');
    expect(isKey('backspace', '', { ...NO_KEY, delete: true })).toBe(true);
  });

  it('writes the footers and help from the same entries', () => {
    expect(footer('conversation')).toBe('space pause · n step · s steer · t HEXACO/CSI · m traits · ! details · d check model · ? help · q stop · f fork');
    expect(footer('replay')).toBe('space pause · n/→ next turn · 1 2 4 0 speed · m traits · ! details · ? help · q stop');
    expect(helpRows('conversation').map((row) => row.keys)).toEqual(['space / p', 'n', 's', 't', 'm', 'w', '! / Enter', 'd', '?', 'q / Esc', 'f']);
    expect(binding('composer', 'newLine').keys).toContain('ctrl+j');
  });
});

describe('footers', () => {
  const contexts = Object.keys(KEY_BINDINGS) as KeyContext[];

  it.each([60, 80, 100])('every footer fits %i columns and keeps the help key when it leaves keys out', (width) => {
    for (const context of contexts) {
      const line = footer(context, undefined, width);
      expect(Array.from(line).length, `${context} at ${width}: ${line}`).toBeLessThanOrEqual(width);
      const all = footer(context);
      if (line !== all && 'help' in KEY_BINDINGS[context]) expect(line, context).toMatch(/\? help$/);
    }
  });

  it('keeps the most important keys first and says ? help for the rest', () => {
    const items = footerItems('conversation', ['pause', 'step', 'steer', 'stop', 'traitView', 'traitPanel', 'help']);
    expect(fitFooter(items, 200)).toBe('space pause · n step · s steer · q stop · t HEXACO/CSI · m traits · ? help');
    const narrow = fitFooter(items, 40, { keys: '?', hint: 'help' });
    expect(narrow).toBe('space pause · n step · s steer · ? help');
    expect(fitFooter([{ keys: 'x', hint: 'a very long explanation' }], 10)).toBe('x a very …');
  });
});
