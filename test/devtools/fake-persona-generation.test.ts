import { describe, expect, it } from 'vitest';
import { personaCardMessages, personaCardSchema } from '../../src/core/prompts/persona-card.js';
import { consistencyMessages, CONSISTENCY_SCHEMA } from '../../src/core/prompts/persona-check.js';
import { EXPANSION_SCHEMA, expansionMessages, expansionVariant } from '../../src/core/prompts/persona-expansion.js';
import { ratingMessages, ratingSchema } from '../../src/core/prompts/measurement.js';
import { loadBundledInventory } from '../../src/core/traits/inventory.js';
import type { JsonSchemaFormat, ChatMessage } from '../../src/core/llm/types.js';
import { levelsFor, personaGenerationReply } from '../../src/devtools/fake-persona-generation.js';

/** A request as the app sends it, and the fake's answer parsed. */
function ask(messages: ChatMessage[], format: JsonSchemaFormat, seed?: number): Record<string, unknown> {
  const reply = personaGenerationReply({ body: { messages, response_format: { type: 'json_schema', json_schema: format }, ...(seed !== undefined ? { seed } : {}) } });
  return JSON.parse(reply!) as Record<string, unknown>;
}

const SEED = 'A retired nurse who volunteers at a hospice.';

describe("the fake server's persona answers", () => {
  it('write a different person for every candidate, where the prompt says they live', () => {
    const written = Array.from({ length: 8 }, (_, i) => ask(expansionMessages(SEED, 'seeker', expansionVariant(i, 1)), EXPANSION_SCHEMA, 100 + i).description as string);
    expect(new Set(written).size).toBe(8);
    expect(written[0]).toMatch(/^An? \d+-year-old .+ in a large city who .+, and .+\.$/);
    for (const text of written) expect(text).toMatch(/^(An (8|11|18)|A (?!8|11|18))/);
    // The same request with the same seed gets the same answer.
    expect(ask(expansionMessages(SEED, 'seeker', expansionVariant(0, 1)), EXPANSION_SCHEMA, 100).description).toBe(written[0]);
  });

  it('read the card back out of the description, seeker context only when asked for', () => {
    const description = 'A 52-year-old ferry mechanic in a coastal town who worries about everything, and has just been told the yard will close.';
    const seeker = ask(personaCardMessages(description, 'seeker'), personaCardSchema('seeker'));
    expect(seeker).toMatchObject({ is_person: true, age_band: '45-54', occupation: 'ferry mechanic', emotion_type: 'fear', problem_type: 'job crisis', name: expect.stringMatching(/^\S+ \S+/) });
    expect(seeker.description).toContain(description);
    const supporter = ask(personaCardMessages('A grandmother who knits for the street.', 'supporter'), personaCardSchema('supporter'));
    expect(supporter).toMatchObject({ gender: 'woman', age_band: '55-64' });
    expect('situation' in supporter).toBe(false);
    expect(ask(personaCardMessages('The quarterly report of a shipping company.', 'seeker'), personaCardSchema('seeker'))).toMatchObject({ is_person: false, age_band: null });
  });

  it('check a card against its description', () => {
    const card = { is_person: true, name: 'Kai Osei', age_band: '45-54', gender: null, occupation: 'ferry mechanic', description: 'Kai fixes ferries.' };
    const description = 'A 52-year-old ferry mechanic who stays calm.';
    expect(ask(consistencyMessages(description, card), CONSISTENCY_SCHEMA)).toEqual({ consistent: true, problems: [] });
    expect(ask(consistencyMessages(description, { ...card, age_band: '18-24', occupation: 'pilot' }), CONSISTENCY_SCHEMA)).toEqual({
      consistent: false,
      problems: ['The description says the person is a ferry mechanic, but the card says pilot.', 'The description gives the age as 52-year-old, which is outside 18-24.'],
    });
    // An age the occupation rules out, which no word-list rule covers: the check is what drops it.
    const young = 'A 16-year-old bus driver who loves the night routes.';
    expect(ask(consistencyMessages(young, { ...card, age_band: 'under 18', occupation: 'bus driver' }), CONSISTENCY_SCHEMA)).toEqual({ consistent: false, problems: ['A bus driver is unlikely to be 16-year-old.'] });
  });

  it('rate inventory statements by the person described, reverse keys included', async () => {
    const hexaco = await loadBundledInventory('hexaco');
    const items = hexaco.items.filter((i) => i.dimension === 'E');
    const rate = (who: string) => ask(ratingMessages(`Description: ${who}`, items), ratingSchema(items)) as Record<string, number>;
    const worrier = rate('A 30-year-old clerk who worries about everything and frets over small things.');
    const steady = rate('A 30-year-old clerk who stays calm when everyone else panics.');
    const forward = items.filter((i) => !i.reverse).map((i) => i.id);
    const reverse = items.filter((i) => i.reverse).map((i) => i.id);
    const mean = (r: Record<string, number>, ids: string[]) => ids.reduce((s, id) => s + r[id]!, 0) / ids.length;
    expect(mean(worrier, forward)).toBeGreaterThan(mean(worrier, reverse));
    expect(mean(steady, forward)).toBeLessThan(mean(steady, reverse));
    expect(Object.values(worrier).every((v) => Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
    // CSI Emotionality follows HEXACO Emotionality (the pair psychology predicts), by construction.
    const levels = levelsFor('Description: A clerk who worries about everything.');
    expect(Math.abs(levels.emotionality! - levels.E!)).toBeLessThanOrEqual(0.6);
  });
});
