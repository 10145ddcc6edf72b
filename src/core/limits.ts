/**
 * The ranges a conversation's numbers may take, wherever they are set or read: the
 * settings, the flags and a session file's header all hold them to these. Here, apart
 * from the settings store, so reading a session does not load the settings library.
 */

/** Every 20 turns is already rarer than most conversations are long. */
export const JUDGE_CADENCE_MAX = 20;

/** How many turns (seeker + supporter messages) a conversation may be capped at, wherever a cap is set. */
export const TURN_CAP = { min: 2, max: 200, fallback: 20 } as const;
