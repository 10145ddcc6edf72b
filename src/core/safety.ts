/**
 * Safety wording and the crisis check, the one place the UI takes them from.
 * The check is a lexicon (src/core/safety/lexicon/), not a clinical tool; it
 * never blocks the conversation: the UI shows where to find help. See
 * docs/crisis-check.md for what it detects and how to extend it.
 */
import type { Turn } from './engine/events.js';
import type { Mode } from './sessions/format.js';
import { hasCrisisLanguage } from './safety/detect.js';

export { detectCrisis, type CrisisDetection } from './safety/detect.js';
export { CRISIS_CATEGORIES, CRISIS_CATEGORY_LABELS, type CrisisCategory } from './safety/categories.js';

/** True when the text shows crisis language (any category of detectCrisis). */
export function showsCrisisLanguage(text: string): boolean {
  return hasCrisisLanguage(text);
}

/** Which crisis banner a screen shows: help for a person typing as the seeker, or guidance for a trainee supporter. */
export type CrisisBannerKind = 'seeker-help' | 'trainee-guidance';

/**
 * The banner a finished seeker turn calls for. Text a human types as the
 * seeker gets the help banner; the AI seeker's text gets the trainee banner
 * only when a human sits in the supporter's seat (watching AI with AI needs
 * neither: nobody there is in crisis or practising).
 */
export function crisisBannerFor(mode: Mode, turn: Pick<Turn, 'speaker' | 'by' | 'text'>): CrisisBannerKind | undefined {
  if (turn.speaker !== 'seeker') return undefined;
  if (turn.by === 'human') return showsCrisisLanguage(turn.text) ? 'seeker-help' : undefined;
  return mode === 'join-supporter' && showsCrisisLanguage(turn.text) ? 'trainee-guidance' : undefined;
}

/** For the person typing as the seeker: where to find help now. */
export const CRISIS_HELP =
  'If you are thinking about harming yourself, or you are not safe where you are, please reach out now: ' +
  'call your local emergency number, or a crisis line (e.g. 988 in the US, call or text; Samaritans on 116 123 in the UK and Ireland; ' +
  'findahelpline.com lists lines worldwide). This app is a simulator and cannot help in a crisis.';

/**
 * For a person practising as the supporter when the AI seeker's words read like
 * a crisis: what a trained helper would do next. The seeker is simulated, the
 * practice is not.
 */
export const TRAINEE_CRISIS_TITLE = 'The seeker may be in crisis: practise a safety check';

export const TRAINEE_CRISIS_GUIDANCE =
  'The seeker just said something that can signal a crisis (suicide, self-harm, or danger at home). ' +
  'Practise what you would do with a real person: take it seriously and stay calm; ask directly and plainly, ' +
  'e.g. "Are you thinking about killing yourself?" or "Are you safe right now?" (asking does not put the idea in their head); ' +
  'listen, and point them to immediate help: their local emergency number, 988 in the US (call or text), ' +
  'Samaritans on 116 123 in the UK and Ireland, or findahelpline.com for other countries.';

/** One line of each banner, for a screen with no room for the whole text (60×20). */
export const CRISIS_HELP_SHORT = 'In crisis? Call your local emergency number, 988 (US), 116 123 (UK/IE), or see findahelpline.com.';
export const TRAINEE_CRISIS_SHORT = 'Possible crisis: take it seriously, ask directly about safety, point to 988 (US), 116 123 (UK/IE), findahelpline.com.';

export { SIMULATOR_NOTICE } from './safety/notice.js';
