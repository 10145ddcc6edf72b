/**
 * A model declining to play its persona. Two kinds of evidence:
 *
 * - a refusal: the reply says it will not or cannot take the role or the
 *   request ("I'm sorry, but I can't role-play someone in distress", "I must
 *   decline", "this request goes against …");
 * - an answer from outside the persona: it speaks as an AI, talks about "the
 *   user", or — for the seeker, who came for help — advises the supporter to see
 *   a professional. A supporter recommending a crisis line is in role: its
 *   prompt asks for exactly that.
 *
 * The patterns are this project's own and are meant to be maintained: each has a
 * reason shown to the user, and the tests hold phrasings that must and must not
 * match (a seeker saying "I can't do this anymore" is in character).
 */

export type RefusalSide = 'seeker' | 'supporter';

export interface RefusalFinding {
  /** 'refusal': declines the role; 'out-of-persona': answers as something other than the persona. */
  kind: 'refusal' | 'out-of-persona';
  /** A few words for notes and records: what gave it away. */
  reason: string;
}

interface Pattern {
  re: RegExp;
  reason: string;
  kind: RefusalFinding['kind'];
  /** Only for this side (both when absent). */
  side?: RefusalSide;
}

const CANNOT = String.raw`(?:can(?:'|’)?t|cannot|can not|won(?:'|’)?t|will not|am not able to|(?:'|’)m not able to|am unable to|(?:'|’)m unable to|(?:am|(?:'|’)m) not (?:comfortable|going to)|don(?:'|’)?t feel comfortable)`;
const PLAY_THE_ROLE = String.raw`(?:role-?play(?:ing)?|pretend(?:ing)?(?: to be)?|act(?:ing)? as|portray(?:ing)?|impersonat(?:e|ing)|simulat(?:e|ing)|play(?:ing)? (?:the|this|that|a|such a) (?:role|part|character|person)|tak(?:e|ing) on (?:the|this|that) (?:role|persona|character)|continu(?:e|ing) (?:this|the) (?:role-?play|scenario|conversation|simulation))`;
const REQUEST = String.raw`(?:this|that|your|the) (?:request|role-?play|scenario|prompt|task|instruction)s?`;

