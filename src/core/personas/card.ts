import extractChunks from 'png-chunks-extract';
import { decode as decodeText } from 'png-chunk-text';
import { levelWord } from '../prompts/persona-text.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES } from '../traits/dimensions.js';
import { stripControlsDeep } from '../sanitize.js';
import { PersonaSchema, type Persona, type Role } from './schema.js';

/**
 * Character cards (SillyTavern / TavernAI): a JSON object, or a PNG image that
 * carries it base64-encoded in a tEXt chunk named "chara". Character Card V2
 * wraps the fields as `{"spec": "chara_card_v2", "spec_version": "2.0", "data":
 * {...}}`; V3 cards keep the same fields (and add a "ccv3" chunk); V1 cards put
 * the fields at the top level. Reading is forgiving about optional fields and
 * strict about what makes a card a card.
 */

export class CardError extends Error {}

/** The card fields a persona is made from; text is free of control characters. */
export interface CardData {
  spec: 'chara_card_v1' | 'chara_card_v2' | 'chara_card_v3';
  name: string;
  description: string;
  personality: string;
  scenario: string;
  creator: string;
  characterVersion: string;
  /** What this app put in `extensions.persona_talks` on export, if the card came from us. */
  ours?: unknown;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The card JSON text inside a PNG: the "chara" chunk (V2), else "ccv3" (V3 only). */
export function cardJsonFromPng(bytes: Uint8Array, file = 'the image'): string {
  let chunks: Array<{ name: string; data: Uint8Array }>;
  try {
    chunks = extractChunks(bytes);
  } catch (error) {
    throw new CardError(`${file} is not a readable PNG image (${(error as Error).message})`);
  }
  const texts = new Map<string, string>();
  for (const chunk of chunks) {
    if (chunk.name !== 'tEXt') continue;
    try {
      const { keyword, text: value } = decodeText(chunk.data);
      if (!texts.has(keyword)) texts.set(keyword, value);
    } catch {
      // A malformed text chunk that is not ours to read.
    }
  }
  const encoded = texts.get('chara') ?? texts.get('ccv3');
  if (encoded === undefined) {
    throw new CardError(`${file} is a PNG image without a character card: it has no "chara" text chunk`);
  }
  const json = Buffer.from(encoded.trim(), 'base64').toString('utf8');
  if (!/^\s*\{/.test(json)) throw new CardError(`the "chara" chunk of ${file} is not base64-encoded JSON`);
  return json;
}

/** A card from file bytes: a PNG carrying one, or the JSON itself. */
export function readCard(bytes: Uint8Array, file = 'the file'): CardData {
  const json = isPng(bytes) ? cardJsonFromPng(bytes, file) : Buffer.from(bytes).toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CardError(isPng(bytes) ? `the card in ${file} is not valid JSON (${(error as Error).message})` : `${file} is neither a PNG image nor JSON, so not a character card`);
  }
  return parseCard(data, file);
}

export function parseCard(raw: unknown, file = 'the file'): CardData {
  if (!isObject(raw)) throw new CardError(`${file} is JSON but not a character card (expected an object)`);
  const clean = stripControlsDeep(raw) as Record<string, unknown>;
  let fields: Record<string, unknown>;
  let spec: CardData['spec'];
  if (clean.spec === 'chara_card_v2' || clean.spec === 'chara_card_v3') {
    if (!isObject(clean.data)) throw new CardError(`${file} says it is a ${clean.spec} card but has no "data" object`);
    fields = clean.data;
    spec = clean.spec;
  } else if (clean.spec !== undefined) {
    throw new CardError(`${file} is a card of an unknown kind ("spec": ${JSON.stringify(clean.spec)}); expected chara_card_v2`);
  } else if (typeof clean.name === 'string' && typeof clean.description === 'string' && typeof clean.first_mes === 'string') {
    fields = clean;
    spec = 'chara_card_v1';
  } else {
    throw new CardError(`${file} is JSON but not a character card (no "spec": "chara_card_v2", and no name, description and first_mes)`);
  }
  const name = text(fields.name).trim();
  if (name === '') throw new CardError(`${file} is a character card without a name (data.name)`);
  const card: CardData = {
    spec,
    name,
    description: text(fields.description).trim(),
    personality: text(fields.personality).trim(),
    scenario: text(fields.scenario).trim(),
    creator: text(fields.creator).trim(),
    characterVersion: text(fields.character_version).trim(),
  };
  if (card.description === '' && card.personality === '') throw new CardError(`the card "${name}" in ${file} has no description or personality to make a persona from`);
  const extensions = isObject(fields.extensions) ? fields.extensions : {};
  if (extensions.persona_talks !== undefined) card.ours = extensions.persona_talks;
  return card;
}

// ——— Card → persona ———

const DESCRIPTION_MAX = 2000;
const SITUATION_MAX = 2000;

/** Cards write {{char}} and {{user}} (or <BOT>, <USER>) for the character and whoever talks to it. */
export function fillCardMacros(value: string, name: string): string {
  return value.replace(/\{\{char\}\}|<BOT>/gi, name).replace(/\{\{user\}\}|<USER>/gi, 'the other person');
}

/** "anxious-phd-student"-style id from a name: lowercase letters, digits and dashes. */
export function idFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug === '' ? 'card-persona' : slug;
}

export interface SeekerContext {
  emotion_type?: string;
  problem_type?: string;
  initial_intensity?: number;
  situation?: string;
}

export interface CardPersonaOptions {
  role: Role;
  id?: string;
  seeker?: SeekerContext;
}

