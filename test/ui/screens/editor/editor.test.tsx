import { afterEach, describe, expect, it } from 'vitest';
import { EditorScreen } from '../../../../src/ui/screens/editor/EditorScreen.js';
import { PersonaSchema, type Persona } from '../../../../src/core/personas/schema.js';
import type { Csi, Hexaco } from '../../../../src/core/traits/dimensions.js';
import { FORM_KEYS, KEYS, pressKeys, renderAtSize, type Rendered, typeText, waitForFrame, widestLine, withKeys } from '../../helpers.js';
import { seekerPersona, supporterPersona } from '../../setup-helpers.js';

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

interface Opts {
  persona?: Persona;
  source?: 'bundled' | 'user';
  existingIds?: string[];
  size?: { columns: number; rows: number };
  saveResult?: (p: Persona) => Promise<string>;
  onScore?: (description: string) => Promise<{ hexaco: Hexaco; csi: Csi }>;
}

function editor(opts: Opts = {}) {
  const saved: Persona[] = [];
  let cancelled = 0;
  const r = renderAtSize(
    withKeys(<EditorScreen
      persona={opts.persona}
      source={opts.source}
      existingIds={opts.existingIds ?? ['night-shift-nurse', 'retired-teacher']}
      saveDir="/home/u/.config/persona-talks/personas"
      onSave={async (p) => {
        saved.push(p);
        return opts.saveResult ? opts.saveResult(p) : `/home/u/.config/persona-talks/personas/${p.id}.yaml`;
      }}
      onCancel={() => cancelled++}
      onScore={opts.onScore}
    />),
    (opts.size ?? { columns: 100, rows: 40 }).columns,
    (opts.size ?? { columns: 100, rows: 40 }).rows,
  );
  rendered.push(r);
  return { r, saved, cancelled: () => cancelled };
}

describe.each([
  { columns: 100, rows: 40 },
  { columns: 60, rows: 20 },
])('EditorScreen at $columns×$rows', (size) => {
  it('an emptied name shows an inline message and blocks saving', async () => {
    const { r, saved } = editor({ persona: seekerPersona(), source: 'user', size });
    await waitForFrame(r, (f) => f.includes('Ines Morales'));
    for (let i = 0; i < 'Ines Morales'.length; i++) await pressKeys(r, KEYS.backspace);
    const marked = await waitForFrame(r, (f) => f.includes('✗ must not be empty'));
    expect(marked).toContain('1 to fix before saving');
    await pressKeys(r, FORM_KEYS.ctrlS);
    const refused = await waitForFrame(r, (f) => f.includes('Not saved: 1 field needs attention'));
    expect(saved).toEqual([]);
    expect(widestLine(refused)).toBeLessThanOrEqual(size.columns);
    expect(refused.split('\n').length).toBeLessThanOrEqual(size.rows);
  });

  it('a valid edit is saved and the path is shown', async () => {
    const { r, saved } = editor({ persona: seekerPersona(), source: 'bundled', size });
    await waitForFrame(r, (f) => f.includes('read-only'));
    await typeText(r, ' Ruiz');
    await pressKeys(r, FORM_KEYS.ctrlS);
    const frame = await waitForFrame(r, (f) => f.includes('Saved to'));
    // At 60 columns the path wraps onto its own lines; compare without the line breaks.
    expect(frame.replace(/\s+/g, '')).toContain('Savedto/home/u/.config/persona-talks/personas/night-shift-nurse.yaml');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('Ines Morales Ruiz');
    expect(PersonaSchema.safeParse(saved[0]).success).toBe(true);
  });
});

