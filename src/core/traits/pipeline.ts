import { cleanForDisplay } from '../sanitize.js';
import type { EndpointRecord, ExtractedCard, MeasurementResult, Speaker } from '../domain.js';
import type { ChatClient } from '../llm/types.js';
import { AGE_BANDS } from '../personas/schema.js';
import type { LoadedSession } from '../sessions/reader.js';
import { CSI_KEYS, HEXACO_KEYS, type Csi, type CsiKey, type Hexaco, type HexacoKey } from './dimensions.js';
import { loadBundledInventory, type CsiInventory, type HexacoInventory, type Inventory, type InventoryItem } from './inventory.js';
import { extractJsonObject } from './judge-json.js';
import { PipelineError, structuredStep, type Checked, type StepOptions } from './pipeline-call.js';
import { behaviourMessages, BEHAVIOUR_SCHEMA, CARD_SCHEMA, cardMessages, cardText, MEASUREMENT_PROMPT_VERSION, profileText, ratingMessages, ratingSchema } from '../prompts/measurement.js';
import { scoreInventory, toCsi, toHexaco, unscoredDimensions } from './scoring.js';

/**
 * The paper's measurement pipeline, run after the fact: (a) a persona card
 * extracted from the dialogue, (b) one behavioural sentence per HEXACO and CSI
 * dimension, (c) every inventory statement rated 1–5 for the person so
 * described, scored with reverse keys (6 − raw) and dimension means by the same
 * scoreInventory the rest of the app uses. The free-text variant skips (a).
 */

export { PipelineError } from './pipeline-call.js';

export interface Inventories {
  hexaco: HexacoInventory;
  csi: CsiInventory;
}

export interface PipelineOptions extends StepOptions {
  /** Inventories to rate; the bundled ones by default. */
  inventories?: Inventories;
  /** Statements per rating call: small models lose track in long lists. Default 24. */
  batchSize?: number;
}

export type Behaviours = MeasurementResult['behaviours'];

export async function bundledInventories(): Promise<Inventories> {
  const [hexaco, csi] = await Promise.all([loadBundledInventory('hexaco'), loadBundledInventory('csi')]);
  return { hexaco, csi };
}

/** A model's words, neutralised (an escape sequence in a card must not reach a terminal or a log) and on one line. */
const cleanText = (value: unknown, max: number): string | null => {
  if (typeof value !== 'string') return null;
  const text = cleanForDisplay(value).replace(/\s+/g, ' ').trim();
  if (text === '' || /^(unknown|n\/?a|none|null)$/i.test(text)) return null;
  return text.slice(0, max);
};

function checkCard(json: unknown): Checked<ExtractedCard> {
  if (!json || typeof json !== 'object') return { ok: false, problem: 'expected a JSON object' };
  const o = json as Record<string, unknown>;
  const description = cleanText(o.description, 1000);
  if (!description) return { ok: false, problem: 'description is missing or empty' };
  const age = typeof o.age_band === 'string' ? o.age_band.trim() : undefined;
  return {
    ok: true,
    value: {
      // An age outside the bands is a guess we cannot place: dropped, not forced into a band.
      age_band: age && (AGE_BANDS as readonly string[]).includes(age) ? age : null,
      gender: cleanText(o.gender, 40),
      occupation: cleanText(o.occupation, 80),
      description,
    },
  };
}

function checkSentences<K extends string>(keys: readonly K[], value: unknown, group: string): Checked<Record<K, string>> {
  if (!value || typeof value !== 'object') return { ok: false, problem: `${group} is missing` };
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const text = cleanText((value as Record<string, unknown>)[key], 400);
    if (!text) return { ok: false, problem: `${group}.${key} is missing or empty` };
    out[key] = text;
  }
  return { ok: true, value: out };
}

function checkBehaviours(json: unknown): Checked<Behaviours> {
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const hexaco = checkSentences(HEXACO_KEYS, o.hexaco, 'hexaco');
  if (!hexaco.ok) return hexaco;
  const csi = checkSentences(CSI_KEYS, o.csi, 'csi');
  if (!csi.ok) return csi;
  return { ok: true, value: { hexaco: hexaco.value, csi: csi.value } };
}

/** (a) The persona card of one speaker of a dialogue. */
export function extractCard(client: ChatClient, session: Pick<LoadedSession, 'turns'>, speaker: Speaker, options: StepOptions = {}): Promise<ExtractedCard> {
  return structuredStep(client, 'persona card', cardMessages(session.turns, speaker), CARD_SCHEMA, checkCard, options);
}

/** (b) One behavioural sentence per dimension, from a dialogue plus card or from a description. */
export function describeBehaviours(client: ChatClient, source: Parameters<typeof behaviourMessages>[0], options: StepOptions = {}): Promise<Behaviours> {
  return structuredStep(client, 'behaviour descriptions', behaviourMessages(source), BEHAVIOUR_SCHEMA, checkBehaviours, options);
}

/** Valid ratings in a reply: whole numbers 1–5 for ids that were asked; anything else is left unanswered. */
export function validRatings(text: string, items: readonly InventoryItem[]): Record<string, number> {
  const json = extractJsonObject(text, (v) => items.some((item) => item.id in v));
  const out: Record<string, number> = {};
  if (!json || typeof json !== 'object') return out;
  for (const item of items) {
    const value = (json as Record<string, unknown>)[item.id];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5) out[item.id] = value;
  }
  return out;
}

