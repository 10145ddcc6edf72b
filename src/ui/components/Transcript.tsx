import { Static } from 'ink';
import { memo } from 'react';
import type { Turn } from '../../core/domain.js';
import type { LiveTurn, SentTurn } from '../conversation/state.js';
import type { SpeakerNames } from '../layout/transcriptLines.js';
import { textTail } from '../layout/textTail.js';
import { TurnView } from './TurnView.js';

export type { SpeakerNames } from '../layout/transcriptLines.js';

interface FinishedTurnsProps {
  turns: readonly Turn[];
  names: SpeakerNames;
  fullBadge: boolean;
  width: number;
}

/**
 * Inline mode (`--inline`): finished turns are written once above the live
 * region, into the terminal's scrollback. Memoized so a streaming delta (which
 * changes only `live`) never re-renders <Static>: an unmemoized one re-renders on
 * every token and bypasses Ink's frame cap, writing many times the bytes.
 */
export const FinishedTurns = memo(function FinishedTurns({ turns, names, fullBadge, width }: FinishedTurnsProps) {
  return (
    <Static items={turns as Turn[]}>
      {(turn) => (
        <TurnView key={turn.index} speaker={turn.speaker} by={turn.by} name={names[turn.speaker]} text={turn.text} strategy={turn.strategy} labelSource={turn.labelSource} fullBadge={fullBadge} width={width} />
      )}
    </Static>
  );
});

export interface TranscriptProps extends FinishedTurnsProps {
  live: LiveTurn | undefined;
  /** A message the user sent that the engine has not finished yet. */
  sent?: SentTurn | undefined;
  /** How many lines of the streaming turn fit on screen; older lines are elided until it finishes. */
  liveMaxLines: number;
}

export function Transcript({ turns, live, sent, names, fullBadge, width, liveMaxLines }: TranscriptProps) {
  const tail = live ? textTail(live.text, width - 2, liveMaxLines) : undefined;
  return (
    <>
      <FinishedTurns turns={turns} names={names} fullBadge={fullBadge} width={width} />
      {sent ? (
        <TurnView live speaker={sent.speaker} by="human" name={names[sent.speaker]} text={sent.text} strategy={sent.strategy} labelSource={sent.labelSource} classifying={sent.classifying} fullBadge={fullBadge} width={width} />
      ) : null}
      {live && tail ? (
        <TurnView
          live
          speaker={live.speaker}
          by={live.by}
          name={names[live.speaker]}
          text={tail.text}
          strategy={live.strategy}
          labelSource={live.labelSource}
          thinkingMs={live.thinkingMs}
          hiddenLines={tail.hiddenLines}
          fullBadge={fullBadge}
          width={width}
        />
      ) : null}
    </>
  );
}