describe('EditorScreen', () => {
  it('a new persona whose id exists gets a clash warning and is not saved', async () => {
    const { r, saved } = editor();
    await waitForFrame(r, (f) => f.includes('New persona'));
    await typeText(r, 'Night Shift Nurse'); // the id follows the name: night-shift-nurse
    const frame = await waitForFrame(r, (f) => f.includes('already used by another persona'));
    expect(frame).toContain('night-shift-nurse');
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Not saved'));
    expect(saved).toEqual([]);
  });

  it('editing a persona under its own id is not a clash', async () => {
    const { r } = editor({ persona: supporterPersona() });
    const frame = await waitForFrame(r, (f) => f.includes('Ready to save'));
    expect(frame).not.toContain('already used');
  });

  it('trait sliders move by 0.5 with arrows and jump with number keys', async () => {
    const { r, saved } = editor({ persona: supporterPersona() });
    await waitForFrame(r, (f) => f.includes('Walter Okafor'));
    // name, id, role, baseline, age band, gender, occupation, description → H
    for (let i = 0; i < 8; i++) await pressKeys(r, KEYS.down);
    await waitForFrame(r, (f) => /▸ H Honesty-Humility\s+◂ \S+ 4\.5 ▸/.test(f));
    await pressKeys(r, KEYS.left, KEYS.left, KEYS.left);
    await waitForFrame(r, (f) => /H Honesty-Humility\s+◂ ████░░░░ 3 ▸/.test(f));
    await pressKeys(r, KEYS.down, '1');
    await waitForFrame(r, (f) => /E Emotionality\s+◂ ░░░░░░░░ 1 ▸/.test(f));
    await pressKeys(r, KEYS.right, KEYS.right, KEYS.right, KEYS.right, KEYS.right, KEYS.right, KEYS.right, KEYS.right, KEYS.right);
    await waitForFrame(r, (f) => /E Emotionality\s+◂ ████████ 5 ▸/.test(f));
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Saved to'));
    expect(saved[0]!.hexaco).toMatchObject({ H: 3, E: 5 });
  });

  it('creates a new seeker from scratch with every required field', async () => {
    const { r, saved } = editor();
    await waitForFrame(r, (f) => f.includes('New persona'));
    await typeText(r, 'Lena Park');
    await pressKeys(r, KEYS.down, KEYS.down, KEYS.down); // id, role, age band
    await pressKeys(r, KEYS.right, KEYS.right); // 18-24
    await pressKeys(r, KEYS.down, KEYS.down, KEYS.down); // gender, occupation, description
    await typeText(r, 'Quiet first-year student.');
    await pressKeys(r, KEYS.down, KEYS.right); // emotion type: first suggestion
    await pressKeys(r, KEYS.down, KEYS.right); // problem type: first suggestion
    await pressKeys(r, KEYS.down);
    await typeText(r, 'Moved to a new city and knows nobody.');
    await waitForFrame(r, (f) => f.includes('Ready to save'));
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Saved to'));
    expect(saved[0]).toMatchObject({
      id: 'lena-park',
      role: 'seeker',
      age_band: '18-24',
      emotion_type: 'anxiety',
      problem_type: 'ongoing depression',
      situation: 'Moved to a new city and knows nobody.',
      initial_intensity: 3,
    });
  });

  it('a failing save says why and keeps the edits', async () => {
    const { r } = editor({ persona: supporterPersona(), saveResult: async () => Promise.reject(new Error('EACCES: permission denied')) });
    await waitForFrame(r, (f) => f.includes('Ready to save'));
    await pressKeys(r, FORM_KEYS.ctrlS);
    const frame = await waitForFrame(r, (f) => f.includes('Could not save'));
    expect(frame).toContain('EACCES');
    expect(frame).toContain('Walter Okafor');
  });

  it('shows the scorer only when provided and fills the traits from it', async () => {
    const plain = editor({ persona: supporterPersona() });
    expect(await waitForFrame(plain.r, (f) => f.includes('Cancel'))).not.toContain('Score traits');

    const scores = { hexaco: { H: 2, E: 5, X: 1.5, A: 2, C: 2, O: 2 }, csi: { expressiveness: 1, preciseness: 1, verbal_aggressiveness: 4, questioningness: 1, emotionality: 5, impression_manipulativeness: 4 } };
    const asked: string[] = [];
    const { r, saved } = editor({ persona: supporterPersona(), onScore: async (d) => (asked.push(d), scores) });
    await waitForFrame(r, (f) => f.includes('Score traits'));
    for (let i = 0; i < 30; i++) await pressKeys(r, KEYS.down);
    await pressKeys(r, KEYS.up, KEYS.enter); // the last row is Cancel, the one above it the scorer
    await waitForFrame(r, (f) => f.includes('Traits scored'));
    expect(asked).toEqual(['Patient listener who asks one good question at a time.']);
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Saved to'));
    expect(saved[0]).toMatchObject(scores);
  });

  it('Escape cancels', async () => {
    const { r, cancelled } = editor();
    await waitForFrame(r, (f) => f.includes('New persona'));
    await pressKeys(r, KEYS.escape);
    expect(cancelled()).toBe(1);
  });
});
