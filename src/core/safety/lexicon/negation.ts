/**
 * How the crisis check reads a negated statement.
 *
 * A match is set aside when, in the same clause and at most six words before
 * it, a negation cue stands with nothing between cue and match that closes its
 * scope: "I would never hurt myself", "I'm not going to kill myself", "I have
 * no intention of hurting myself". A clause break (. , ; ! ? and line breaks),
 * a conjunction or a new "I" closes the scope, so "I'm not okay and I want to
 * die" still counts. A match is also set aside when the clause goes on to deny
 * it: "killing myself is not an option", "suicide has never crossed my mind".
 *
 * Negations that are part of the crisis phrase itself are not cues: "I don't
 * want to be alive", "I hope I don't wake up" and "I'm not safe at home" are
 * phrases of the lexicon, matched whole, and count.
 */
export const NEGATION = {
  /** Words that deny what follows them. */
  cues: [
    'not', 'never', 'dont', 'do not', 'didnt', 'did not', 'doesnt', 'does not', 'wont', 'will not', 'wouldnt',
    'would not', 'isnt', 'arent', 'wasnt', 'havent', 'have not', 'hasnt', 'hadnt', 'nor', 'no longer',
    'no way {i}', 'no chance {i}', 'no (intention | intentions | plan | plans | desire | wish | urge | urges) (of | to)',
    'no (thought | thoughts) (of | about)', 'nothing to do with',
  ],
  /** Words right after a cue that make it no denial: "can't stop", "not sure", "not okay". */
  notNegations: [
    'stop', 'only', 'just', 'sure', 'ok', 'okay', 'fine', 'good', 'well', 'alright', 'doing (well | good | ok | okay | fine | great)',
    'matter', 'care', 'know', 'think', 'that',
  ],
  /** Words between a cue and a match that close the cue's scope. */
  scopeEnds: [
    'and', 'but', 'so', 'because', 'cause', 'cuz', 'coz', 'though', 'although', 'yet', 'still', 'however', 'except',
    'then', 'now', 'or', 'if', 'lately', '{i}',
  ],
  /** Words right after a match, in the same clause, that deny it. */
  denials: [
    '[has | have | had | ever] never (crossed | entered) my mind',
    '(is | was | s) (not | never) (an option | something {i} | on the table | happening | going to happen)',
    '(isnt | wasnt) (an option | something {i} | on the table | happening | going to happen)',
    'is off the table',
    '[and | but] (i | id) (said | told (her | him | them | my (therapist | doctor | counsellor | counselor))) no',
  ],
  /**
   * Words a little after a match, up to ten words on and across a comma, that
   * say it is long over: "I used to self harm as a teen, but I've been fine for
   * ten years". A recent stop ("clean for 2 weeks") is no denial: it still counts.
   */
  laterDenials: [
    '(but | and) [now] (ive | i have | im | i am) [now] [been] (fine | clean | free | okay | ok | recovered | well | good | doing (well | fine | ok | okay | great)) (for | since) [about | over | almost | nearly | like | more than] (# | a | many | several | two | three | four | five | six | seven | eight | nine | ten | a few | fifteen | twenty) (years | year | decades | decade)',
    '(but | and) (i | ive) (stopped | quit | gave it up) (years | decades) ago',
  ],
} as const;
