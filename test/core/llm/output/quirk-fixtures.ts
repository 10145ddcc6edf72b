import { FAKE_REASONING } from '../../../../src/devtools/quirk-handler.js';

/**
 * What a quirk must never put on screen or into a saved turn: reasoning, raw JSON or
 * fences, the prose around JSON, the other speaker's lines, and refusal words.
 */
export const NEVER_DIALOGUE: readonly RegExp[] = [
  /Let me plan this reply/,
  /<\/?(?:think|thinking|reasoning)\b/i,
  /\{\s*"/,
  /```/,
  /Sure! Here is my reply|Hope this helps/,
  /I hear you, that sounds really hard|I guess that makes sense/,
  /role-play|As an AI|decline to act|crisis line|licensed therapist/i,
];

export function expectClean(text: string): string[] {
  return NEVER_DIALOGUE.filter((re) => re.test(text)).map(String);
}

export { FAKE_REASONING };
