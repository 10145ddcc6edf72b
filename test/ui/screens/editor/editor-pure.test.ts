import { describe, expect, it } from 'vitest';
import { cleanInput, draftFromPersona, draftToCandidate, slugify } from '../../../../src/ui/screens/editor/draft.js';
import { editorReducer, initialEditorState, type EditorAction, type EditorState } from '../../../../src/ui/screens/editor/editorState.js';
import { fieldsFor } from '../../../../src/ui/screens/editor/fields.js';
import { fieldWindow } from '../../../../src/ui/layout/scrollWindow.js';
import { valueWithCursor } from '../../../../src/ui/screens/editor/FieldRow.js';
import { checkDraft } from '../../../../src/ui/screens/editor/validate.js';
import { seekerPersona, supporterPersona } from '../../setup-helpers.js';

const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const focusOn = (state: EditorState, key: EditorState['focus']): EditorState => ({ ...state, focus: key });

describe('draft round trip', () => {
  it('a valid persona survives draft → candidate → schema unchanged', () => {
    for (const p of [seekerPersona(), supporterPersona(), { id: 'none', role: 'supporter' as const, name: 'None', baseline: true, description: 'x' }]) {
      const check = checkDraft(draftFromPersona(p), [], p.id);
      expect(check.errors).toEqual({});
      expect(check.persona).toEqual(p);
    }
  });
  it('an unscored persona keeps its flag through an edit that does not touch the traits', () => {
    const p = { ...seekerPersona(), unscored: true };
    const d = { ...draftFromPersona(p), name: 'Renamed' };
    expect(d.unscored).toBe(true);
    const check = checkDraft(d, [], p.id);
    expect(check.errors).toEqual({});
    expect(check.persona).toMatchObject({ name: 'Renamed', unscored: true });
  });
  it('leaves out empty optionals, a baseline\'s traits and a supporter\'s seeker context', () => {
    const d = { ...draftFromPersona(supporterPersona()), baseline: true, gender: '  ', situation: 'left over' };
    const c = draftToCandidate(d);
    expect(c).not.toHaveProperty('hexaco');
    expect(c).not.toHaveProperty('gender');
    expect(c).not.toHaveProperty('situation');
  });
});

describe('checkDraft', () => {
  it('names each bad field with the schema message', () => {
    const d = { ...draftFromPersona(seekerPersona()), id: 'Bad Id', name: '', situation: '' };
    const { errors, persona } = checkDraft(d, [], 'night-shift-nurse');
    expect(persona).toBeUndefined();
    expect(errors.id).toMatch(/lowercase/);
    expect(errors.name).toBe('must not be empty');
    expect(errors.situation).toBe('is required for a seeker');
  });
  it('flags an id taken by another persona, but not the persona\'s own', () => {
    const d = draftFromPersona(seekerPersona());
    expect(checkDraft(d, ['night-shift-nurse'], 'night-shift-nurse').idClash).toBe(false);
    const clash = checkDraft(d, ['night-shift-nurse']);
    expect(clash.idClash).toBe(true);
    expect(clash.persona).toBeUndefined();
  });
});

describe('slugify and cleanInput', () => {
  it('proposes a valid id from a name', () => {
    expect(slugify('  Zoë  O\'Brien-Smith! ')).toBe('zoe-o-brien-smith');
    expect(slugify('x'.repeat(100))).toHaveLength(63);
  });
  it('drops control characters and whole escape sequences from typed or pasted text', () => {
    expect(cleanInput('a\u001b[31mred\u001b[0m\tb\nc\u0007')).toBe('ared b c');
    expect(cleanInput('\u202eevil')).toBe('evil');
  });
});

