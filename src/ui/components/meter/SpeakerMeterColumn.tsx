import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Speaker } from '../../../core/domain.js';
import type { Persona } from '../../../core/personas/schema.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { CSI_KEYS, HEXACO_KEYS } from '../../../core/traits/dimensions.js';
import { meterRows, type MeterRow, type SpeakerMeter } from '../../../core/traits/meter.js';
import type { TraitView } from '../../conversation/state.js';
import { CSI_LABELS, meterHeaderSegments, meterRowSegments, type MeterStatus } from '../../layout/meterRowText.js';
import type { TraitPanelLayout } from '../../layout/traitBars.js';
import { useTheme } from '../../theme.js';
import { SegmentLine, segmentsToAnsi } from './SegmentLine.js';

export interface SpeakerMeterColumnProps {
  speaker: Speaker;
  persona: Persona;
  meter: SpeakerMeter | undefined;
  view: TraitView;
  layout: TraitPanelLayout;
  judgeOff: boolean;
}

function rowsFor(view: TraitView, persona: Persona, meter: SpeakerMeter | undefined): Array<{ label: string; row: MeterRow<string> }> {
  // A baseline persona carries no traits: targets are undefined and the rows say so.
  if (view === 'hexaco') return meterRows(HEXACO_KEYS, persona.hexaco, meter?.hexaco).map((row) => ({ label: row.key, row }));
  return meterRows(CSI_KEYS, persona.csi, meter?.csi).map((row) => ({ label: CSI_LABELS[row.key], row }));
}

function statusOf(meter: SpeakerMeter | undefined, judgeOff: boolean): MeterStatus {
  // Readings already shown stay meaningful even if the judge is off now (a resumed session).
  if (meter && meter.afterTurn >= 0) return { kind: 'measured', afterTurn: meter.afterTurn };
  return judgeOff ? { kind: 'judge-off' } : { kind: 'measuring' };
}

/**
 * One speaker: a header, then target → measured, difference and trajectory per
 * dimension. Memoized, and its lines joined into styled strings once per reading:
 * a reading for one speaker re-renders that speaker's column only, and a
 * streamed token re-renders neither.
 */
export const SpeakerMeterColumn = memo(function SpeakerMeterColumn({ speaker, persona, meter, view, layout, judgeOff }: SpeakerMeterColumnProps) {
  const theme = useTheme();
  const lines = useMemo(() => {
    const rows = rowsFor(view, persona, meter);
    const header = meterHeaderSegments({
      speaker,
      name: cleanForDisplay(persona.name),
      view,
      status: statusOf(meter, judgeOff),
      noTarget: rows.every((r) => r.row.target === undefined),
      unscored: persona.unscored === true,
      legend: rows.some((r) => r.row.measured !== undefined),
      switchHint: layout.speakers === 1,
      width: layout.columnWidth,
    });
    return [segmentsToAnsi(header, theme), ...rows.map(({ label, row }) => segmentsToAnsi(meterRowSegments(row, label, layout), theme))];
  }, [speaker, persona, meter, view, layout, judgeOff, theme]);
  return (
    <Box flexDirection="column" width={layout.columnWidth}>
      {lines.map((text, i) => (
        <SegmentLine key={i} text={text} />
      ))}
    </Box>
  );
});
