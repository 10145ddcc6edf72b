import wrapAnsi from 'wrap-ansi';
import type { LabelSource, Speaker, Turn } from '../../core/domain.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import type { Strategy } from '../../core/strategies.js';
import { badgeMarks } from '../components/badgeText.js';
import { badgeLabel } from '../components/badgeText.js';
import { line, strategyTone, type Span, type StyledLine } from './styledLines.js';

/**
 * The transcript as screen lines, for the full-screen viewport: each turn's
 * header (who, and the supporter's strategy badge) and its text wrapped to the
 * width exactly as the terminal shows it (wrap-ansi, the library Ink itself wraps
 * with, so wide characters take their two cells). Pure: finished turns are
 * cached per width, so a streamed token re-lays out only the live turn.
 */

export type SpeakerNames = Readonly<Record<Speaker, string>>;

/** What one turn shows, finished or in progress. */
export interface TurnShown {
  speaker: Speaker;
  by: 'ai' | 'human';
  text: string;
  strategy?: Strategy | undefined;
  labelSource?: LabelSource | undefined;
  /** Still being written: the cursor marks its end and no blank line follows. */
  live?: boolean;
  /** The model is thinking before its words (ms so far): shown instead of any text. */
  thinkingMs?: number | undefined;
  /** Sent by a human supporter who let the classifier name the strategy, which has not answered yet. */
  classifying?: boolean;
}

export interface LineLayout {
  width: number;
  fullBadge: boolean;
  names: SpeakerNames;
}

const INDENT = '  ';

/**
 * Text as it is wrapped on screen: neutralised, tabs as spaces, `width` cells a
 * line. Each paragraph keeps its own leading spaces (a model's indented list);
 * a line the wrap started does not begin with the space it broke at.
 */
export function wrapForScreen(text: string, width: number): string[] {
  const safe = cleanForDisplay(text).replace(/\t/g, '  ');
  const w = Math.max(1, width);
  return safe.split('\n').flatMap((paragraph) =>
    wrapAnsi(paragraph, w, { hard: true, trim: false })
      .split('\n')
      .map((part, i) => (i === 0 ? part : part.replace(/^ +/, ''))),
  );
}

function header(turn: TurnShown, layout: LineLayout): StyledLine {
  const name = cleanForDisplay(layout.names[turn.speaker]);
  const who = turn.by === 'human' ? `${name} (you)` : name;
  const spans: Span[] = [
    { text: `${turn.speaker === 'seeker' ? '▸' : '◂'} ${who}`, tone: turn.speaker, bold: true },
    { text: ` ${turn.speaker}`, tone: 'muted' },
  ];
  if (turn.strategy) spans.push({ text: ` ${badgeLabel(turn.strategy, layout.fullBadge)}${badgeMarks(turn.labelSource)}`, tone: strategyTone(turn.strategy), bold: true });
  else if (turn.classifying) spans.push({ text: ' classifying…', tone: 'muted' });
  return cutTo(spans, layout.width);
}

/** A header longer than the width (a long name) is cut, never wrapped: one header, one line. */
function cutTo(spans: Span[], width: number): StyledLine {
  let room = width;
  const out: Span[] = [];
  for (const span of spans) {
    if (room <= 0) break;
    const chars = Array.from(span.text);
    out.push(chars.length <= room ? span : { ...span, text: `${chars.slice(0, Math.max(0, room - 1)).join('')}…` });
    room -= chars.length;
  }
  return out;
}

/** Every screen line of one turn, a blank line after a finished one. */
export function turnLines(turn: TurnShown, layout: LineLayout): StyledLine[] {
  const lines: StyledLine[] = [header(turn, layout)];
  const bodyWidth = Math.max(1, layout.width - INDENT.length);
  if (turn.thinkingMs !== undefined && turn.text === '') {
    lines.push(line(`${INDENT}thinking… ${Math.floor(turn.thinkingMs / 1000)}s`, 'muted'));
  } else if (turn.live) {
    // The cursor is wrapped with the text, so a full last line pushes it to the next one.
    const body = wrapForScreen(`${turn.text}▍`, bodyWidth);
    body.forEach((text, i) => {
      if (i < body.length - 1) lines.push(line(INDENT + text));
      else lines.push([{ text: INDENT + text.slice(0, -1) }, { text: '▍', tone: 'muted' }]);
    });
  } else {
    for (const text of wrapForScreen(turn.text, bodyWidth)) lines.push(line(INDENT + text));
  }
  if (!turn.live) lines.push([]);
  return lines;
}

type Cached = { key: string; lines: StyledLine[] };
const finishedCache = new WeakMap<Turn, Cached>();

/** A finished turn's lines, laid out once per width, badge form and name. */
export function finishedTurnLines(turn: Turn, layout: LineLayout): StyledLine[] {
  const key = `${layout.width}|${layout.fullBadge}|${layout.names[turn.speaker]}`;
  const hit = finishedCache.get(turn);
  if (hit?.key === key) return hit.lines;
  const lines = turnLines(turn, layout);
  finishedCache.set(turn, { key, lines });
  return lines;
}

/** What the transcript holds now: the finished turns, a message the user sent, the turn being written. */
export interface TranscriptContent {
  turns: readonly Turn[];
  sent?: { speaker: Speaker; text: string; classifying: boolean; strategy?: Strategy | undefined; labelSource?: LabelSource | undefined } | undefined;
  live?: (TurnShown & { index: number }) | undefined;
}

/** Every turn's lines, oldest first, one block per turn (the viewport scrolls by these). */
export function transcriptBlocks(content: TranscriptContent, layout: LineLayout): StyledLine[][] {
  const blocks = content.turns.map((turn) => finishedTurnLines(turn, layout));
  if (content.sent) blocks.push(turnLines({ ...content.sent, by: 'human', live: false }, layout));
  if (content.live) blocks.push(turnLines({ ...content.live, live: true }, layout));
  return blocks;
}
