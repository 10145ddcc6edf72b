import { TURN_CAP } from '../../../../src/core/config/settings.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupScreen, type SetupChoice } from '../../../../src/ui/screens/setup/SetupScreen.js';
import type { Persona } from '../../../../src/core/personas/schema.js';
import type { PersonaError } from '../../../../src/core/personas/errors.js';
import { KEYS, pressKeys, renderAtSize, type Rendered, waitForFrame, widestLine, withKeys } from '../../helpers.js';
import { loaded, seekerPersona, supporterPersona } from '../../setup-helpers.js';

const library = [
  loaded(seekerPersona()),
  loaded(seekerPersona({ id: 'grad-student', name: 'Tomasz Wren', situation: 'Thesis deadline and a silent advisor.', emotion_type: 'shame' }), 'user'),
  loaded(supporterPersona()),
  loaded(supporterPersona({ id: 'peer-listener', name: 'Ada Lind', hexaco: { H: 3, E: 3, X: 5, A: 3, C: 2, O: 5 } })),
  loaded({ id: 'no-persona', role: 'supporter', name: 'No persona (baseline)', baseline: true, description: 'A supporter with no persona.' }),
];

interface Calls {
  start: SetupChoice[];
  edit: (Persona | undefined)[];
  settings: number;
  quit: number;
}

function setup(size = { columns: 100, rows: 30 }, extra: { errors?: PersonaError[]; serverStatus?: { ok: boolean; message?: string; local?: boolean }; initial?: Partial<SetupChoice> } = {}) {
  const calls: Calls = { start: [], edit: [], settings: 0, quit: 0 };
  const r = renderAtSize(
    withKeys(<SetupScreen
      personas={library}
      errors={extra.errors ?? []}
      initial={extra.initial}
      serverStatus={extra.serverStatus}
      onStart={(c) => calls.start.push(c)}
      onEditPersona={(p) => calls.edit.push(p)}
      onOpenSettings={() => calls.settings++}
      onQuit={() => calls.quit++}
    />),
    size.columns,
    size.rows,
  );
  rendered.push(r);
  return { r, calls };
}

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

describe.each([
  { columns: 100, rows: 30 },
  { columns: 60, rows: 20 },
])('SetupScreen at $columns×$rows', (size) => {
  it('picks a second seeker and the second supporter, changes options and starts with that choice', async () => {
    const { r, calls } = setup(size);
    await waitForFrame(r, (f) => f.includes('Ines Morales'));
    await pressKeys(r, KEYS.down); // seeker list: Tomasz
    await pressKeys(r, KEYS.tab, KEYS.down); // supporter list: Ada
    await pressKeys(r, KEYS.tab, KEYS.right); // condition: blind
    await pressKeys(r, KEYS.tab, KEYS.right); // engine: script
    await waitForFrame(r, (f) => f.includes('one-call script'));
    await pressKeys(r, KEYS.tab, KEYS.right, KEYS.right); // mode: join as supporter — which needs two agents
    const switched = await waitForFrame(r, (f) => f.includes('join as supporter'));
    expect(switched).toContain('two agents');
    expect(switched.replace(/\s+/g, ' ')).toContain('Joining needs two agents');
    await pressKeys(r, KEYS.tab, KEYS.left, KEYS.left); // turn cap 20 → 18
    await waitForFrame(r, (f) => f.includes('‹18›') && f.includes('join as supporter'));
    await pressKeys(r, KEYS.enter);
    expect(calls.start).toEqual([
      { seekerId: 'grad-student', supporterId: 'peer-listener', condition: 'blind', engine: 'agents', mode: 'join-supporter', turnCap: 18 },
    ]);
  });

  it('fits the terminal width', async () => {
    const { r } = setup(size);
    const frame = await waitForFrame(r, (f) => f.includes('Ines Morales'));
    expect(widestLine(frame)).toBeLessThanOrEqual(size.columns);
    expect(frame.split('\n').length).toBeLessThanOrEqual(size.rows);
  });
});

