/**
 * "The reply is in another language than the conversation." Small models drift
 * into the language they were trained on most (a Qwen model answering in
 * Chinese), or follow one foreign word in a persona into a foreign reply.
 *
 * franc-min (trigram language identification) names the language; short chat
 * lines are hard for any identifier — an English sentence can come out "German"
 * with English a close second — so a reply only counts as another language when
 * the conversation's language scores far below the best guess for it.
 */
import { francAll } from 'franc-min';

/** Shorter than this, no identifier is worth trusting. */
const MIN_LETTERS = 24;
/** francAll scores the best language 1; the reference language must fall below this to count as different. */
const DIFFERENT_BELOW = 0.75;

const NAMES: Record<string, string> = {
  eng: 'English', cmn: 'Chinese', spa: 'Spanish', deu: 'German', fra: 'French', por: 'Portuguese', ita: 'Italian',
  nld: 'Dutch', rus: 'Russian', jpn: 'Japanese', kor: 'Korean', arb: 'Arabic', hin: 'Hindi', tur: 'Turkish',
  pol: 'Polish', vie: 'Vietnamese', ind: 'Indonesian', ukr: 'Ukrainian', swe: 'Swedish',
};

export function languageName(code: string): string {
  return NAMES[code] ?? code;
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** The most likely language of `text` (ISO 639-3), or undefined when it is too short to tell. */
export function languageOf(text: string): string | undefined {
  if (letters(text) < MIN_LETTERS) return undefined;
  const best = francAll(text, { minLength: 1 })[0];
  return best && best[0] !== 'und' ? best[0] : undefined;
}

/**
 * When `reply` is clearly not in `reference` (the conversation's language): both
 * codes. Undefined when they agree or either is too short to tell.
 */
export function languageMismatch(reply: string, reference: string): { reply: string; reference: string } | undefined {
  const expected = referenceLanguage(reference);
  if (!expected || letters(reply) < MIN_LETTERS) return undefined;
  const scores = francAll(reply, { minLength: 1 });
  const best = scores[0];
  if (!best || best[0] === 'und' || best[0] === expected) return undefined;
  const score = scores.find(([code]) => code === expected)?.[1] ?? 0;
  return score < DIFFERENT_BELOW ? { reply: best[0], reference: expected } : undefined;
}

/**
 * The reference is a conversation's system prompt: kilobytes, the same on every
 * turn, and identifying it cost more than anything else a turn does on this side
 * (profiled with 64 conversations at once). So each is identified once; the
 * cache is bounded for runs with many personas.
 */
const REFERENCE_CACHE_SIZE = 512;
const referenceCache = new Map<string, string | undefined>();

function referenceLanguage(reference: string): string | undefined {
  if (referenceCache.has(reference)) return referenceCache.get(reference);
  const code = languageOf(reference);
  if (referenceCache.size >= REFERENCE_CACHE_SIZE) referenceCache.delete(referenceCache.keys().next().value!);
  referenceCache.set(reference, code);
  return code;
}
