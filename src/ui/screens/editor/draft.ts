import { stripControls } from '../../../core/sanitize.js';
import type { Persona, Role } from '../../../core/personas/schema.js';
import { CSI_KEYS, HEXACO_KEYS, type Csi, type Hexaco } from '../../../core/traits/dimensions.js';

/**
 * The editor's working copy of a persona. Every text field is a string (empty
 * means "not set") so typing never has to deal with undefined; the conversion
 * back to a Persona candidate decides what is omitted.
 */
export interface Draft {
  id: string;
  role: Role;
  name: string;
  baseline: boolean;
  age_band: string;
  gender: string;
  occupation: string;
  description: string;
  notes: string;
  emotion_type: string;
  problem_type: string;
  situation: string;
  initial_intensity: number | undefined;
  hexaco: Hexaco;
  csi: Csi;
  /**
   * The traits are not scored yet (a character card imported with no model): the
   * sliders' 3s are placeholders, not scores, and saving keeps `unscored: true`
   * without them until the user sets a trait or scores the description.
   */
  unscored: boolean;
}

export type TextKey = 'id' | 'name' | 'gender' | 'occupation' | 'description' | 'notes' | 'emotion_type' | 'problem_type' | 'situation';

const MIDDLE = 3;
const neutralHexaco = (): Hexaco => Object.fromEntries(HEXACO_KEYS.map((k) => [k, MIDDLE])) as Hexaco;
const neutralCsi = (): Csi => Object.fromEntries(CSI_KEYS.map((k) => [k, MIDDLE])) as Csi;

/** A new persona starts as a seeker with every trait at the midpoint. */
export function draftFromPersona(p?: Persona): Draft {
  return {
    id: p?.id ?? '',
    role: p?.role ?? 'seeker',
    name: p?.name ?? '',
    baseline: p?.baseline ?? false,
    age_band: p?.age_band ?? '',
    gender: p?.gender ?? '',
    occupation: p?.occupation ?? '',
    description: p?.description ?? '',
    notes: p?.notes ?? '',
    emotion_type: p?.emotion_type ?? '',
    problem_type: p?.problem_type ?? '',
    situation: p?.situation ?? '',
    initial_intensity: p?.initial_intensity ?? (p ? undefined : MIDDLE),
    hexaco: { ...neutralHexaco(), ...p?.hexaco },
    csi: { ...neutralCsi(), ...p?.csi },
    unscored: p?.unscored === true,
  };
}

/** Seeker context only means something for personas that can seek. */
export function hasSeekerFields(role: Role): boolean {
  return role !== 'supporter';
}

/**
 * The object handed to PersonaSchema: empty optional strings are left out,
 * traits are left out of a baseline, seeker context out of a pure supporter.
 * Required strings stay in even when empty, so the schema names them.
 */
export function draftToCandidate(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { id: d.id.trim(), role: d.role, name: d.name, description: d.description };
  const optional = (key: string, value: string) => {
    if (value.trim() !== '') out[key] = value;
  };
  if (d.baseline) out.baseline = true;
  optional('age_band', d.age_band);
  optional('gender', d.gender);
  optional('occupation', d.occupation);
  optional('notes', d.notes);
  if (hasSeekerFields(d.role)) {
    optional('emotion_type', d.emotion_type);
    optional('problem_type', d.problem_type);
    optional('situation', d.situation);
    if (d.initial_intensity !== undefined) out.initial_intensity = d.initial_intensity;
  }
  if (d.unscored && !d.baseline) out.unscored = true;
  else if (!d.baseline) {
    out.hexaco = { ...d.hexaco };
    out.csi = { ...d.csi };
  }
  return out;
}

/** "Ines Morales" → "ines-morales": a valid id proposed from the name until the user types one. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * Typed or pasted text as it may enter a field: line breaks and tabs become
 * spaces (fields are single-line), other control and bidi characters are dropped.
 */
export function cleanInput(text: string): string {
  return stripControls(text.replace(/\r\n|[\r\n\t]/g, ' '));
}
