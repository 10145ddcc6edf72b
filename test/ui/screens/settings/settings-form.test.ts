import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../../src/core/config/settings.js';
import { DEFAULT_SETTINGS } from '../../../support/settings.js';
import { adjustForm, applyPreset, endpointFromForm, formErrors, formFromSettings, redactKey, settingsFromForm } from '../../../../src/ui/screens/settings/settingsForm.js';

describe('settings form', () => {
  it('shows unset values as the preset defaults and stores only real choices', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    expect(form).toMatchObject({ preset: 'ollama', baseURL: 'http://localhost:11434/v1', seekerModel: 'llama3.2', apiKey: '' });
    expect(settingsFromForm(DEFAULT_SETTINGS, form)).toEqual(DEFAULT_SETTINGS);
    const changed = settingsFromForm(DEFAULT_SETTINGS, { ...form, supporterModel: 'qwen3', apiKey: ' k-1234 ' });
    expect(changed.models).toEqual({ supporter: 'qwen3' });
    expect(changed.apiKey).toBe('k-1234');
    expect(SettingsSchema.safeParse(changed).success).toBe(true);
  });
  it('a preset fills base URL and every role\'s model, cycling both ways', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    const openai = applyPreset(form, -1);
    expect(openai).toMatchObject({ preset: 'openai', baseURL: 'https://api.openai.com/v1', seekerModel: 'gpt-4o-mini', judgeModel: 'gpt-4o-mini' });
    const local = applyPreset(openai, -1);
    expect(local.preset).toBe('local');
    expect(applyPreset(local, -1).preset).toBe('custom');
  });
  it('keeps temperature and turn cap in range', () => {
    let form = formFromSettings(DEFAULT_SETTINGS);
    for (let i = 0; i < 30; i++) form = adjustForm(form, 'temperature', 1);
    expect(form.temperature).toBe(2);
    for (let i = 0; i < 30; i++) form = adjustForm(form, 'turnCap', -1);
    expect(form.turnCap).toBe(2);
  });
  it('maps schema problems to the form field', () => {
    const form = { ...formFromSettings(DEFAULT_SETTINGS), baseURL: 'ftp://x', judgeModel: 'j'.repeat(201) };
    const errors = formErrors(DEFAULT_SETTINGS, form);
    expect(errors.baseURL).toMatch(/http/);
    expect(errors.judgeModel).toBeDefined();
  });
  it('tests the supporter endpoint, and redacts the key from messages', () => {
    const form = { ...formFromSettings(DEFAULT_SETTINGS), apiKey: 'secret-key-99' };
    expect(endpointFromForm(form)).toEqual({ baseURL: 'http://localhost:11434/v1', model: 'llama3.2', apiKey: 'secret-key-99' });
    expect(redactKey('bad key secret-key-99!', 'secret-key-99')).toBe('bad key …!');
  });
});
