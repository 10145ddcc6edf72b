import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Speaker } from '../../core/domain.js';
import type { Persona } from '../../core/personas/schema.js';
import type { MeasuredTraits, TraitView } from '../conversation/state.js';
import { traitPanelLayout } from '../layout/traitBars.js';
import { SpeakerMeterColumn } from './meter/SpeakerMeterColumn.js';

export interface TraitPanelProps {
  personas: { seeker: Persona; supporter: Persona };
  /** The folded judge readings per speaker (state.measured): a new object only on a 'meter' event. */
  measured: MeasuredTraits;
  view: TraitView;
  width: number;
  /** Shown alone when the width only fits one speaker. */
  focus: Speaker;
  /** The trait judge will not run (cadence 0): say so instead of "measuring…". */
  judgeOff?: boolean;
}

/**
 * The live trait meter: per speaker, each dimension's target beside what the
 * judge measures, the difference, and its recent trajectory. Memoized: its props
 * change only on meter readings and toggles, never on a streamed token; and a
 * reading for one speaker re-renders only that speaker's column.
 */
export const TraitPanel = memo(function TraitPanel({ personas, measured, view, width, focus, judgeOff = false }: TraitPanelProps) {
  // One layout object per width, so the memoized columns see unchanged props between readings.
  const layout = useMemo(() => traitPanelLayout(width), [width]);
  const speakers: Speaker[] = layout.speakers === 2 ? ['seeker', 'supporter'] : [focus];
  return (
    <Box flexDirection="row" gap={layout.gap} width={width}>
      {speakers.map((s) => (
        <SpeakerMeterColumn key={s} speaker={s} persona={personas[s]} meter={measured[s]} view={view} layout={layout} judgeOff={judgeOff} />
      ))}
    </Box>
  );
});
