import type { Speaker, Turn } from '../domain.js';
import { leftOut, type Earlier } from '../engine/window-view.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { STRATEGIES } from '../strategies.js';
import { CSI_KEYS, HEXACO_KEYS, TRAIT_MAX, TRAIT_MIN } from '../traits/dimensions.js';
import { strategyList } from './strategy-definitions.js';
import { CSI_GUIDES, HEXACO_GUIDES, type PoleGuide } from './trait-guides.js';
import { numberedLine, SPEAKER_LABEL } from './transcript.js';

/**
 * The trait judge's prompt. It sees the transcript and nothing else: no persona,
 * no target scores, no strategy labels — an estimate anchored on the target
 * would hide exactly the drift the meter exists to show. Written for small
 * models: one task, every scale spelled out, the answer format shown in full.
 * traits/judge-schema.ts checks every answer against the same shape.
 */
export const JUDGE_PROMPT_VERSION = '2';

/** How many latest turns the judge reads when the conversation has no window of its own. */
export const JUDGE_DEFAULT_TURNS = 40;

/** The answer asked for (strict mode: every property required, nullable instead of optional). */
const dimensionJson = {
  type: 'object',
  properties: {
    score: { type: ['number', 'null'], description: `${TRAIT_MIN} (very low) to ${TRAIT_MAX} (very high); null only if there is no evidence at all.` },
    confidence: { type: 'number', description: '0 (a pure guess) to 1 (strong, repeated evidence).' },
  },
  required: ['score', 'confidence'],
  additionalProperties: false,
} as const;

function group(keys: readonly string[]) {
  return {
    type: 'object',
    properties: Object.fromEntries(keys.map((k) => [k, dimensionJson])),
    required: [...keys],
    additionalProperties: false,
  };
}

export const JUDGE_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'trait_estimate',
  schema: {
    type: 'object',
    properties: {
      observations: { type: 'string', description: 'Two or three sentences on what stands out in how this speaker writes.' },
      hexaco: group(HEXACO_KEYS),
      csi: group(CSI_KEYS),
    },
    required: ['observations', 'hexaco', 'csi'],
    additionalProperties: false,
  },
};

function guideLines(key: string, g: PoleGuide): string {
  return `- ${key} ${g.name}: high = ${g.high}; low = ${g.low}.`;
}

function exampleAnswer(): string {
  const dim = '{"score": 3, "confidence": 0.4}';
  const hexaco = HEXACO_KEYS.map((k) => `"${k}": ${dim}`).join(', ');
  const csi = CSI_KEYS.map((k) => `"${k}": ${dim}`).join(', ');
  return `{"observations": "...", "hexaco": {${hexaco}}, "csi": {${csi}}}`;
}

export function judgeSystemPrompt(speaker: Speaker): string {
  const who = SPEAKER_LABEL[speaker];
  return [
    'You are a careful personality psychologist. You read a text chat between a Seeker (someone looking for emotional support) and a Supporter.',
    `Your task: estimate the personality and communication style that the ${who} shows in this chat so far.`,
    '',
    `Rules:`,
    `- Rate only the ${who}. The other person's messages are context, not evidence about the ${who}.`,
    '- Use only evidence in the chat: what they say and how they say it. Do not assume a trait from the role alone.',
    '- Scores go from 1 (very low) through 3 (middle) to 5 (very high); decimals such as 3.5 are fine.',
    '- Confidence goes from 0 to 1: about 0.2 when you are guessing from very little text, about 0.5 with some evidence, 0.8 or more only with clear, repeated evidence. Early in a chat, confidence should be low.',
    '- Give a score for every dimension. Use null as the score only when the chat gives no hint at all about that dimension, and then confidence 0.',
    '',
    'Personality (HEXACO):',
    ...HEXACO_KEYS.map((k) => guideLines(k, HEXACO_GUIDES[k])),
    '',
    'Communication style (CSI):',
    ...CSI_KEYS.map((k) => guideLines(k, CSI_GUIDES[k])),
    '',
    'First write your observations in two or three sentences, then the scores.',
    `Answer with one JSON object only, exactly in this shape: ${exampleAnswer()}`,
  ].join('\n');
}