export interface CardPersona {
  persona: Persona;
  /** True when the card came from this app and gave back its traits. */
  restored: boolean;
  notes: string[];
}

function clip(value: string, max: number, what: string, notes: string[]): string {
  if (value.length <= max) return value;
  notes.push(`${what} was ${value.length} characters; kept the first ${max}`);
  return `${value.slice(0, max - 1)}…`;
}

/**
 * A persona from a card. A card this app exported gives back the persona it was
 * made from (its `extensions.persona_talks`); any other card gives name,
 * description + personality, and scenario as the seeker's situation, with the
 * traits not scored yet (`unscored: true`) for the caller to score or leave to the user.
 */
export function cardToPersona(card: CardData, options: CardPersonaOptions): CardPersona {
  const notes: string[] = [];
  const restored = restoredPersona(card, options);
  if (restored) return { persona: restored, restored: true, notes };
  const name = clip(card.name, 80, 'the name', notes);
  const fill = (value: string) => fillCardMacros(value, name);
  const parts = [fill(card.description), card.personality ? `Personality: ${fill(card.personality)}` : ''].filter(Boolean);
  const scenario = fill(card.scenario);
  const seeker = options.seeker ?? {};
  const situation = seeker.situation ?? (scenario || undefined);
  const source = [`Imported from the character card "${card.name}" (${card.spec}`, card.creator ? `, by ${card.creator}` : '', card.characterVersion ? `, version ${card.characterVersion}` : '', ').'].join('');
  const draft: Record<string, unknown> = {
    id: options.id ?? idFromName(card.name),
    role: options.role,
    name,
    unscored: true,
    description: clip(parts.join('\n\n'), DESCRIPTION_MAX, 'the description with the personality', notes),
    notes: source,
    ...(options.role !== 'supporter' && situation ? { situation: clip(situation, SITUATION_MAX, 'the scenario', notes) } : {}),
    ...(options.role !== 'supporter' ? pick(seeker, ['emotion_type', 'problem_type', 'initial_intensity']) : {}),
  };
  const parsed = PersonaSchema.safeParse(draft);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'persona'} ${i.message}`).join('; ');
    throw new CardError(`the card "${card.name}" does not make a valid ${options.role} persona: ${problems}`);
  }
  return { persona: parsed.data, restored: false, notes };
}

function pick(o: SeekerContext, keys: ReadonlyArray<keyof SeekerContext>): Record<string, unknown> {
  return Object.fromEntries(keys.flatMap((k) => (o[k] !== undefined ? [[k, o[k]]] : [])));
}

/** The persona a card of ours carries, if it is one and still valid; the role and id asked for win. */
function restoredPersona(card: CardData, options: CardPersonaOptions): Persona | undefined {
  if (!isObject(card.ours)) return undefined;
  const parsed = PersonaSchema.safeParse({ ...card.ours, ...(options.id ? { id: options.id } : {}), role: options.role });
  return parsed.success ? parsed.data : undefined;
}

// ——— Persona → card ———

function scoreText(score: number): string {
  return `${levelWord(score)} (${Number.isInteger(score) ? score.toFixed(0) : score.toFixed(1)} of 5)`;
}

/** The traits as sentences, for a card's description: what the scores mean in words. */
export function traitsInWords(p: Persona): string {
  if (p.baseline) return 'No particular persona: a plain, thoughtful supporter (the baseline for comparisons).';
  if (p.unscored || !p.hexaco || !p.csi) return 'Personality traits not scored yet.';
  const { hexaco, csi } = p;
  const hex = HEXACO_KEYS.map((k) => `${HEXACO_NAMES[k]} ${scoreText(hexaco[k])}`).join(', ');
  const style = CSI_KEYS.map((k) => `${CSI_NAMES[k]} ${scoreText(csi[k])}`).join(', ');
  return `Personality (HEXACO): ${hex}.\nCommunication style (CSI): ${style}.`;
}

function scenarioOf(p: Persona): string {
  const lines: string[] = [];
  if (p.emotion_type || p.problem_type) {
    const intensity = p.initial_intensity ? ` (intensity ${p.initial_intensity} of 5)` : '';
    lines.push(`{{char}} feels ${p.emotion_type ?? 'troubled'}${intensity} about ${p.problem_type ?? 'a problem'} and has come to talk.`);
  }
  if (p.situation) lines.push(p.situation);
  return lines.join(' ');
}

/** A Character Card V2 whose description carries the traits in words; the exact persona rides in extensions.persona_talks. */
export function personaToCard(p: Persona, appVersion: string): Record<string, unknown> {
  const who = [p.age_band ? `age ${p.age_band}` : '', p.gender ?? '', p.occupation ?? ''].filter(Boolean).join(', ');
  const description = [who ? `${p.description}\n(${who})` : p.description, traitsInWords(p)].join('\n\n');
  return {
    spec: 'chara_card_v2',
    spec_version: '2.0',
    data: {
      name: p.name,
      description,
      personality: '',
      scenario: scenarioOf(p),
      first_mes: '',
      mes_example: '',
      creator_notes: `A ${p.role} persona from persona-talks (${p.id}). HEXACO and CSI scores run from 1 to 5. A simulator persona, not a real person.`,
      system_prompt: '',
      post_history_instructions: '',
      alternate_greetings: [],
      tags: ['persona-talks', p.role],
      creator: '',
      character_version: appVersion,
      extensions: { persona_talks: p },
    },
  };
}
