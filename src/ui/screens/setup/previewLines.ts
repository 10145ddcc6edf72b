import type { Persona } from '../../../core/personas/schema.js';
import { canPlay } from '../../../core/personas/schema.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { CSI_KEYS, HEXACO_KEYS, type CsiKey, type HexacoKey } from '../../../core/traits/dimensions.js';
import { wrap } from '../../../core/text.js';
import { formatScore, traitBar } from '../../../core/text.js';

/** A span of preview text with a named tone; the component maps tones to theme colours. */
export interface Segment {
  text: string;
  tone?: 'title' | 'label' | 'dim' | 'bar' | 'note';
}
export type PreviewLine = Segment[];

/** Short labels so a trait row fits half of a 60-column pane. */
export const HEXACO_SHORT: Readonly<Record<HexacoKey, string>> = {
  H: 'Honesty-Humility',
  E: 'Emotionality',
  X: 'eXtraversion',
  A: 'Agreeableness',
  C: 'Conscientiousness',
  O: 'Openness',
};
export const CSI_SHORT: Readonly<Record<CsiKey, string>> = {
  expressiveness: 'Expressiveness',
  preciseness: 'Preciseness',
  verbal_aggressiveness: 'Verbal aggress.',
  questioningness: 'Questioningness',
  emotionality: 'Emotionality',
  impression_manipulativeness: 'Impression manip.',
};
const LABEL_WIDTH = 17;
const VALUE_WIDTH = 4;

/** One labelled trait row: "Emotionality      ███▌░ 3.5" padded to exactly `width`. */
export function traitRow(label: string, value: number, width: number): PreviewLine {
  // 4 or 8 cells: with half cells, both show every 0.5 step of 1–5 exactly.
  const barWidth = (width - LABEL_WIDTH - 1 - VALUE_WIDTH) >= 8 ? 8 : 4;
  const used = LABEL_WIDTH + 1 + barWidth + VALUE_WIDTH;
  return [
    { text: `${label.slice(0, LABEL_WIDTH).padEnd(LABEL_WIDTH)} `, tone: 'label' },
    { text: traitBar(value, barWidth), tone: 'bar' },
    { text: ` ${formatScore(value)}`.padEnd(VALUE_WIDTH + Math.max(0, width - used)) },
  ];
}

function traitLines(persona: Persona, width: number): PreviewLine[] {
  if (!persona.hexaco || !persona.csi) return [];
  const { hexaco, csi } = persona;
  const hexacoRows = HEXACO_KEYS.map((k) => ({ label: HEXACO_SHORT[k], value: hexaco[k] }));
  const csiRows = CSI_KEYS.map((k) => ({ label: CSI_SHORT[k], value: csi[k] }));
  const columnWidth = Math.floor((width - 2) / 2);
  // Side by side when each half still fits a label, a 4-cell bar (0.5 per half cell) and the value.
  if (columnWidth >= LABEL_WIDTH + 1 + 4 + VALUE_WIDTH) {
    const lines: PreviewLine[] = [[{ text: 'HEXACO'.padEnd(columnWidth + 2), tone: 'title' }, { text: 'CSI', tone: 'title' }]];
    hexacoRows.forEach((h, i) => {
      const c = csiRows[i]!;
      lines.push([...traitRow(h.label, h.value, columnWidth), { text: '  ' }, ...traitRow(c.label, c.value, columnWidth)]);
    });
    return lines;
  }
  return [
    [{ text: 'HEXACO', tone: 'title' }],
    ...hexacoRows.map((r) => traitRow(r.label, r.value, width)),
    [{ text: 'CSI', tone: 'title' }],
    ...csiRows.map((r) => traitRow(r.label, r.value, width)),
  ];
}

function wrapped(text: string, width: number, tone?: Segment['tone']): PreviewLine[] {
  return wrap(cleanForDisplay(text), width).map((line) => [{ text: line, ...(tone ? { tone } : {}) }]);
}

/**
 * Everything the preview pane shows about a persona, as lines no wider than
 * `width`, so the screen can budget rows exactly and scroll the rest.
 */
export function previewLines(persona: Persona, width: number): PreviewLine[] {
  const w = Math.max(20, width);
  const lines: PreviewLine[] = [
    [
      { text: cleanForDisplay(persona.name), tone: 'title' },
      { text: ` · ${persona.role} · ${cleanForDisplay(persona.id)}`, tone: 'dim' },
    ],
  ];
  const facts = [persona.age_band, persona.gender, persona.occupation].filter((f): f is string => Boolean(f));
  if (facts.length) lines.push(...wrapped(facts.join(' · '), w, 'dim'));
  lines.push(...wrapped(persona.description, w));
  if (canPlay(persona, 'seeker') && persona.situation) {
    const feeling = [
      persona.emotion_type && `feels ${persona.emotion_type}`,
      persona.initial_intensity !== undefined && `intensity ${persona.initial_intensity}/5`,
      persona.problem_type && `problem: ${persona.problem_type}`,
    ].filter(Boolean);
    lines.push(...wrapped(feeling.join(' · '), w, 'label'));
    lines.push(...wrapped(`Situation: ${persona.situation}`, w));
  }
  if (persona.baseline) {
    lines.push(...wrapped('Baseline: no persona and no traits (the "without persona" condition).', w, 'note'));
  } else if (persona.unscored) {
    lines.push(...wrapped('Traits not scored yet (imported without a model): set them or score the description in the editor (e).', w, 'note'));
  }
  lines.push(...traitLines(persona, w));
  return lines.map((line) => truncateLine(line, w));
}

/** Cut a line's segments so the whole line is at most `width` characters. */
export function truncateLine(line: PreviewLine, width: number): PreviewLine {
  let room = width;
  const out: PreviewLine = [];
  for (const seg of line) {
    if (room <= 0) break;
    const chars = [...seg.text];
    out.push(chars.length <= room ? seg : { ...seg, text: `${chars.slice(0, room - 1).join('')}…` });
    room -= chars.length;
  }
  return out;
}
