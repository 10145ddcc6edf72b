import type { Speaker, Turn } from '../domain.js';

/**
 * A conversation as the judge and the classifier read it: "Seeker:" and
 * "Supporter:" lines and nothing else. Only speaker and text are used — never
 * a turn's strategy label, nor anything from the personas — so a measurement
 * cannot be anchored on what a speaker was told to be or said it was doing.
 */

export const SPEAKER_LABEL: Readonly<Record<Speaker, string>> = { seeker: 'Seeker', supporter: 'Supporter' };

/** Longest stretch of one message the judge reads: a huge paste should not crowd out the rest. */
export const MAX_TURN_CHARS = 1500;

export function transcriptLine(turn: Pick<Turn, 'speaker' | 'text'>): string {
  const text = turn.text.length > MAX_TURN_CHARS ? `${turn.text.slice(0, MAX_TURN_CHARS)} […]` : turn.text;
  return `${SPEAKER_LABEL[turn.speaker]}: ${text.replace(/\s*\n\s*/g, ' ')}`;
}

/** The last `maxTurns` turns as transcript lines, with a note when earlier ones were left out. */
export function transcript(turns: readonly Pick<Turn, 'speaker' | 'text'>[], maxTurns = 40): string {
  const shown = turns.slice(-maxTurns);
  const lines = shown.map(transcriptLine);
  if (shown.length < turns.length) lines.unshift(`(${turns.length - shown.length} earlier messages not shown)`);
  return lines.join('\n');
}

/** A transcript line with the message's number in the chat (turn index + 1): "[13] Supporter: …". */
export function numberedLine(turn: Pick<Turn, 'index' | 'speaker' | 'text'>): string {
  return `[${turn.index + 1}] ${transcriptLine(turn)}`;
}