describe('editorReducer', () => {
  const fresh = initialEditorState(draftFromPersona(), true, false);

  it('a new persona\'s id follows its name until the id is typed', () => {
    let s = run(fresh, { type: 'input', text: 'Ana Li' });
    expect(s.draft.id).toBe('ana-li');
    s = run(focusOn(s, 'id'), { type: 'input', text: 'x' });
    s = run(focusOn(s, 'name'), { type: 'input', text: 'u' });
    expect(s.draft.id).toBe('ana-lix');
  });
  it('trait sliders step by 0.5, clamp to 1–5 and take 1–5 from number keys', () => {
    let s = focusOn(fresh, 'hexaco.E');
    s = run(s, { type: 'adjust', delta: 1 });
    expect(s.draft.hexaco.E).toBe(3.5);
    s = run(s, ...Array.from({ length: 9 }, () => ({ type: 'adjust', delta: 1 }) as const));
    expect(s.draft.hexaco.E).toBe(5);
    s = run(s, { type: 'input', text: '2' }, { type: 'input', text: '9' });
    expect(s.draft.hexaco.E).toBe(2);
    s = run(focusOn(s, 'csi.emotionality'), { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 });
    expect(s.draft.csi.emotionality).toBe(1);
  });
  it('choices cycle, suggestions fill open fields, backspace unsets the intensity', () => {
    let s = run(focusOn(fresh, 'role'), { type: 'adjust', delta: -1 });
    expect(s.draft.role).toBe('either');
    s = run(focusOn(s, 'emotion_type'), { type: 'adjust', delta: -1 });
    expect(s.draft.emotion_type).toBe('pain');
    s = run(focusOn(s, 'initial_intensity'), { type: 'backspace' });
    expect(s.draft.initial_intensity).toBeUndefined();
  });
  it('moves focus through the visible fields only', () => {
    const supporter = initialEditorState({ ...draftFromPersona(supporterPersona()), baseline: true }, false, false);
    const keys = fieldsFor(supporter.draft, false).map((f) => f.key);
    expect(keys).not.toContain('hexaco.E');
    expect(keys).not.toContain('situation');
    expect(run(focusOn(supporter, 'description'), { type: 'move', delta: 1 }).focus).toBe('notes');
  });
  it('an edit after saving clears "saved", so the screen never claims unsaved edits were saved', () => {
    const saved = run(fresh, { type: 'status', status: { kind: 'saved', path: '/x.yaml' } });
    expect(run(saved, { type: 'input', text: 'a' }).status.kind).toBe('idle');
  });
  it('scores from the scorer are kept inside 1–5', () => {
    const s = run(fresh, { type: 'scored', hexaco: { H: 7, E: 0, X: 3.3, A: 3, C: 3, O: 3 }, csi: { ...fresh.draft.csi } });
    expect(s.draft.hexaco).toMatchObject({ H: 5, E: 1, X: 3.3 });
  });
});

describe('fieldWindow', () => {
  it('keeps the focus and fills the budget around it', () => {
    expect(fieldWindow([1, 1, 1, 1, 1], 2, 3)).toEqual({ start: 1, end: 4 });
    expect(fieldWindow([1, 1, 1, 1, 1], 0, 3)).toEqual({ start: 0, end: 3 });
    expect(fieldWindow([1, 3, 1, 1], 3, 3)).toEqual({ start: 2, end: 4 });
    expect(fieldWindow([5], 0, 2)).toEqual({ start: 0, end: 1 });
  });
});

describe('editing inside a text field', () => {
  const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);

  it('←/→ move a cursor in a plain text field; typing and backspace work at it', () => {
    const start = run(initialEditorState(draftFromPersona(), true, false), { type: 'input', text: 'Mia Quil' });
    expect(start.focus).toBe('name');
    const fixed = run(start, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 }, { type: 'input', text: 'l' });
    expect(fixed.draft.name).toBe('Mia Qluil'); // cursor three back from the end: after "Mia Q"
    const again = run(start, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 }, { type: 'backspace' }, { type: 'input', text: 'Q' });
    expect(again.draft.name).toBe('Mia Quil');
    // the id still follows the name for a new persona
    expect(fixed.draft.id).toBe('mia-qluil');
    // → back to the end clears the cursor (typing appends again)
    const end = run(fixed, { type: 'adjust', delta: 1 }, { type: 'adjust', delta: 1 }, { type: 'adjust', delta: 1 }, { type: 'adjust', delta: 1 });
    expect(end.cursor).toBeUndefined();
  });

  it('moving to another field puts the cursor back at the end', () => {
    const s = run(initialEditorState(draftFromPersona(), true, false), { type: 'input', text: 'ab' }, { type: 'adjust', delta: -1 });
    expect(s.cursor).toBe(1);
    expect(run(s, { type: 'move', delta: 1 }).cursor).toBeUndefined();
  });

  it('never splits an astral character', () => {
    const s = run(initialEditorState(draftFromPersona(), true, false), { type: 'input', text: 'a😀b' }, { type: 'adjust', delta: -1 }, { type: 'adjust', delta: -1 });
    expect(s.cursor).toBe(1);
    expect(run(s, { type: 'adjust', delta: 1 }, { type: 'backspace' }).draft.name).toBe('ab');
  });
});

describe('valueWithCursor', () => {
  it('draws the cursor in place and scrolls long values around it', () => {
    expect(valueWithCursor('hello', 2, 20)).toBe('he▏llo');
    const long = 'abcdefghijklmnopqrstuvwxyz';
    const shown = valueWithCursor(long, 13, 11);
    expect(shown).toContain('▏');
    expect([...shown].length).toBe(11);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.replace('▏', '')).toContain('klmno'.slice(0, 3));
  });
});
