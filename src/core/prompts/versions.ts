import type { EngineKind } from '../domain.js';
import { SEEKER_PROMPT_VERSION, SUPPORTER_PROMPT_VERSION } from './agents.js';
import { CLASSIFIER_PROMPT_VERSION } from './classifier.js';
import { DOCTOR_PROMPT_VERSION } from './doctor.js';
import { JUDGE_PROMPT_VERSION } from './judge.js';
import { MEASUREMENT_PROMPT_VERSION } from './measurement.js';
import { QUALITY_PROMPT_VERSION } from './quality.js';
import { PERSONA_CARD_PROMPT_VERSION } from './persona-card.js';
import { PERSONA_CHECK_PROMPT_VERSION } from './persona-check.js';
import { PERSONA_EXPANSION_PROMPT_VERSION } from './persona-expansion.js';
import { REMINDER_PROMPT_VERSION } from './reminder.js';
import { SCRIPT_PROMPT_VERSION } from './script.js';
import { SUMMARY_PROMPT_VERSION } from './summary.js';

/** Every prompt the app sends, by the name sessions record it under, and its current version. */
export const PROMPT_VERSIONS = {
  seeker: SEEKER_PROMPT_VERSION,
  supporter: SUPPORTER_PROMPT_VERSION,
  script: SCRIPT_PROMPT_VERSION,
  judge: JUDGE_PROMPT_VERSION,
  classifier: CLASSIFIER_PROMPT_VERSION,
  measurement: MEASUREMENT_PROMPT_VERSION,
  reminder: REMINDER_PROMPT_VERSION,
  doctor: DOCTOR_PROMPT_VERSION,
  quality: QUALITY_PROMPT_VERSION,
  // `personas generate` / `personas import FILE`: recorded in a persona's provenance, not in sessions.
  personaExpansion: PERSONA_EXPANSION_PROMPT_VERSION,
  personaCard: PERSONA_CARD_PROMPT_VERSION,
  personaCheck: PERSONA_CHECK_PROMPT_VERSION,
  summary: SUMMARY_PROMPT_VERSION,
} as const;

export type PromptName = keyof typeof PROMPT_VERSIONS;

/** The versions of the prompts a conversation's model calls use, for its session header. */
export function promptVersions(uses: { engine: EngineKind; judge: boolean; classifier: boolean; summary?: boolean }): Partial<Record<PromptName, string>> {
  // An agent that declines its persona is asked once more with the reminder. Doctor's probes are no session's.
  const names: PromptName[] = uses.engine === 'script' ? ['script'] : ['seeker', 'supporter', 'reminder'];
  if (uses.summary && uses.engine !== 'script') names.push('summary');
  if (uses.judge) names.push('judge');
  if (uses.classifier) names.push('classifier');
  return Object.fromEntries(names.map((name) => [name, PROMPT_VERSIONS[name]]));
}
