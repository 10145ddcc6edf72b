import { afterEach, describe, expect, it } from 'vitest';
import type { MeterReading } from '../../../src/core/domain.js';
import type { Persona } from '../../../src/core/personas/schema.js';
import { conversationReducer } from '../../../src/ui/conversation/reducer.js';
import { initialConversationState, type ConversationState, type TraitView } from '../../../src/ui/conversation/state.js';
import { TraitPanel } from '../../../src/ui/components/TraitPanel.js';
import { traitPanelLayout } from '../../../src/ui/layout/traitBars.js';
import { PLAIN_THEME, ThemeProvider } from '../../../src/ui/theme.js';
import { ConversationScreen } from '../../../src/ui/screens/ConversationScreen.js';
import { press, renderAtSize, type Rendered, waitForFrame, widestLine, withKeys } from '../helpers.js';
import { header, ScriptedConversation, seekerPersona, streamedTurn, supporterPersona, turn } from '../scriptedConversation.js';

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

const baseline: Persona = { id: 'plain-helper', role: 'supporter', name: 'Plain helper', description: 'No persona.', baseline: true };

function reading(speaker: 'seeker' | 'supporter', afterTurn: number, hexaco: MeterReading['hexaco'], csi: MeterReading['csi'] = {}): MeterReading & { type: 'meter' } {
  return { type: 'meter', speaker, afterTurn, hexaco, csi };
}

function fold(...events: Array<MeterReading & { type: 'meter' }>): ConversationState {
  return events.reduce(conversationReducer, initialConversationState());
}

interface PanelOpts {
  state?: ConversationState;
  columns: number;
  view?: TraitView;
  supporter?: Persona;
  judgeOff?: boolean;
  focus?: 'seeker' | 'supporter';
}

function panel(o: PanelOpts) {
  const state = o.state ?? initialConversationState();
  const width = o.columns - 1; // as ConversationScreen passes it
  const r = renderAtSize(
    <ThemeProvider theme={PLAIN_THEME}>
      <TraitPanel
        personas={{ seeker: seekerPersona, supporter: o.supporter ?? supporterPersona }}
        measured={state.measured}
        view={o.view ?? 'hexaco'}
        width={width}
        focus={o.focus ?? 'seeker'}
        judgeOff={o.judgeOff}
      />
    </ThemeProvider>,
    o.columns,
    20,
  );
  rendered.push(r);
  return r;
}

/** The row of one dimension in one column, cut from the frame at the layout's column positions. */
function rowOf(text: string, label: string, column = 0, columns = 100): string {
  const { columnWidth, gap } = traitPanelLayout(columns - 1);
  const start = column * (columnWidth + gap);
  for (const line of text.split('\n')) {
    const cell = Array.from(line).slice(start, start + columnWidth).join('');
    if (new RegExp(`^${label}\\s`).test(cell)) return cell;
  }
  throw new Error(`no row ${label} in column ${column}:\n${text}`);
}

const SPARKS = /[▁▂▃▄▅▆▇█]+\s*$/;

describe.each([{ columns: 100 }, { columns: 60 }])('TraitPanel at $columns columns', ({ columns }) => {
  it('shows both speakers\' targets with "measuring…" before any reading, within the width', async () => {
    const r = panel({ columns });
    const f = await waitForFrame(r, 'measuring…');
    expect(widestLine(f)).toBeLessThanOrEqual(columns);
    expect(f).toContain('Mara');
    expect(f).toContain('Jonas');
    expect(rowOf(f, 'E', 0, columns)).toMatch(/^E\s.*5\.0\s*$/); // Mara's target, nothing measured yet
    expect(rowOf(f, 'A', 1, columns)).toMatch(/^A\s.*5\.0\s*$/); // Jonas's target
    expect(f).not.toContain('→');
  });

  it('after readings: target → measured, signed difference, drift and low-confidence marks, within the width', async () => {
    const state = fold(
      reading('seeker', 1, { E: { score: 2.2, confidence: 0.9 }, H: { score: 4.3, confidence: 0.3 }, X: { score: 2.4, confidence: 0.9 } }),
      reading('supporter', 1, { A: { score: 4.6, confidence: 0.8 } }),
    );
    const f = await waitForFrame(panel({ state, columns }), 'after turn 2');
    expect(widestLine(f)).toBeLessThanOrEqual(columns);
    // Mara's E: target 5.0, measured 2.2 → −2.8, a large drift: marked "!" even without colour.
    expect(rowOf(f, 'E', 0, columns)).toMatch(/5\.0→2\.2\s+−2\.8!/);
    // X: 2.0 → 2.4 is a small drift: no mark.
    expect(rowOf(f, 'X', 0, columns)).toMatch(/2\.0→2\.4\s+\+0\.4\s/);
    // H was judged with confidence 0.3: marked "?".
    expect(rowOf(f, 'H', 0, columns)).toMatch(/4\.0→4\.3\?\s+\+0\.3\s/);
    expect(rowOf(f, 'E', 0, columns)).not.toContain('?');
    expect(rowOf(f, 'A', 1, columns)).toMatch(/5\.0→4\.6\s+−0\.4\s/);
    // A dimension the judge has not scored shows its target only.
    expect(rowOf(f, 'C', 0, columns)).not.toContain('→');
  });
});

