import { Box } from 'ink';
import type { Speaker } from '../../../core/domain.js';
import type { Persona } from '../../../core/personas/schema.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { CSI_KEYS, HEXACO_KEYS } from '../../../core/traits/dimensions.js';
import { meterRows, type MeterRow, type SpeakerMeter } from '../../../core/traits/meter.js';
import type { TraitView } from '../../conversation/state.js';
import { CSI_LABELS, meterHeaderSegments, meterRowSegments, type MeterStatus } from '../../layout/meterRowText.js';
import type { TraitPanelLayout } from '../../layout/traitBars.js';
import { SegmentLine } from './SegmentLine.js';

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

/** One speaker: a header, then target → measured, difference and trajectory per dimension. */
export function SpeakerMeterColumn({ speaker, persona, meter, view, layout, judgeOff }: SpeakerMeterColumnProps) {
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
  return (
    <Box flexDirection="column" width={layout.columnWidth}>
      <SegmentLine segments={header} />
      {rows.map(({ label, row }) => (
        <SegmentLine key={row.key} segments={meterRowSegments(row, label, layout)} />
      ))}
    </Box>
  );
}