/**
 * (c) Rates every statement of an inventory for the profile, in batches. Items
 * left unrated or rated invalidly are asked for once more; those still missing
 * are reported and left out of the means (never filled in).
 */
export async function rateInventory(
  client: ChatClient,
  profile: string,
  inventory: Inventory,
  options: PipelineOptions = {},
): Promise<{ answers: Record<string, number>; missing: string[] }> {
  const size = Math.max(1, options.batchSize ?? 24);
  const answers: Record<string, number> = {};
  const ask = async (items: readonly InventoryItem[]) => {
    const result = await client.chat(
      { messages: ratingMessages(profile, items), jsonSchema: ratingSchema(items), temperature: 0, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
      { signal: options.signal },
    );
    if (result.usage) options.onUsage?.(result.usage);
    Object.assign(answers, validRatings(result.text, items));
  };
  const items = inventory.items as readonly InventoryItem[];
  for (let i = 0; i < items.length; i += size) await ask(items.slice(i, i + size));
  const unanswered = items.filter((item) => !(item.id in answers));
  for (let i = 0; i < unanswered.length; i += size) await ask(unanswered.slice(i, i + size));
  return { answers, missing: items.filter((item) => !(item.id in answers)).map((item) => item.id) };
}

export interface ProfileScores {
  hexaco: Partial<Hexaco>;
  csi: Partial<Csi>;
  answers: Record<string, number>;
  missing: string[];
}

/** (c) for both inventories, scored. */
export async function scoreProfile(client: ChatClient, profile: string, options: PipelineOptions = {}): Promise<ProfileScores> {
  const inventories = options.inventories ?? (await bundledInventories());
  const hexacoRated = await rateInventory(client, profile, inventories.hexaco, options);
  const csiRated = await rateInventory(client, profile, inventories.csi, options);
  return {
    hexaco: scoreInventory(inventories.hexaco, hexacoRated.answers).scores,
    csi: scoreInventory(inventories.csi, csiRated.answers).scores,
    answers: { ...hexacoRated.answers, ...csiRated.answers },
    missing: [...hexacoRated.missing, ...csiRated.missing],
  };
}

function inventoryLabel(inventory: Inventory): string {
  return `${inventory.name} v${inventory.version}`;
}

function endpointRecord(client: ChatClient): EndpointRecord {
  let baseURL = client.endpoint.baseURL;
  try {
    const u = new URL(baseURL);
    u.username = '';
    u.password = '';
    baseURL = u.toString().replace(/\/$/, '');
  } catch {
    // not a URL: keep as given (it holds no credentials we could strip)
  }
  return { baseURL, model: client.endpoint.model };
}

/** The whole pipeline for one speaker of a finished (or running) session. */
export async function measureSession(client: ChatClient, session: Pick<LoadedSession, 'turns'>, speaker: Speaker, options: PipelineOptions = {}): Promise<MeasurementResult> {
  const own = session.turns.filter((t) => t.speaker === speaker);
  if (own.length === 0) throw new PipelineError(`the ${speaker} has no turns in this session: nothing to measure`);
  const inventories = options.inventories ?? (await bundledInventories());
  const card = await extractCard(client, session, speaker, options);
  const behaviours = await describeBehaviours(client, { turns: session.turns, speaker, card }, options);
  const scores = await scoreProfile(client, profileText(cardText(card), behaviours), { ...options, inventories });
  return {
    speaker,
    afterTurn: session.turns[session.turns.length - 1]!.index,
    card,
    behaviours,
    ...scores,
    inventories: { hexaco: inventoryLabel(inventories.hexaco), csi: inventoryLabel(inventories.csi) },
    model: endpointRecord(client),
    prompts: { measurement: MEASUREMENT_PROMPT_VERSION },
  };
}

export interface DescriptionScores {
  hexaco: Hexaco;
  csi: Csi;
  behaviours: Behaviours;
  /** Items never validly rated (left out of their dimension's mean). */
  missing: string[];
  /** Raw 1–5 ratings per item id, before reverse keying. */
  answers: Record<string, number>;
}

/** Some dimension got no valid rating at all: there is no score to give it. */
export class UnscoredError extends PipelineError {}

/**
 * A free-text description of a person → HEXACO + CSI (steps b and c). Throws
 * PipelineError when a dimension ends up with no rated statement at all, so a
 * caller never receives a made-up score.
 */
export async function scoreDescription(client: ChatClient, description: string, options: PipelineOptions = {}): Promise<DescriptionScores> {
  const text = description.trim();
  if (text === '') throw new PipelineError('the description is empty');
  const behaviours = await describeBehaviours(client, { description: text }, options);
  const scores = await scoreProfile(client, profileText(`Description: ${text}`, behaviours), options);
  const hexaco = toHexaco({ scores: scores.hexaco as Partial<Record<HexacoKey, number>> });
  const csi = toCsi({ scores: scores.csi as Partial<Record<CsiKey, number>> });
  if (!hexaco || !csi) {
    const lost = [...unscoredDimensions(HEXACO_KEYS, { scores: scores.hexaco }), ...unscoredDimensions(CSI_KEYS, { scores: scores.csi })];
    throw new UnscoredError(`the model rated no statement validly for: ${lost.join(', ')}; try again or use another model`);
  }
  return { hexaco, csi, behaviours, missing: scores.missing, answers: scores.answers };
}
