import { parseInventory } from '../../../src/core/traits/inventory.js';
import type { Inventories } from '../../../src/core/traits/pipeline.js';
import { CSI_KEYS, HEXACO_KEYS } from '../../../src/core/traits/dimensions.js';
import type { RecordedRequest, Reply } from '../../support/fake-openai-server.js';

/**
 * Small inventories (two statements per dimension, some reverse-keyed) and the
 * ratings the fake model gives, so every expected score can be worked out by hand.
 */

const item = (id: string, dimension: string, reverse: boolean) =>
  `  - { id: ${id}, dimension: ${dimension}, reverse: ${reverse}, text: "Statement ${id} about the person." }`;

const HEXACO_YAML = [
  'name: test hexaco',
  'version: 1',
  'kind: hexaco',
  'scale: { min: 1, max: 5 }',
  'items:',
  item('H1', 'H', false), item('H2', 'H', true),
  item('E1', 'E', false), item('E2', 'E', false),
  item('X1', 'X', true), item('X2', 'X', true),
  item('A1', 'A', false), item('A2', 'A', true),
  item('C1', 'C', false), item('C2', 'C', false),
  item('O1', 'O', false), item('O2', 'O', true),
].join('\n');

const CSI_YAML = [
  'name: test csi',
  'version: 2',
  'kind: csi',
  'scale: { min: 1, max: 5 }',
  'items:',
  item('EXP1', 'expressiveness', false), item('EXP2', 'expressiveness', true),
  item('PRE1', 'preciseness', false), item('PRE2', 'preciseness', false),
  item('VAG1', 'verbal_aggressiveness', false), item('VAG2', 'verbal_aggressiveness', true),
  item('QUE1', 'questioningness', false), item('QUE2', 'questioningness', true),
  item('EMO1', 'emotionality', false), item('EMO2', 'emotionality', false),
  item('IMA1', 'impression_manipulativeness', true), item('IMA2', 'impression_manipulativeness', false),
].join('\n');

export function fixtureInventories(): Inventories {
  return { hexaco: parseInventory(HEXACO_YAML, 'hexaco-fixture', 'hexaco'), csi: parseInventory(CSI_YAML, 'csi-fixture', 'csi') };
}

/** Raw ratings the fake model answers with. */
export const RATINGS: Record<string, number> = {
  H1: 4, H2: 2, E1: 5, E2: 4, X1: 4, X2: 5, A1: 3, A2: 1, C1: 2, C2: 3, O1: 5, O2: 4,
  EXP1: 2, EXP2: 4, PRE1: 5, PRE2: 4, VAG1: 1, VAG2: 5, QUE1: 3, QUE2: 2, EMO1: 5, EMO2: 5, IMA1: 4, IMA2: 1,
};

/**
 * Worked by hand (reverse → 6 − raw, then the mean of the two items):
 * H (4 + 6−2)/2 = 4 · E (5 + 4)/2 = 4.5 · X (6−4 + 6−5)/2 = 1.5 · A (3 + 6−1)/2 = 4
 * C (2 + 3)/2 = 2.5 · O (5 + 6−4)/2 = 3.5
 * expressiveness (2 + 6−4)/2 = 2 · preciseness (5 + 4)/2 = 4.5 · verbal_aggressiveness (1 + 6−5)/2 = 1
 * questioningness (3 + 6−2)/2 = 3.5 · emotionality (5 + 5)/2 = 5 · impression_manipulativeness (6−4 + 1)/2 = 1.5
 */
export const EXPECTED_HEXACO = { H: 4, E: 4.5, X: 1.5, A: 4, C: 2.5, O: 3.5 };
export const EXPECTED_CSI = {
  expressiveness: 2,
  preciseness: 4.5,
  verbal_aggressiveness: 1,
  questioningness: 3.5,
  emotionality: 5,
  impression_manipulativeness: 1.5,
};

export const CARD = { age_band: '25-34', gender: 'woman', occupation: 'baker', description: 'Works nights at a bakery and sleeps badly.' };

export function behavioursAnswer(): string {
  return JSON.stringify({
    hexaco: Object.fromEntries(HEXACO_KEYS.map((k) => [k, `Behaviour sentence for ${k}.`])),
    csi: Object.fromEntries(CSI_KEYS.map((k) => [k, `Style sentence for ${k}.`])),
  });
}

export function askedIds(r: RecordedRequest): string[] {
  return Object.keys((r.body.response_format?.json_schema?.schema as { properties?: object } | undefined)?.properties ?? {});
}

/** Answers card, behaviour and rating requests; `ratings` may be overridden per call. */
export function pipelineHandler(options: { rate?: (ids: string[], call: number) => Record<string, unknown> } = {}) {
  let ratingCalls = 0;
  return (r: RecordedRequest): Reply => {
    const name = r.body.response_format?.json_schema?.name;
    if (name === 'persona_card') return { kind: 'text', content: JSON.stringify(CARD) };
    if (name === 'behaviour_descriptions') return { kind: 'text', content: behavioursAnswer() };
    if (name === 'inventory_ratings') {
      const ids = askedIds(r);
      ratingCalls++;
      const answer = options.rate ? options.rate(ids, ratingCalls) : Object.fromEntries(ids.map((id) => [id, RATINGS[id]]));
      return { kind: 'text', content: JSON.stringify(answer) };
    }
    return { kind: 'status', status: 400 };
  };
}