describe('TraitPanel', () => {
  it('grows each dimension\'s sparkline reading by reading (last 8 kept)', async () => {
    const scores = [2, 2.5, 3, 3.5, 4, 4.5, 5, 4, 3, 2];
    let state = initialConversationState();
    const lengths: number[] = [];
    const r = panel({ state, columns: 100 });
    for (const [i, score] of scores.entries()) {
      state = conversationReducer(state, reading('seeker', i, { E: { score, confidence: 0.9 } }));
      r.rerender(
        <ThemeProvider theme={PLAIN_THEME}>
          <TraitPanel personas={{ seeker: seekerPersona, supporter: supporterPersona }} measured={state.measured} view="hexaco" width={99} focus="seeker" />
        </ThemeProvider>,
      );
      const f = await waitForFrame(r, `after turn ${i + 1} `);
      lengths.push(Array.from(SPARKS.exec(rowOf(f, 'E', 0))?.[0].trim() ?? '').length);
    }
    expect(lengths).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 8]);
  });

  it('switches between HEXACO and CSI dimensions', async () => {
    const state = fold(reading('seeker', 0, { E: { score: 4, confidence: 0.9 } }, { emotionality: { score: 3, confidence: 0.9 } }));
    const hexaco = await waitForFrame(panel({ state, columns: 100 }), 'HEXACO');
    expect(rowOf(hexaco, 'E', 0)).toMatch(/5\.0→4\.0/);
    expect(hexaco).not.toContain('Emo');
    const csi = await waitForFrame(panel({ state, columns: 100, view: 'csi' }), 'CSI');
    expect(rowOf(csi, 'Emo', 0)).toMatch(/5\.0→3\.0\s+−2\.0!/);
    expect(csi).toContain('IMa');
    expect(csi).not.toMatch(/^E\s/m);
  });

  it('a baseline supporter has no target: "no target", a dash, and measured values without a difference', async () => {
    const state = fold(reading('supporter', 1, { A: { score: 4.2, confidence: 0.9 } }));
    const f = await waitForFrame(panel({ state, columns: 100, supporter: baseline }), 'no target');
    expect(rowOf(f, 'A', 1)).toMatch(/–→4\.2\s*[▁▂▃▄▅▆▇█]/);
    expect(rowOf(f, 'A', 1)).not.toMatch(/[+−]\d/);
    expect(f).toContain('Plain helper');
  });

  it('an unscored persona says "not scored yet", never "no target" as if it were the baseline', async () => {
    const unscored: Persona = { ...supporterPersona, unscored: true };
    const f = await waitForFrame(panel({ columns: 100, supporter: unscored, focus: 'supporter' }), 'not scored yet');
    expect(f).not.toContain('no target');
    expect(f).not.toMatch(/baseline/i);
  });

  it('says "judge off" instead of "measuring…" when the judge cadence is 0', async () => {
    const f = await waitForFrame(panel({ columns: 60, judgeOff: true }), 'judge off');
    expect(f).not.toContain('measuring');
    expect(widestLine(f)).toBeLessThanOrEqual(60);
  });

  it('shows one speaker at a time when even a compact column pair will not fit', async () => {
    const state = fold(reading('supporter', 1, { A: { score: 4.6, confidence: 0.8 } }));
    const seeker = await waitForFrame(panel({ state, columns: 44, focus: 'seeker' }), 'Mara');
    expect(seeker).not.toContain('Jonas');
    expect(widestLine(seeker)).toBeLessThanOrEqual(44);
    const supporter = await waitForFrame(panel({ state, columns: 44, focus: 'supporter' }), 'Jonas');
    expect(supporter).not.toContain('Mara');
    expect(rowOf(supporter, 'A', 0, 44)).toMatch(/5\.0→4\.6/);
  });
});

describe('TraitPanel inside the conversation screen (60×20)', () => {
  it('says "judge off" for cadence 0, fills in readings as they arrive, t toggles HEXACO/CSI, all within 60 columns', async () => {
    const conversation = new ScriptedConversation('/tmp/sessions/s-meter.jsonl');
    const r = renderAtSize(
      withKeys(<ConversationScreen conversation={conversation} mode="watch" personas={{ seeker: seekerPersona, supporter: supporterPersona }} onExit={() => {}} deltaFlushMs={5} judgeCadence={0} />),
      60,
      20,
    );
    rendered.push(r);
    conversation.emit({ type: 'session-started', header: header(), path: conversation.sessionPath }, ...streamedTurn(turn(0, 'seeker', 'I cannot sleep before exams.')));
    let f = await waitForFrame(r, 'judge off');
    expect(widestLine(f)).toBeLessThanOrEqual(60);
    // Readings recorded earlier (a resumed session) still show even with the judge off now.
    conversation.emit({ type: 'meter', speaker: 'seeker', afterTurn: 0, hexaco: { E: { score: 2, confidence: 0.9 } }, csi: { emotionality: { score: 4.8, confidence: 0.3 } } });
    f = await waitForFrame(r, /5\.0→2\.0\s+−3\.0!/);
    expect(f).toContain('after turn 1');
    expect(widestLine(f)).toBeLessThanOrEqual(60);
    await press(r, 't');
    f = await waitForFrame(r, '· CSI');
    expect(f).toMatch(/Emo\s+5\.0→4\.8\?\s+−0\.2\s/);
    expect(widestLine(f)).toBeLessThanOrEqual(60);
  });
});
