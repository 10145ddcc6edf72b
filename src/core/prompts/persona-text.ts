import type { Persona } from '../personas/schema.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES } from '../traits/dimensions.js';

/** Words for a 1–5 score, so prompts read as descriptions rather than bare numbers. */
export function levelWord(score: number): string {
  if (score < 1.8) return 'very low';
  if (score < 2.6) return 'low';
  if (score <= 3.4) return 'moderate';
  if (score <= 4.2) return 'high';
  return 'very high';
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? score.toFixed(0) : score.toFixed(1);
}

/** Who the person is: the demographic card, without traits or situation. */
export function personaCard(p: Persona): string {
  const facts = [
    p.age_band ? `age ${p.age_band}` : undefined,
    p.gender,
    p.occupation,
  ].filter(Boolean);
  return `${p.name}${facts.length ? ` (${facts.join(', ')})` : ''}. ${p.description}`;
}

/** HEXACO and CSI scores as the paper put them in the prompt: number plus a plain word. */
export function traitLines(p: Persona): string[] {
  const lines: string[] = [];
  if (p.hexaco) {
    lines.push('Personality (HEXACO, 1 = very low, 5 = very high):');
    for (const k of HEXACO_KEYS) {
      lines.push(`- ${HEXACO_NAMES[k]}: ${formatScore(p.hexaco[k])} (${levelWord(p.hexaco[k])})`);
    }
  }
  if (p.csi) {
    lines.push('Communication style (CSI, 1 = very low, 5 = very high):');
    for (const k of CSI_KEYS) {
      lines.push(`- ${CSI_NAMES[k]}: ${formatScore(p.csi[k])} (${levelWord(p.csi[k])})`);
    }
  }
  return lines;
}

/** The seeker's problem as ESConv records it. */
export function situationLines(p: Persona): string[] {
  const lines: string[] = [];
  if (p.emotion_type) lines.push(`Main emotion: ${p.emotion_type}${p.initial_intensity ? ` (intensity ${p.initial_intensity} of 5)` : ''}`);
  if (p.problem_type) lines.push(`Problem: ${p.problem_type}`);
  if (p.situation) lines.push(`Situation: ${p.situation}`);
  return lines;
}
