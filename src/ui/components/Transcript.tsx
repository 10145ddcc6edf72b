import { Static } from 'ink';
import { memo } from 'react';
import type { Speaker, Turn } from '../../core/domain.js';
import type { LiveTurn } from '../conversation/state.js';
import { textTail } from '../layout/textTail.js';
import { TurnView } from './TurnView.js';

export type SpeakerNames = Readonly<Record<Speaker, string>>;

/** What a turn view shows of a turn, finished or streaming. */
function viewOf(turn: Pick<LiveTurn, 'speaker' | 'by' | 'text' | 'strategy' | 'labelSource'>, names: SpeakerNames) {
  return { speaker: turn.speaker, by: turn.by, name: names[turn.speaker], text: turn.text, strategy: turn.strategy, labelSource: turn.labelSource };
}

interface FinishedTurnsProps {
  turns: readonly Turn[];
  names: SpeakerNames;
  fullBadge: boolean;
  width: number;
}

/**
 * Finished turns are written once above the live region. Memoized so a streaming
 * delta (which changes only `live`) never re-renders <Static>: an unmemoized one
 * re-renders on every token and bypasses Ink's frame cap, writing many times the bytes.
 */
export const FinishedTurns = memo(function FinishedTurns({ turns, names, fullBadge, width }: FinishedTurnsProps) {
  return (
    <Static items={turns as Turn[]}>{(turn) => <TurnView key={turn.index} {...viewOf(turn, names)} fullBadge={fullBadge} width={width} />}</Static>
  );
});

export interface TranscriptProps extends FinishedTurnsProps {
  live: LiveTurn | undefined;
  /** How many lines of the streaming turn fit on screen; older lines are elided until it finishes. */
  liveMaxLines: number;
}

export function Transcript({ turns, live, names, fullBadge, width, liveMaxLines }: TranscriptProps) {
  const tail = live ? textTail(live.text, width - 2, liveMaxLines) : undefined;
  return (
    <>
      <FinishedTurns turns={turns} names={names} fullBadge={fullBadge} width={width} />
      {live && tail ? <TurnView live {...viewOf({ ...live, text: tail.text }, names)} hiddenLines={tail.hiddenLines} fullBadge={fullBadge} width={width} /> : null}
    </>
  );
}
