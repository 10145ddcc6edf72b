import { Box, Text } from 'ink';
import type { Speaker } from '../../core/engine/events.js';
import type { Persona } from '../../core/personas/schema.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import { CSI_KEYS, HEXACO_KEYS, type CsiKey, type HexacoKey } from '../../core/traits/dimensions.js';
import type { MeasuredScore, MeasuredTraits, TraitView } from '../conversation/state.js';
import { bar, formatDelta, formatScore, traitPanelLayout, type TraitPanelLayout } from '../layout/traitBars.js';
import { useTheme } from '../theme.js';

const CSI_LABELS: Readonly<Record<CsiKey, string>> = {
  expressiveness: 'Exp',
  preciseness: 'Pre',
  verbal_aggressiveness: 'VAg',
  questioningness: 'Que',
  emotionality: 'Emo',
  impression_manipulativeness: 'IMa',
};

/** A measured score this unsure is drawn muted: it may still move a lot. */
const LOW_CONFIDENCE = 0.5;
/** A drift this large is worth a colour. */
const NOTABLE_DELTA = 1;

interface Row {
  label: string;
  target: number | undefined;
  measured: MeasuredScore | undefined;
}

function rowsFor(view: TraitView, persona: Persona, measured: MeasuredTraits | undefined): Row[] {
  if (view === 'hexaco') {
    return HEXACO_KEYS.map((k: HexacoKey) => ({ label: k, target: persona.hexaco?.[k], measured: measured?.hexaco?.[k] }));
  }
  return CSI_KEYS.map((k) => ({ label: CSI_LABELS[k], target: persona.csi?.[k], measured: measured?.csi?.[k] }));
}

function SpeakerTraits(props: { speaker: Speaker; persona: Persona; measured: MeasuredTraits | undefined; view: TraitView; layout: TraitPanelLayout; showMeasured: boolean }) {
  const theme = useTheme();
  const { speaker, persona, measured, view, layout, showMeasured } = props;
  const rows = rowsFor(view, persona, measured);
  return (
    <Box flexDirection="column" width={layout.columnWidth}>
      <Text wrap="truncate-end">
        <Text color={speaker === 'seeker' ? theme.seeker : theme.supporter} bold>
          {cleanForDisplay(persona.name)}
        </Text>
        <Text color={theme.muted}> {view === 'hexaco' ? 'HEXACO' : 'CSI'}{showMeasured ? ' target│measured' : ' target'}</Text>
      </Text>
      {persona.baseline || rows.every((r) => r.target === undefined) ? (
        <Text color={theme.muted}>no persona traits (baseline)</Text>
      ) : (
        rows.map((row) => {
          const target = row.target ?? 0;
          const m = row.measured;
          const delta = m ? m.value - target : undefined;
          return (
            <Text key={row.label} wrap="truncate-end">
              {row.label.padEnd(layout.labelWidth)}{' '}
              <Text color={theme.meterTarget}>{bar(target, layout.barWidth, '█')}</Text> {formatScore(target)}
              {showMeasured ? (
                m ? (
                  <Text>
                    {' '}
                    <Text color={m.confidence < LOW_CONFIDENCE ? theme.muted : theme.meterMeasured}>{bar(m.value, layout.barWidth, '▓')}</Text>{' '}
                    {formatScore(m.value)}{' '}
                    <Text color={Math.abs(delta ?? 0) >= NOTABLE_DELTA ? theme.warning : theme.muted}>{formatDelta(delta ?? 0)}</Text>
                  </Text>
                ) : (
                  <Text color={theme.muted}> {'·'.repeat(layout.barWidth)}  …</Text>
                )
              ) : null}
            </Text>
          );
        })
      )}
    </Box>
  );
}

export interface TraitPanelProps {
  personas: { seeker: Persona; supporter: Persona };
  measured: { seeker?: MeasuredTraits; supporter?: MeasuredTraits };
  view: TraitView;
  width: number;
  /** Shown alone when the width only fits one speaker. */
  focus: Speaker;
}

/** Target traits per speaker, and the judge's measured ones beside them once any arrive. */
export function TraitPanel({ personas, measured, view, width, focus }: TraitPanelProps) {
  const showMeasured = Boolean(measured.seeker || measured.supporter);
  const layout = traitPanelLayout(width, showMeasured);
  const speakers: Speaker[] = layout.speakers === 2 ? ['seeker', 'supporter'] : [focus];
  return (
    <Box flexDirection="row" gap={layout.gap} width={width}>
      {speakers.map((s) => (
        <SpeakerTraits key={s} speaker={s} persona={personas[s]} measured={measured[s]} view={view} layout={layout} showMeasured={showMeasured} />
      ))}
    </Box>
  );
}
