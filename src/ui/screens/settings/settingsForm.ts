import { DISPLAYS, JUDGE_CADENCE_MAX, SettingsSchema, TURN_CAP, type DisplayMode, type Settings } from '../../../core/config/settings.js';
import { getPreset, PRESETS, type Endpoint, type PresetId } from '../../../app/providers.js';

/** The settings screen's working copy: the effective values, as the user sees and edits them. */
export interface SettingsForm {
  preset: PresetId;
  baseURL: string;
  seekerModel: string;
  supporterModel: string;
  judgeModel: string;
  apiKey: string;
  temperature: number;
  turnCap: number;
  /** 0 off, 1 every turn, N every N turns. */
  judgeCadence: number;
  /** The judge's own server; blank means the same server as the agents. */
  judgeBaseURL: string;
  /** The independent strategy classifier on every supporter turn. */
  classifier: boolean;
  /** Save each AI turn's reasoning on its record (for study; never shown as dialogue). */
  keepReasoning: boolean;
  /** Full screen or inline, from the next launch. */
  display: DisplayMode;
  /** The local provider's GGUF file; blank means the model `local setup` downloads. */
  modelFile: string;
}

export const FORM_FIELDS = [
  'preset', 'modelFile', 'baseURL', 'seekerModel', 'supporterModel', 'judgeModel', 'apiKey', 'temperature', 'turnCap', 'judgeCadence',
  'judgeBaseURL', 'classifier', 'keepReasoning', 'display', 'test', 'check', 'save', 'back',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type TextField = 'baseURL' | 'seekerModel' | 'supporterModel' | 'judgeModel' | 'apiKey' | 'judgeBaseURL' | 'modelFile';

export const TEXT_FIELDS: readonly FormField[] = ['baseURL', 'seekerModel', 'supporterModel', 'judgeModel', 'apiKey', 'judgeBaseURL', 'modelFile'];

/** A server's fields mean nothing to the model inside the app, and its model file nothing to a server. */
const SERVER_FIELDS: readonly FormField[] = ['baseURL', 'seekerModel', 'supporterModel', 'judgeModel', 'apiKey', 'judgeBaseURL'];

/** Whether the form shows `field` for the provider chosen in it. */
export function fieldShown(form: Pick<SettingsForm, 'preset'>, field: FormField): boolean {
  if (form.preset === 'local') return !SERVER_FIELDS.includes(field);
  return field !== 'modelFile';
}
export const JUDGE_CADENCE_RANGE = { min: 0, max: JUDGE_CADENCE_MAX } as const;
export const TEMPERATURE_RANGE = { min: 0, max: 2, step: 0.1 } as const;

/** Unset stored values show as the preset's defaults, which is what the app would use. */
export function formFromSettings(s: Settings): SettingsForm {
  const preset = getPreset(s.preset);
  return {
    preset: s.preset,
    baseURL: s.baseURL ?? preset.baseURL,
    seekerModel: s.models.seeker ?? preset.suggestedModel,
    supporterModel: s.models.supporter ?? preset.suggestedModel,
    judgeModel: s.models.judge ?? preset.suggestedModel,
    apiKey: s.apiKey ?? '',
    temperature: s.temperature,
    turnCap: s.turnCap,
    judgeCadence: s.judgeCadence,
    judgeBaseURL: s.judgeBaseURL ?? '',
    classifier: s.classifier,
    keepReasoning: s.keepReasoning,
    display: s.display,
    modelFile: s.modelFile ?? '',
  };
}

/** A new preset fills its base URL and suggested model into every role. */
export function applyPreset(form: SettingsForm, delta: number): SettingsForm {
  const i = PRESETS.findIndex((p) => p.id === form.preset);
  const next = PRESETS[(i + delta + PRESETS.length) % PRESETS.length]!;
  const m = next.suggestedModel;
  return { ...form, preset: next.id, baseURL: next.baseURL, seekerModel: m, supporterModel: m, judgeModel: m };
}

/**
 * Back to stored settings. Values equal to the preset's defaults are left
 * unset, so the file only records real choices; everything else the caller
 * passed in (e.g. seenSafetyNotice, judgeBaseURL) is kept.
 */
export function settingsFromForm(base: Settings, form: SettingsForm): Settings {
  const preset = getPreset(form.preset);
  const own = (value: string, fallback: string) => {
    const v = value.trim();
    return v === '' || v === fallback ? undefined : v;
  };
  const next: Settings = {
    ...base,
    preset: form.preset,
    baseURL: own(form.baseURL, preset.baseURL),
    apiKey: form.apiKey.trim() || undefined,
    models: {
      seeker: own(form.seekerModel, preset.suggestedModel),
      supporter: own(form.supporterModel, preset.suggestedModel),
      judge: own(form.judgeModel, preset.suggestedModel),
    },
    temperature: form.temperature,
    turnCap: form.turnCap,
    judgeCadence: form.judgeCadence,
    // Blank, or the agents' own server, is no separate judge server.
    judgeBaseURL: own(form.judgeBaseURL, form.baseURL.trim() || preset.baseURL),
    classifier: form.classifier,
    keepReasoning: form.keepReasoning,
    display: form.display,
    modelFile: form.modelFile.trim() || undefined,
  };
  // Drop undefined keys so the result equals what a round trip through the file gives.
  return JSON.parse(JSON.stringify(next)) as Settings;
}

/** Field → first problem, using the same schema that guards the settings file. */
export function formErrors(base: Settings, form: SettingsForm): Partial<Record<FormField, string>> {
  const parsed = SettingsSchema.safeParse(settingsFromForm(base, form));
  const errors: Partial<Record<FormField, string>> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const [top, sub] = issue.path.map(String);
    const field = (top === 'models' ? `${sub}Model` : top) as FormField;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The form's fields a flag or the environment overrides this run: the value in effect and where it comes from. */
export type FormOverrides = Partial<Record<'preset' | 'baseURL' | 'seekerModel' | 'supporterModel' | 'judgeModel' | 'judgeBaseURL' | 'apiKey' | 'modelFile', { value: string; source: string }>>;

/**
 * What "test connection" and "check this model" use: the supporter's model on the
 * base URL, with the typed key, where a flag or the environment does not
 * override them (an overriding key is the caller's to add: the form never holds it);
 * on the model inside the app, its file.
 */
export function endpointFromForm(form: SettingsForm, overrides: FormOverrides = {}): Endpoint {
  if ((overrides.preset?.value ?? form.preset) === 'local') {
    return { baseURL: getPreset('local').baseURL, model: overrides.modelFile?.value ?? (form.modelFile.trim() || form.supporterModel.trim()) };
  }
  const apiKey = form.apiKey.trim();
  return {
    baseURL: overrides.baseURL?.value ?? form.baseURL.trim(),
    model: overrides.supporterModel?.value ?? form.supporterModel.trim(),
    ...(apiKey && !overrides.apiKey ? { apiKey } : {}),
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** How the cadence reads in the form: "off", "every turn", "every 3 turns". */
export function cadenceLabel(cadence: number): string {
  if (cadence <= 0) return 'off';
  return cadence === 1 ? 'every turn' : `every ${cadence} turns`;
}

/** ←/→ on a field: cycle the preset, step temperature by 0.1, the turn cap and judge cadence by 1, within range. */
export function adjustForm(form: SettingsForm, field: FormField, delta: number): SettingsForm {
  switch (field) {
    case 'preset':
      return applyPreset(form, delta);
    case 'temperature':
      return { ...form, temperature: Math.min(TEMPERATURE_RANGE.max, Math.max(TEMPERATURE_RANGE.min, round1(form.temperature + delta * TEMPERATURE_RANGE.step))) };
    case 'turnCap':
      return { ...form, turnCap: Math.min(TURN_CAP.max, Math.max(TURN_CAP.min, form.turnCap + delta)) };
    case 'judgeCadence':
      return { ...form, judgeCadence: Math.min(JUDGE_CADENCE_RANGE.max, Math.max(JUDGE_CADENCE_RANGE.min, form.judgeCadence + delta)) };
    case 'classifier':
      return { ...form, classifier: !form.classifier };
    case 'keepReasoning':
      return { ...form, keepReasoning: !form.keepReasoning };
    case 'display':
      return { ...form, display: DISPLAYS[(DISPLAYS.indexOf(form.display) + (delta > 0 ? 1 : DISPLAYS.length - 1)) % DISPLAYS.length]! };
    default:
      return form;
  }
}

/** Replace every occurrence of the key in text from elsewhere (a server's error message). */
export function redactKey(text: string, key: string): string {
  const k = key.trim();
  return k.length >= 4 ? text.split(k).join('…') : text;
}
