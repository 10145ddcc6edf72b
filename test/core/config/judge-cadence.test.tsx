import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettings, type SettingsStore } from '../../../src/core/config/settings.js';
import { DEFAULT_SETTINGS } from '../../support/settings.js';
import { SettingsScreen } from '../../../src/ui/screens/settings/SettingsScreen.js';
import { adjustForm, cadenceLabel, formErrors, formFromSettings, settingsFromForm } from '../../../src/ui/screens/settings/settingsForm.js';
import { FORM_KEYS, KEYS, pressKeys, renderAtSize, type Rendered, waitForFrame, widestLine, withKeys } from '../../ui/helpers.js';

let dir: string;
const rendered: Rendered[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-talks-cadence-'));
});
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
  rmSync(dir, { recursive: true, force: true });
});

function open(): SettingsStore {
  const result = openSettings({ env: { PERSONA_TALKS_CONFIG_DIR: dir } });
  if (!result.ok) throw result.error;
  return result.store;
}

describe('settings.judgeCadence', () => {
  it('defaults to every turn', () => {
    expect(DEFAULT_SETTINGS.judgeCadence).toBe(1);
    expect(open().get().judgeCadence).toBe(1);
  });

  it('a config file written before the field existed still loads, with the default', () => {
    const old = { preset: 'lmstudio', models: { judge: 'small-judge' }, temperature: 0.6, turnCap: 12, seenSafetyNotice: true };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(old));
    const settings = open().get();
    expect(settings).toMatchObject({ ...old, judgeCadence: 1 });
  });

  it('persists across openings (0 = off, N = every N turns)', () => {
    open().update({ judgeCadence: 0 });
    expect(open().get().judgeCadence).toBe(0);
    open().update({ judgeCadence: 3 });
    expect(open().get().judgeCadence).toBe(3);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({ judgeCadence: 3 });
  });

  it('refuses fractions, negatives and absurd cadences, naming the field', () => {
    const store = open();
    for (const bad of [2.5, -1, 21]) expect(() => store.update({ judgeCadence: bad })).toThrow(/judgeCadence must be a whole number from 0 \(off\) to 20/);
    expect(store.get().judgeCadence).toBe(1);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ judgeCadence: 'often' }));
    const broken = openSettings({ env: { PERSONA_TALKS_CONFIG_DIR: dir } });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.message).toMatch(/judgeCadence/);
  });
});

describe('the settings form row', () => {
  it('steps the cadence within 0–20 and reads it in words', () => {
    let form = formFromSettings(DEFAULT_SETTINGS);
    expect(form.judgeCadence).toBe(1);
    form = adjustForm(form, 'judgeCadence', -1);
    form = adjustForm(form, 'judgeCadence', -1);
    expect(form.judgeCadence).toBe(0);
    for (let i = 0; i < 30; i++) form = adjustForm(form, 'judgeCadence', 1);
    expect(form.judgeCadence).toBe(20);
    expect(formErrors(DEFAULT_SETTINGS, form)).toEqual({});
    expect(settingsFromForm(DEFAULT_SETTINGS, form).judgeCadence).toBe(20);
    expect([0, 1, 4].map(cadenceLabel)).toEqual(['off', 'every turn', 'every 4 turns']);
  });

  it.each([
    { columns: 100, rows: 30 },
    { columns: 60, rows: 20 },
  ])('is edited on the settings screen and saved to the store ($columns×$rows)', async ({ columns, rows }) => {
    const store = open();
    const r = renderAtSize(
      withKeys(<SettingsScreen settings={store.get()} onSave={(s) => void store.update(s)} onTest={async () => ({ ok: true })} onBack={() => {}} />),
      columns,
      rows,
    );
    rendered.push(r);
    await waitForFrame(r, (f) => f.includes('provider'));
    for (let i = 0; i < 8; i++) await pressKeys(r, KEYS.down);
    const focused = await waitForFrame(r, (f) => /▸ trait judge\s+‹every turn›/.test(f));
    expect(focused).toContain('How often the trait meter asks the judge.');
    expect(widestLine(focused)).toBeLessThanOrEqual(columns);
    await pressKeys(r, KEYS.right, KEYS.right);
    await waitForFrame(r, (f) => f.includes('‹every 3 turns›'));
    await pressKeys(r, KEYS.left, KEYS.left, KEYS.left);
    await waitForFrame(r, (f) => f.includes('‹off›'));
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Settings saved'));
    expect(open().get().judgeCadence).toBe(0);
  });
});
