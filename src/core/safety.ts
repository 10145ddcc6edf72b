/**
 * Crisis-language detection for text a human types as the seeker. Deliberately
 * simple and over-inclusive: a false banner costs a glance, a missed one costs more.
 * It never blocks the conversation; the UI shows where to find help.
 */
const PATTERNS: RegExp[] = [
  /\bkill(ing)?\s+my\s?self\b/i,
  /\bend(ing)?\s+(my|it)\s+(life|all)\b/i,
  /\bsuicid(e|al)\b/i,
  /\bself[-\s]?harm(ing)?\b/i,
  /\bhurt(ing)?\s+my\s?self\b/i,
  /\bcut(ting)?\s+my\s?self\b/i,
  /\b(want|wish)\s+(to\s+)?(be\s+)?dead\b/i,
  /\bdon'?t\s+want\s+to\s+(live|be\s+alive|exist)\b/i,
  /\bno\s+reason\s+to\s+live\b/i,
  /\b(overdose|take\s+all\s+(my|the)\s+pills)\b/i,
  /\bbetter\s+off\s+(dead|without\s+me)\b/i,
];

export function showsCrisisLanguage(text: string): boolean {
  return PATTERNS.some((p) => p.test(text));
}

export const CRISIS_HELP =
  'If you are thinking about harming yourself, please reach out now: call your local emergency number, ' +
  'or a crisis line (e.g. 988 in the US, 116 123 Samaritans in the UK/IE; findahelpline.com lists lines worldwide). ' +
  'This app is a simulator and cannot help in a crisis.';

export const SIMULATOR_NOTICE =
  'persona-talks is a research and practice simulator. The conversations are written by language models ' +
  'playing characters; they are not therapy and not advice.';
