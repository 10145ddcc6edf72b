import { afterEach, describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../../../../src/core/config/settings.js';
import { DEFAULT_SETTINGS } from '../../../support/settings.js';
import type { Endpoint } from '../../../../src/core/llm/types.js';
import { SettingsScreen } from '../../../../src/ui/screens/settings/SettingsScreen.js';
import { FORM_KEYS, frame, KEYS, pressKeys, renderAtSize, type Rendered, typeText, waitForFrame, widestLine, withKeys } from '../../helpers.js';

const SECRET = 'sk-proj-7Hq2ZxW9vLmN4pR8tY1uKc3D';

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

function settingsScreen(opts: { settings?: Settings; envKeyPresent?: boolean; size?: { columns: number; rows: number }; test?: (e: Endpoint) => Promise<{ ok: boolean; models?: string[]; message?: string }> } = {}) {
  const saved: Settings[] = [];
  const tested: Endpoint[] = [];
  let back = 0;
  const r = renderAtSize(
    withKeys(<SettingsScreen
      settings={opts.settings ?? DEFAULT_SETTINGS}
      overrides={opts.envKeyPresent ? { apiKey: { value: '', source: 'PERSONA_TALKS_API_KEY' } } : {}}
      onSave={(s) => saved.push(s)}
      onTest={async (e) => {
        tested.push(e);
        return opts.test ? opts.test(e) : { ok: true, models: ['llama3.2', 'qwen2.5'] };
      }}
      onBack={() => back++}
    />),
    (opts.size ?? { columns: 100, rows: 30 }).columns,
    (opts.size ?? { columns: 100, rows: 30 }).rows,
  );
  rendered.push(r);
  return { r, saved, tested, back: () => back };
}

/** Rows from the top: provider, base URL, seeker, supporter, judge model, API key, temperature, turn cap, trait judge, test, save, back. */
const API_KEY_ROW = 5;

describe.each([
  { columns: 100, rows: 30 },
  { columns: 60, rows: 20 },
])('SettingsScreen at $columns×$rows', (size) => {
  it('never shows the API key in any frame, typed or stored, and shows its mask', async () => {
    const { r, saved } = settingsScreen({ size, test: async () => ({ ok: false, message: `401 Unauthorized for key ${SECRET}` }) });
    await waitForFrame(r, (f) => f.includes('Settings'));
    for (let i = 0; i < API_KEY_ROW; i++) await pressKeys(r, KEYS.down);
    await typeText(r, SECRET);
    await waitForFrame(r, (f) => f.includes('sk-…Kc3D'));
    await pressKeys(r, FORM_KEYS.ctrlT); // Ctrl+T: the server's error echoes the key back
    await waitForFrame(r, (f) => f.includes('401 Unauthorized'));
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Settings saved'));
    expect(saved[0]!.apiKey).toBe(SECRET);
    // Re-open with the key stored.
    const again = settingsScreen({ size, settings: saved[0]! });
    await waitForFrame(again.r, (f) => f.includes('sk-…Kc3D'));
    for (const frame of [...r.frames, ...again.r.frames]) expect(frame).not.toContain(SECRET);
    // Not even a long piece of it.
    for (const frame of r.frames) expect(frame).not.toContain(SECRET.slice(3, 15));
    expect(widestLine(frame(r))).toBeLessThanOrEqual(size.columns);
  });

  it('a preset change fills the base URL and suggested models, and onSave gets the new values', async () => {
    const { r, saved } = settingsScreen({ size });
    await waitForFrame(r, (f) => f.includes('‹Ollama›') && f.includes('http://localhost:11434/v1'));
    await pressKeys(r, KEYS.right); // Ollama → LM Studio
    await waitForFrame(r, (f) => f.includes('‹LM Studio›') && f.includes('http://localhost:1234/v1'));
    await pressKeys(r, KEYS.down, KEYS.down, KEYS.down, KEYS.down); // judge model
    for (let i = 0; i < 'qwen2.5-7b-instruct'.length; i++) await pressKeys(r, KEYS.backspace);
    await typeText(r, 'phi-4-mini');
    await pressKeys(r, KEYS.down, KEYS.down, KEYS.right, KEYS.right); // temperature 0.8 → 1.0
    await pressKeys(r, KEYS.down, KEYS.left, KEYS.left); // turn cap 20 → 18
    await waitForFrame(r, (f) => f.includes('‹1.0›') && f.includes('‹18›'));
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Settings saved'));
    expect(saved).toHaveLength(1);
    expect(SettingsSchema.safeParse(saved[0]).success).toBe(true);
    // Values equal to the preset's defaults stay unset; only real choices are stored.
    expect(saved[0]).toEqual({ ...DEFAULT_SETTINGS, preset: 'lmstudio', models: { judge: 'phi-4-mini' }, temperature: 1, turnCap: 18 });
  });
});

describe('SettingsScreen', () => {
  it('shows that an environment key is in effect over the stored one, and never the key', async () => {
    const { r } = settingsScreen({ envKeyPresent: true, settings: { ...DEFAULT_SETTINGS, apiKey: 'stored-key-123456' } });
    const frame = await waitForFrame(r, (f) => f.includes('API key'));
    expect(frame).toMatch(/API key\s+set \(from PERSONA_TALKS_API_KEY\)/);
    expect(frame).not.toContain('stored-key');
    const plain = settingsScreen({ envKeyPresent: false, settings: { ...DEFAULT_SETTINGS, apiKey: 'stored-key-123456' } });
    const own = await waitForFrame(plain.r, (f) => f.includes('API key'));
    expect(own).not.toContain('PERSONA_TALKS_API_KEY');
    expect(own).toContain('…3456');
  });

  it('shows values set by flags or the environment with their source, tests those, and will not edit them', async () => {
    const tested: Endpoint[] = [];
    const r = renderAtSize(
      withKeys(
        <SettingsScreen
          settings={DEFAULT_SETTINGS}
          overrides={{ baseURL: { value: 'http://127.0.0.1:8089/v1', source: 'PERSONA_TALKS_BASE_URL' }, supporterModel: { value: 'fake-model', source: 'PERSONA_TALKS_MODEL' } }}
          onSave={() => {}}
          onTest={async (e) => {
            tested.push(e);
            return { ok: true, models: ['fake-model'] };
          }}
          onBack={() => {}}
        />,
      ),
      100,
      30,
    );
    rendered.push(r);
    const frame = await waitForFrame(r, (f) => f.includes('base URL'));
    expect(frame).toMatch(/base URL\s+http:\/\/127\.0\.0\.1:8089\/v1 \(from PERSONA_TALKS_BASE_URL\)/);
    expect(frame).toMatch(/supporter model\s+fake-model \(from PERSONA_TALKS_MODEL\)/);
    await pressKeys(r, KEYS.down);
    await typeText(r, 'xyz');
    await pressKeys(r, FORM_KEYS.ctrlT);
    await waitForFrame(r, (f) => f.includes('Connected'));
    expect(tested).toEqual([{ baseURL: 'http://127.0.0.1:8089/v1', model: 'fake-model' }]);
    expect(frame).not.toContain('xyz');
  });

  it('tests the connection with the form values and shows the models', async () => {
    const { r, tested } = settingsScreen();
    await waitForFrame(r, (f) => f.includes('Test connection'));
    for (let i = 0; i < 13; i++) await pressKeys(r, KEYS.down); // past the judge, classifier, reasoning and display rows
    await pressKeys(r, KEYS.enter);
    const frame = await waitForFrame(r, (f) => f.includes('Connected'));
    expect(frame).toContain('2 models: llama3.2, qwen2.5');
    expect(tested).toEqual([{ baseURL: 'http://localhost:11434/v1', model: 'llama3.2' }]);
  });

  it('the judge can have its own server; blank means the agents\' server', async () => {
    const { r, saved } = settingsScreen();
    const first = await waitForFrame(r, (f) => f.includes('judge server'));
    expect(first).toContain('(same as base URL)');
    for (let i = 0; i < 9; i++) await pressKeys(r, KEYS.down);
    await typeText(r, 'http://judge.local:8080/v1');
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Settings saved'));
    expect(saved[0]!.judgeBaseURL).toBe('http://judge.local:8080/v1');
  });

  it('the strategy classifier can be turned off', async () => {
    const { r, saved } = settingsScreen();
    expect(await waitForFrame(r, (f) => f.includes('classifier'))).toMatch(/classifier\s+‹on›/);
    for (let i = 0; i < 10; i++) await pressKeys(r, KEYS.down);
    await pressKeys(r, KEYS.right);
    await waitForFrame(r, (f) => /classifier\s+‹off›/.test(f));
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Settings saved'));
    expect(saved[0]!.classifier).toBe(false);
  });

  it('an invalid base URL is marked and not saved', async () => {
    const { r, saved } = settingsScreen();
    await waitForFrame(r, (f) => f.includes('base URL'));
    await pressKeys(r, KEYS.down);
    for (let i = 0; i < 'http://localhost:11434/v1'.length; i++) await pressKeys(r, KEYS.backspace);
    await typeText(r, 'localhost:11434');
    await waitForFrame(r, (f) => f.includes('must be an http:// or https:// URL'));
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Not saved'));
    expect(saved).toEqual([]);
  });

  it('Escape goes back at once when clean, and asks first when there are unsaved changes', async () => {
    const clean = settingsScreen();
    await waitForFrame(clean.r, (f) => f.includes('Settings'));
    await pressKeys(clean.r, KEYS.escape);
    expect(clean.back()).toBe(1);

    const dirty = settingsScreen();
    await waitForFrame(dirty.r, (f) => f.includes('Settings'));
    await pressKeys(dirty.r, KEYS.right, KEYS.escape);
    await waitForFrame(dirty.r, (f) => f.includes('Esc again to discard'));
    expect(dirty.back()).toBe(0);
    await pressKeys(dirty.r, KEYS.escape);
    expect(dirty.back()).toBe(1);
  });
});
