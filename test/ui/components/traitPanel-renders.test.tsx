import chalk from 'chalk';
import { renderToString, Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeterReading } from '../../../src/core/domain.js';
import { conversationReducer } from '../../../src/ui/conversation/reducer.js';
import { initialConversationState, type ConversationState } from '../../../src/ui/conversation/state.js';
import { TraitPanel } from '../../../src/ui/components/TraitPanel.js';
import { segmentsToAnsi } from '../../../src/ui/components/meter/SegmentLine.js';
import * as rowText from '../../../src/ui/layout/meterRowText.js';
import { COLOR_THEME, PLAIN_THEME, ThemeProvider } from '../../../src/ui/theme.js';
import { renderAtSize, type Rendered, waitForFrame } from '../helpers.js';
import { seekerPersona, supporterPersona } from '../scriptedConversation.js';

// Counts the meter rows laid out, to see which columns a reading re-renders.
vi.mock('../../../src/ui/layout/meterRowText.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/ui/layout/meterRowText.js')>();
  return { ...actual, meterRowSegments: vi.fn(actual.meterRowSegments) };
});
const rowsLaidOut = vi.mocked(rowText.meterRowSegments);

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

function reading(speaker: 'seeker' | 'supporter', afterTurn: number, score: number): MeterReading & { type: 'meter' } {
  return { type: 'meter', speaker, afterTurn, hexaco: { E: { score, confidence: 0.9 } }, csi: {} };
}

const tree = (state: ConversationState) => (
  <ThemeProvider theme={PLAIN_THEME}>
    <TraitPanel personas={{ seeker: seekerPersona, supporter: supporterPersona }} measured={state.measured} view="hexaco" width={99} focus="seeker" />
  </ThemeProvider>
);

describe('TraitPanel re-renders only what changed', () => {
  it('a reading for one speaker lays out that speaker\'s rows only; the same props lay out nothing', async () => {
    let state = conversationReducer(initialConversationState(), reading('seeker', 0, 3));
    const r = renderAtSize(tree(state), 100, 20);
    rendered.push(r);
    await waitForFrame(r, 'after turn 1');
    const hexacoRows = 6;
    expect(rowsLaidOut).toHaveBeenCalledTimes(2 * hexacoRows); // both columns, once

    rowsLaidOut.mockClear();
    state = conversationReducer(state, reading('supporter', 1, 4));
    r.rerender(tree(state));
    await waitForFrame(r, 'after turn 2');
    expect(rowsLaidOut).toHaveBeenCalledTimes(hexacoRows); // the supporter's column only

    rowsLaidOut.mockClear();
    r.rerender(tree(state)); // a parent re-render with nothing new (a streamed token)
    expect(rowsLaidOut).not.toHaveBeenCalled();
  });
});

describe('segmentsToAnsi', () => {
  it('styles a line exactly as a <Text> per segment would', () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const segments: rowText.Segment[] = [
        { text: 'E', role: 'plain' },
        { text: 'Mara', role: 'seeker' },
        { text: ' · measuring…', role: 'muted' },
        { text: ' 2.2?', role: 'measured', faint: true },
        { text: ' −2.8!', role: 'drift-severe' },
      ];
      const perSegment = renderToString(
        <Text>
          {segments.map((s, i) => (
            <Text key={i} dimColor={s.faint} color={s.role === 'plain' ? undefined : s.role === 'seeker' ? COLOR_THEME.seeker : s.role === 'muted' ? COLOR_THEME.muted : s.role === 'measured' ? COLOR_THEME.meterMeasured : COLOR_THEME.danger} bold={s.role === 'seeker' || s.role === 'drift-severe'}>
              {s.text}
            </Text>
          ))}
        </Text>,
      );
      const joined = renderToString(<Text>{segmentsToAnsi(segments, COLOR_THEME)}</Text>);
      expect(joined).toContain('\u001b['); // styled at all
      // The same codes in the same places; only the order of the closing codes at the very end may differ.
      // eslint-disable-next-line no-control-regex -- SGR codes start with ESC
      const closing = /(?:\u001b\[(?:22|39)m)+$/;
      expect(joined.replace(closing, '')).toBe(perSegment.replace(closing, ''));
      expect([...(closing.exec(joined)?.[0].matchAll(/\d+m/g) ?? [])].map(String).sort()).toEqual(['22m', '39m']);
    } finally {
      chalk.level = level;
    }
  });

  it('gives a plain run of spaces the next segment\'s style, so the colour is not dropped and taken up again', () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const segments: rowText.Segment[] = [
        { text: '3.8', role: 'target' },
        { text: ' ', role: 'plain' },
        { text: '4.1', role: 'target' },
      ];
      const joined = segmentsToAnsi(segments, COLOR_THEME);
      expect(joined.replace(/\u001b\[\d+m/g, '')).toBe('3.8 4.1'); // eslint-disable-line no-control-regex -- SGR codes
      expect(renderToString(<Text>{joined}</Text>).match(/\u001b\[/g)).toHaveLength(2); // eslint-disable-line no-control-regex -- one colour on, one off
    } finally {
      chalk.level = level;
    }
  });
});
