import { SettingsSchema, type Settings } from '../../src/core/config/settings.js';

/** Settings as a fresh install has them: every default. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
