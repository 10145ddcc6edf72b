import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../../src/core/config/settings.js';
import type { Endpoint } from '../../../../src/core/llm/types.js';
import { endpointFromForm, fieldShown, formFromSettings, settingsFromForm } from '../../../../src/ui/screens/settings/settingsForm.js';
import { initialSettingsState, settingsReducer } from '../../../../src/ui/screens/settings/settingsState.js';
import { SettingsScreen } from '../../../../src/ui/screens/settings/SettingsScreen.js';
import { DEFAULT_SETTINGS } from '../../../support/settings.js';
import { FORM_KEYS, KEYS, pressKeys, renderAtSize, type Rendered, typeText, waitForFrame, withKeys } from '../../helpers.js';

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

describe('the settings form with the local provider', () => {
  it('shows the model file instead of a server\'s fields, and moves only over what it shows', () => {
    const local = formFromSettings({ ...DEFAULT_SETTINGS, preset: 'local' });
    expect(fieldShown(local, 'modelFile')).toBe(true);
    for (const f of ['baseURL', 'seekerModel', 'apiKey', 'judgeBaseURL'] as const) expect(fieldShown(local, f)).toBe(false);
    expect(fieldShown(formFromSettings(DEFAULT_SETTINGS), 'modelFile')).toBe(false);
    let state = initialSettingsState(local);
    const focus: string[] = [];
    for (let i = 0; i < 12; i++) {
      state = settingsReducer(state, { type: 'move', delta: 1 });
      focus.push(state.focus);
    }
    expect(focus).toEqual(['modelFile', 'temperature', 'turnCap', 'judgeCadence', 'classifier', 'keepReasoning', 'display', 'test', 'check', 'save', 'back', 'back']);
  });

  it('stores the provider and the model file, and tests that file', () => {
    const form = { ...formFromSettings({ ...DEFAULT_SETTINGS, preset: 'local' }), modelFile: ' /models/tiny.gguf ' };
    expect(settingsFromForm(DEFAULT_SETTINGS, form)).toEqual({ ...DEFAULT_SETTINGS, preset: 'local', modelFile: '/models/tiny.gguf' });
    expect(endpointFromForm(form)).toEqual({ baseURL: 'local', model: '/models/tiny.gguf' });
    expect(endpointFromForm({ ...form, modelFile: '' }).model).toMatch(/\.gguf$/);
    // A model file named by --model-file or PERSONA_TALKS_MODEL_FILE is the one in effect, and the one tested.
    expect(endpointFromForm(form, { modelFile: { value: '/elsewhere/other.gguf', source: '--model-file' } })).toEqual({ baseURL: 'local', model: '/elsewhere/other.gguf' });
    // So is the local provider chosen for this run over the stored one.
    expect(endpointFromForm({ ...form, preset: 'ollama' }, { preset: { value: 'local', source: 'PERSONA_TALKS_PROVIDER' } })).toEqual({ baseURL: 'local', model: '/models/tiny.gguf' });
    // Blank: the downloaded model, nothing stored.
    expect(settingsFromForm(DEFAULT_SETTINGS, { ...form, modelFile: '' }).modelFile).toBeUndefined();
  });
});

describe('SettingsScreen with the local provider', () => {
  it('cycles to the local model, takes a model file, tests it, and saves both', async () => {
    const saved: Settings[] = [];
    const tested: Endpoint[] = [];
    const r = renderAtSize(
      withKeys(
        <SettingsScreen
          settings={{ ...DEFAULT_SETTINGS, preset: 'custom' }}
          onSave={(s) => saved.push(s)}
          onTest={async (e) => {
            tested.push(e);
            return { ok: true, models: ['tiny.gguf'] };
          }}
          onBack={() => undefined}
        />,
      ),
      100,
      30,
    );
    rendered.push(r);
    await waitForFrame(r, (f) => f.includes('‹Custom server›') && f.includes('base URL'));
    await pressKeys(r, KEYS.right);
    const local = await waitForFrame(r, (f) => f.includes('‹Local model (inside the app)›'));
    expect(local).toContain('model file');
    expect(local).toContain('(the downloaded model)');
    expect(local).not.toContain('base URL');
    expect(local).not.toContain('API key');
    await pressKeys(r, KEYS.down);
    await typeText(r, '/models/tiny.gguf');
    await waitForFrame(r, (f) => f.includes('/models/tiny.gguf'));
    await pressKeys(r, FORM_KEYS.ctrlT);
    await waitForFrame(r, (f) => f.includes('Connected'));
    expect(tested).toEqual([{ baseURL: 'local', model: '/models/tiny.gguf' }]);
    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Settings saved'));
    expect(saved[0]).toMatchObject({ preset: 'local', modelFile: '/models/tiny.gguf' });
    expect(saved[0]!.baseURL).toBeUndefined();
  });
});
