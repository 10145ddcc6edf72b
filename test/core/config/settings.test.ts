import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettings, type SettingsStore } from '../../../src/core/config/settings.js';
import { DEFAULT_SETTINGS } from '../../support/settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-talks-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(): SettingsStore {
  const result = openSettings({ env: { PERSONA_TALKS_CONFIG_DIR: dir } });
  if (!result.ok) throw result.error;
  return result.store;
}

describe('settings store', () => {
  it('lives in PERSONA_TALKS_CONFIG_DIR and starts from the defaults', () => {
    const store = open();
    expect(store.path).toBe(join(dir, 'config.json'));
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('writes the file with mode 0600 because it may hold a key', () => {
    const store = open();
    store.update({ apiKey: 'sk-stored-key-1234', models: { judge: 'small-judge' } });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('round-trips updates through the file and merges models', () => {
    open().update({ preset: 'lmstudio', models: { seeker: 'a' } });
    open().update({ models: { judge: 'b' }, seenSafetyNotice: true });
    const settings = open().get();
    expect(settings).toMatchObject({ preset: 'lmstudio', models: { seeker: 'a', judge: 'b' }, seenSafetyNotice: true });
  });

  it('refuses an invalid update and leaves the file unchanged', () => {
    const store = open();
    store.update({ turnCap: 12 });
    const before = readFileSync(store.path, 'utf8');
    expect(() => store.update({ temperature: 7 })).toThrow(/temperature/);
    expect(readFileSync(store.path, 'utf8')).toBe(before);
    expect(store.get().temperature).toBe(DEFAULT_SETTINGS.temperature);
  });

  it('forgets a stored key with unset', () => {
    const store = open();
    store.update({ apiKey: 'sk-stored-key-1234' });
    store.unset('apiKey');
    expect(open().get().apiKey).toBeUndefined();
    expect(readFileSync(store.path, 'utf8')).not.toContain('sk-stored-key-1234');
  });
});

describe('a broken settings file', () => {
  it('malformed JSON gives a clear error naming the file, and the file is kept', () => {
    const path = join(dir, 'config.json');
    writeFileSync(path, '{ "preset": "ollama", ');
    const result = openSettings({ env: { PERSONA_TALKS_CONFIG_DIR: dir } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(path);
    expect(result.error.message).toMatch(/Fix or delete/);
    expect(readFileSync(path, 'utf8')).toBe('{ "preset": "ollama", ');
  });

  it('a file broken after the settings were opened is written over by the next update, as before', () => {
    const store = open();
    writeFileSync(store.path, '{ "preset": ');
    store.update({ turnCap: 14 });
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({ turnCap: 14 });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('a wrong value names the field', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ preset: 'nonsense', temperature: 'hot' }));
    const result = openSettings({ env: { PERSONA_TALKS_CONFIG_DIR: dir } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/preset must be one of/);
    expect(result.error.message).toMatch(/temperature/);
  });

  it('the agents’ window: 24 turns unless set, 0 for the whole conversation, and nothing out of range', () => {
    const store = open();
    expect(store.get().window).toBe(24);
    expect(store.update({ window: 0 }).window).toBe(0);
    expect(() => store.update({ window: 201 })).toThrow(/window must be a whole number from 0 \(the whole conversation\) to 200/);
    expect(() => store.update({ window: 2.5 })).toThrow(/window must be a whole number/);
    expect(open().get().window).toBe(0);
  });
});