/**
 * What a reading sees besides the latest turns: what came before them (the
 * agents' running summary, see core/engine/window-view.ts), and the supporter
 * turns (by index) it also labels with their strategy. Labelling rides on the
 * supporter's reading so the live meter costs one call per turn, not one and a
 * half; like the classifier, it reads speakers and words only, never a label.
 */
export interface JudgeContext {
  earlier?: Earlier;
  label?: readonly number[];
}

/** The answer asked for: JUDGE_OUTPUT_SCHEMA, plus a strategy per message number when supporter turns are to be labelled. */
export function judgeSchema(label: readonly number[] = []): JsonSchemaFormat {
  if (label.length === 0) return JUDGE_OUTPUT_SCHEMA;
  const base = JUDGE_OUTPUT_SCHEMA.schema as { properties: Record<string, unknown>; required: string[] };
  const keys = label.map((index) => String(index + 1));
  const strategies = {
    type: 'object',
    description: 'The strategy of each marked Supporter message, by its number.',
    properties: Object.fromEntries(keys.map((k) => [k, { type: 'string', enum: [...STRATEGIES] }])),
    required: keys,
    additionalProperties: false,
  };
  return {
    name: JUDGE_OUTPUT_SCHEMA.name,
    schema: { ...JUDGE_OUTPUT_SCHEMA.schema, properties: { ...base.properties, strategies }, required: [...base.required, 'strategies'] },
  };
}

function earlierLines(earlier: Earlier | undefined, who: string): string[] {
  if (!earlier) return [];
  const lines: string[] = [];
  const summary = earlier.summary;
  if (summary) {
    lines.push(`What was said before these messages (1–${summary.throughTurn + 1}), in short — for context only; judge the ${who} by their own words below:`, summary.text, '');
  }
  const lost = leftOut(earlier);
  if (lost > 0) lines.push(`(${lost} earlier messages are not shown.)`, '');
  return lines;
}

function labelTask(label: readonly number[]): string[] {
  if (label.length === 0) return [];
  const example = label.map((index) => `"${index + 1}": "<one of the eight, spelled exactly>"`).join(', ');
  return [
    '',
    'A second, separate task: label each Supporter message marked * with the one support strategy it mainly uses, judging by what that message itself does (if it mixes several, the one that carries most of it; greetings, thanks and goodbyes are Others). The eight strategies:',
    ...strategyList(),
    `Put the labels in the same JSON object, by message number: "strategies": {${example}}`,
  ];
}

/**
 * One reading of `speaker`: the latest `maxTurns` turns (or exactly `turns`, after
 * `context.earlier`), each numbered, the supporter turns in `context.label` marked.
 */
export function judgeMessages(turns: readonly Turn[], speaker: Speaker, maxTurns = JUDGE_DEFAULT_TURNS, context: JudgeContext = {}): ChatMessage[] {
  const who = SPEAKER_LABEL[speaker];
  const label = context.label ?? [];
  const marked = new Set(label);
  const shown = context.earlier ? turns : turns.slice(-maxTurns);
  const cut = turns.length - shown.length;
  const lines = [
    ...earlierLines(context.earlier, who),
    context.earlier ? 'The latest messages of the chat:' : 'The chat so far:',
    '',
    ...(cut > 0 ? [`(${cut} earlier messages not shown)`] : []),
    ...shown.map((t) => `${marked.has(t.index) ? '*' : ''}${numberedLine(t)}`),
    ...labelTask(label),
    '',
    `Estimate the ${who}'s scores${label.length > 0 ? ` and label message${label.length > 1 ? 's' : ''} ${label.map((i) => i + 1).join(', ')}` : ''}. Answer with the JSON object only.`,
  ];
  return [
    { role: 'system', content: judgeSystemPrompt(speaker) },
    { role: 'user', content: lines.join('\n') },
  ];
}