export const REFUSAL_PATTERNS: readonly Pattern[] = [
  { kind: 'refusal', reason: 'says it will not play the role', re: new RegExp(String.raw`\bI\s*${CANNOT}\s+(?:\w+\s+){0,3}?${PLAY_THE_ROLE}`, 'i') },
  { kind: 'refusal', reason: 'apologises and declines', re: new RegExp(String.raw`\b(?:I(?:'|’)?m|I am) (?:so |very |really )?(?:sorry|afraid)\b[^.!?\n]{0,40}\b${CANNOT}\s+(?:help|assist|comply|fulfil+|do|provide|engage|write|continue|participate)\b`, 'i') },
  { kind: 'refusal', reason: 'declines the request', re: new RegExp(String.raw`\b${CANNOT}\s+(?:help|assist) with ${REQUEST}|\b(?:can(?:'|’)?t|cannot|unable to|not able to) (?:comply with|fulfil+|complete|carry out) ${REQUEST}`, 'i') },
  { kind: 'refusal', reason: 'declines', re: /\bI (?:must|have to|will have to|need to|(?:'|’)ll have to) (?:respectfully |politely |kindly )?decline\b/i },
  { kind: 'refusal', reason: 'cites a policy', re: new RegExp(String.raw`\b${REQUEST} (?:goes against|violates|is against|conflicts with|is not (?:something|allowed))`, 'i') },
  { kind: 'refusal', reason: 'will not engage in the role-play', re: /\b(?:not (?:able|allowed|permitted|comfortable) to|unable to|refuse to) (?:engage in|take part in|participate in) (?:this|that|the|such (?:a|an)) (?:role-?play|simulation|scenario|exercise)/i },
  { kind: 'out-of-persona', reason: 'speaks as an AI', re: /\bas an? (?:AI|artificial intelligence|(?:large )?language model|LLM|AI (?:language )?model|AI assistant|virtual assistant|chatbot)(?:\s*,|\s+I\b|\s+myself\b)/i },
  { kind: 'out-of-persona', reason: 'says it is an AI', re: /\bI(?:(?:'|’)m| am) (?:just |only |merely )?(?:an? )?(?:AI|artificial intelligence|(?:large )?language model|AI (?:language )?model|AI assistant|virtual assistant|chatbot)\b(?![-\w])/i },
  { kind: 'out-of-persona', reason: 'does not have feelings or experiences of its own', re: /\bI (?:do not|don(?:'|’)?t) have (?:personal )?(?:feelings|emotions|experiences|problems)(?: of my own)?(?: to share)?,? (?:but|as|since)\b/i },
  { kind: 'out-of-persona', reason: 'talks about "the user"', re: /\bthe user(?:(?:'|’)s)?\b/i },
  {
    kind: 'out-of-persona',
    reason: 'advises the supporter to seek professional help',
    side: 'seeker',
    re: /\b(?:I (?:would |'d |’d )?(?:strongly |really )?(?:recommend|suggest|encourage|urge)(?: that)? you|please|you (?:should|might want to|may want to|could|need to)(?: (?:really|consider|think about))?)\s+(?:\w+\s+){0,3}?(?:reach(?:ing)? out to|talk(?:ing)? to|speak(?:ing)? (?:to|with)|contact(?:ing)?|seek(?:ing)?(?: out)?|consult(?:ing)?|call(?:ing)?)\s+(?:\w+\s+){0,3}?(?:professional|therapist|counsel+or|psychologist|psychiatrist|crisis (?:line|hotline)|hotline|helpline|doctor)/i,
  },
];

/**
 * What, if anything, shows that `text` (a reply meant as the persona's chat
 * message) declines or steps outside the role. Undefined when it reads as the persona.
 */
export function detectRefusal(text: string, side: RefusalSide): RefusalFinding | undefined {
  for (const pattern of REFUSAL_PATTERNS) {
    if (pattern.side && pattern.side !== side) continue;
    if (pattern.re.test(text)) return { kind: pattern.kind, reason: pattern.reason };
  }
  return undefined;
}

/** How refusals and out-of-persona answers open. A reply that starts otherwise streams at once. */
const OPENERS = [
  "i'm sorry", 'i am sorry', 'sorry', "i'm afraid", 'i am afraid', 'i apologi', 'unfortunately', "i can't", 'i cannot', 'i can not',
  "i won't", 'i will not', 'i must', "i'm unable", 'i am unable', "i'm not able", 'i am not able', "i'm not comfortable",
  'i am not comfortable', "i don't feel comfortable", "i'd rather not", 'as an ', 'as a language', 'as a large', "i'm an ai", 'i am an ai',
  "i'm just an", 'i am just an', "i'm an artificial", 'i am an artificial', "i don't have", 'i do not have', 'i understand',
  'it sounds like the user', 'the user', 'i would recommend', "i'd recommend", 'i recommend', 'i strongly', 'i would encourage',
  "i'd encourage", 'i encourage', 'please', 'this request', 'that request', 'your request', "i'm not going", 'i need to', 'i have to',
  'thank you for reaching out', "i'm here to help", 'i am here to help', "i'm happy to help", 'i am happy to help',
];

function couldOpenRefusal(start: string): boolean {
  const p = start.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
  return OPENERS.some((o) => o.startsWith(p) || p.startsWith(o));
}

/**
 * While streaming: a reply that opens the way refusals open ("I'm sorry", "As an
 * AI", "I can't", "Please …") is held until its first sentence is complete (or
 * 200 characters) and screened; any other opening streams at once. A refusal
 * that comes later is found when the reply is complete, and the words shown are
 * withdrawn then (turn-reset).
 */
export class RefusalScreen {
  private held = '';
  private open = false;
  private suspect = false;

  constructor(private readonly side: RefusalSide) {}

  push(text: string): string {
    if (this.open) return text;
    this.held += text;
    if (this.suspect) return '';
    const trimmed = this.held.trimStart();
    if (trimmed === '') return '';
    if (!couldOpenRefusal(trimmed.slice(0, 40))) return this.release();
    const sentenceEnd = /[.!?…](?:\s|$)|\n/.exec(trimmed);
    if (!sentenceEnd && trimmed.length < 200) return '';
    if (detectRefusal(this.held, this.side)) {
      this.suspect = true;
      return '';
    }
    return this.release();
  }

  /** End of the reply: what is still held (the caller checks the whole reply for refusals). */
  finish(): string {
    if (this.open) return '';
    return this.release();
  }

  private release(): string {
    this.open = true;
    const out = this.held;
    this.held = '';
    return out;
  }
}