describe('SetupScreen preview', () => {
  it('shows the seeker situation, emotion and trait bars', async () => {
    const { r } = setup({ columns: 100, rows: 40 });
    const frame = await waitForFrame(r, (f) => f.includes('Situation:'));
    expect(frame).toContain('Rotating shifts have wrecked her sleep');
    expect(frame).toContain('feels anxiety · intensity 4/5 · problem: sleep problems');
    expect(frame).toContain('35-44 · woman · night-shift nurse');
    // An 8-cell bar spans 1–5, so 4.5 fills seven cells.
    expect(frame).toMatch(/Emotionality\s+█{7}░ 4\.5/);
    expect(frame).toMatch(/Expressiveness\s+[█▌░]+ 2/);
    expect(frame).toContain('HEXACO');
    expect(frame).toContain('CSI');
  });

  it('follows the focused list: the supporter preview after Tab', async () => {
    const { r } = setup({ columns: 100, rows: 40 });
    await waitForFrame(r, (f) => f.includes('Situation:'));
    await pressKeys(r, KEYS.tab);
    const frame = await waitForFrame(r, (f) => f.includes('Patient listener'));
    expect(frame).not.toContain('Situation:');
  });

  it('at 60×20 the preview scrolls with ] to reach the CSI bars', async () => {
    const { r } = setup({ columns: 60, rows: 20 });
    const first = await waitForFrame(r, (f) => f.includes('Preview'));
    expect(first).not.toContain('Impression manip.');
    for (let i = 0; i < 6; i++) await pressKeys(r, ']');
    const later = await waitForFrame(r, (f) => f.includes('Impression manip.'));
    expect(later).toContain('Seeker');
  });
});

describe('SetupScreen keys and status', () => {
  it('e edits the selected persona, n creates one, S opens settings, q quits', async () => {
    const { r, calls } = setup();
    await waitForFrame(r, (f) => f.includes('Ines Morales'));
    await pressKeys(r, KEYS.tab, KEYS.down, 'e', 'n', 'S', ',', 'q');
    expect(calls.edit.map((p) => p?.id)).toEqual(['peer-listener', undefined]);
    expect(calls.settings).toBe(2);
    expect(calls.quit).toBe(1);
  });

  it('starts from the initial choice', async () => {
    const { r, calls } = setup(undefined, { initial: { seekerId: 'grad-student', supporterId: 'no-persona', mode: 'join-seeker', turnCap: 999 } });
    await waitForFrame(r, (f) => f.includes('join as seeker'));
    await pressKeys(r, KEYS.enter);
    expect(calls.start[0]).toMatchObject({ seekerId: 'grad-student', supporterId: 'no-persona', mode: 'join-seeker', turnCap: TURN_CAP.max });
  });

  it('lists persona load errors as file:line field: message', async () => {
    const errors: PersonaError[] = [
      { file: 'personas/broken.yaml', line: 7, field: 'hexaco.E', message: 'must be at most 5' },
      { file: 'personas/other.yaml', message: 'not valid YAML' },
    ];
    const { r } = setup({ columns: 100, rows: 30 }, { errors });
    const frame = await waitForFrame(r, (f) => f.includes('2 persona problems'));
    expect(frame).toContain('personas/broken.yaml:7 hexaco.E: must be at most 5');
    expect(frame).toContain('Ines Morales');
  });

  it('shows the server status line and how to fix a missing server', async () => {
    const { r } = setup({ columns: 60, rows: 20 }, { serverStatus: { ok: false, message: 'connection refused' } });
    const frame = await waitForFrame(r, (f) => f.includes('no model server'));
    expect(frame).toContain('press S to set one up');
  });

  it('with the model inside the app, says so rather than calling it a reachable server', async () => {
    const { r } = setup({ columns: 100, rows: 30 }, { serverStatus: { ok: true, local: true, message: 'qwen2.5-1.5b-instruct-q4_k_m.gguf' } });
    const frame = await waitForFrame(r, 'the model inside the app');
    expect(frame).toContain('✓ the model inside the app — qwen2.5-1.5b-instruct-q4_k_m.gguf');
    expect(frame).not.toContain('model server reachable');
  });

  it('neutralises escape sequences in persona text', async () => {
    const evil = loaded(seekerPersona({ id: 'evil', name: 'Evil\u001b]0;pwned\u0007Name' }));
    const r = renderAtSize(
      withKeys(<SetupScreen personas={[evil]} errors={[]} onStart={() => {}} onEditPersona={() => {}} onOpenSettings={() => {}} onQuit={() => {}} />),
      100,
      30,
    );
    rendered.push(r);
    await waitForFrame(r, (f) => f.includes('Evil'));
    expect(r.frames.join('')).not.toContain('\u001b]0;pwned');
  });
});
