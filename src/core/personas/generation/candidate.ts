import type { ChatClient } from '../../llm/types.js';
import { cardText } from '../../prompts/measurement.js';
import { CSI_KEYS, HEXACO_KEYS, type Csi, type Hexaco } from '../../traits/dimensions.js';
import { PipelineError, scoreDescription, UnscoredError, type Inventories } from '../../traits/pipeline.js';
import { cardProblem, inputProblem, normaliseDescription, traitProblem } from './rules.js';
import { checkConsistency, expandSeed, extractPersonCard } from './steps.js';
import type { Candidate, Drop, PersonCard, ScoredTraits } from './types.js';

/**
 * One candidate from description to persona-to-be: (generate only) write the
 * description from the seed, check it, read its card, check the card by rule
 * and (optionally) by the model, score HEXACO and CSI from it with the
 * measurement pipeline, check the traits. The first failed check drops the
 * candidate with its rule and reason. A server failure (LlmError) is thrown:
 * the candidate is not finished and a later run tries it again.
 */

export interface CandidateContext {
  client: ChatClient;
  inventories: Inventories;
  /** Run the model-judged consistency check after the fixed card rules. */
  check: boolean;
  /** Sampling temperature for writing descriptions (every other step uses 0). */
  temperature: number;
  signal?: AbortSignal;
  /** Claims a description for the run; false when an equal one was claimed first (a duplicate). */
  claim(text: string): boolean;
}

/** What a kept candidate becomes: a persona but for its id, which saving chooses. */
export interface Made {
  description: string;
  card: PersonCard;
  traits: ScoredTraits;
}

export type CandidateOutcome =
  | { kind: 'made'; made: Made }
  | { kind: 'dropped'; drop: Drop; description?: string; card?: PersonCard; traits?: Pick<ScoredTraits, 'hexaco' | 'csi'> };

const round2 = (v: number) => Math.round(v * 100) / 100;

export async function processCandidate(candidate: Candidate, ctx: CandidateContext): Promise<CandidateOutcome> {
  if (candidate.predropped) return { kind: 'dropped', drop: candidate.predropped };
  const steps = { seed: candidate.seed, ...(ctx.signal ? { signal: ctx.signal } : {}) };
  let description = candidate.source;
  let card: PersonCard | undefined;
  try {
    if (candidate.method === 'generate') {
      const variant = candidate.variant ?? { relation: 'someone they know', setting: 'a town like theirs' };
      description = normaliseDescription(await expandSeed(ctx.client, candidate.source, candidate.role, variant, { ...steps, temperature: ctx.temperature }));
    }
    const early = inputProblem(description);
    if (early) return { kind: 'dropped', drop: early, description };
    if (!ctx.claim(description)) {
      const what = candidate.method === 'generate' ? 'the model wrote a description that is already a seed or another candidate' : 'the same description as an earlier candidate';
      return { kind: 'dropped', drop: { rule: 'duplicate', reason: what }, description };
    }

    card = await extractPersonCard(ctx.client, description, candidate.role, steps);
    const badCard = cardProblem(card, candidate.role, description);
    if (badCard) return { kind: 'dropped', drop: badCard, description, card };
    if (ctx.check) {
      const verdict = await checkConsistency(ctx.client, description, card, steps);
      if (!verdict.consistent) {
        return { kind: 'dropped', drop: { rule: 'judged-inconsistent', reason: `the consistency check found: ${verdict.problems.join('; ')}` }, description, card };
      }
    }

    const scored = await scoreDescription(ctx.client, cardText(card), { ...steps, inventories: ctx.inventories });
    const traits: ScoredTraits = {
      hexaco: Object.fromEntries(HEXACO_KEYS.map((k) => [k, round2(scored.hexaco[k])])) as Hexaco,
      csi: Object.fromEntries(CSI_KEYS.map((k) => [k, round2(scored.csi[k])])) as Csi,
      answers: scored.answers,
      missing: scored.missing,
    };
    const thin = traitProblem(traits, ctx.inventories);
    if (thin) return { kind: 'dropped', drop: thin, description, card, traits: { hexaco: traits.hexaco, csi: traits.csi } };
    return { kind: 'made', made: { description, card, traits } };
  } catch (error) {
    if (error instanceof UnscoredError) return { kind: 'dropped', drop: { rule: 'traits-incomplete', reason: error.message }, description, ...(card ? { card } : {}) };
    if (error instanceof PipelineError) return { kind: 'dropped', drop: { rule: 'model-answer-unusable', reason: error.message }, description, ...(card ? { card } : {}) };
    throw error;
  }
}
