import { z } from 'zod';
import { JUDGE_CADENCE_MAX, TURN_CAP } from '../limits.js';
import { COMPARISON_SIDES, CONDITIONS, ENGINE_KINDS, MODES, SPEAKERS } from '../domain.js';
import { PersonaSchema } from '../personas/schema.js';
import { QUALITY_MAX, QUALITY_MIN } from '../prompts/quality.js';
import { STRATEGIES } from '../strategies.js';
import { CSI_KEYS, HEXACO_KEYS, TRAIT_MAX, TRAIT_MIN } from '../traits/dimensions.js';

/**
 * The shape of every line of a session log, as zod schemas. The recorder checks each
 * record against them before writing it, and the reader checks each line against the
 * same ones, so a file is read by the rules it was written by: a record of the wrong
 * shape is skipped with its line and what is wrong, a header of the wrong shape
 * refuses the file, naming the field, and a value from a file (a turn cap of 1e9) is
 * never trusted beyond the range the app itself would write.
 *
 * Objects are loose: a field a newer version adds passes through untouched. Fields a
 * conversation does not depend on (timing, token counts) are dropped when malformed
 * rather than costing the whole record (`.catch(undefined)`).
 */

const text = z.string();
const whole = (min: number, max: number) =>
  z.number({ error: (issue) => wholeMessage(min, max, issue.input) }).int({ error: (issue) => wholeMessage(min, max, issue.input) }).min(min).max(max);
const wholeMessage = (min: number, max: number, input: unknown) =>
  input === undefined ? 'is missing' : `must be a whole number from ${min} to ${max} (got ${JSON.stringify(input)})`;
/** Optional, and dropped rather than fatal when malformed. */
const extra = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Imported conversations are as long as their file says; this only stops absurd values. */
const IMPORTED_TURNS_MAX = 100_000;
/** A turn index or count beyond any conversation the app writes or imports. */
const INDEX_MAX = IMPORTED_TURNS_MAX;

const Speaker = z.enum(SPEAKERS);
const Strategy = z.enum(STRATEGIES);
const EndReason = z.enum(['turn-cap', 'seeker-closed', 'stopped', 'error']);
const LabelSource = z.enum(['declared', 'parsed', 'human', 'steered', 'fallback', 'imported', 'perceived']);
const Usage = z.looseObject({ promptTokens: z.number().min(0), completionTokens: z.number().min(0) });
const EndpointRecord = z.looseObject({ baseURL: text, model: text });

export const TurnSchema = z.looseObject({
  index: whole(0, INDEX_MAX),
  speaker: Speaker,
  text,
  strategy: Strategy.optional(),
  labelSource: LabelSource.optional(),
  /** The label as an imported file spelled it, when it came from one. */
  sourceLabel: text.optional(),
  by: z.enum(['ai', 'human']),
  startedAt: text,
  finishedAt: text,
  latencyMs: extra(z.number().min(0)),
  usage: extra(Usage),
  closes: z.boolean().optional(),
  reasoning: text.optional(),
});

export const SessionHeaderSchema = z
  .looseObject({
    type: z.literal('header'),
    v: whole(1, Number.MAX_SAFE_INTEGER),
    app: z.literal('persona-talks'),
    appVersion: text,
    id: z.string().min(1).max(300),
    createdAt: text,
    engine: z.enum(ENGINE_KINDS),
    condition: z.enum(CONDITIONS),
    mode: z.enum(MODES),
    turnCap: z.number({ error: (issue) => wholeMessage(TURN_CAP.min, TURN_CAP.max, issue.input) }).int({ error: (issue) => wholeMessage(TURN_CAP.min, TURN_CAP.max, issue.input) }),
    seed: z.number().int().optional(),
    temperature: z.number().min(0).max(2).optional(),
    judgeCadence: whole(0, JUDGE_CADENCE_MAX).optional(),
    perceive: z.boolean().optional(),
    models: z.looseObject({ seeker: EndpointRecord, supporter: EndpointRecord, judge: EndpointRecord.optional() }),
    personas: z.looseObject({ seeker: PersonaSchema, supporter: PersonaSchema }),
    prompts: z.record(z.string(), z.string()).optional(),
    source: z
      .looseObject({ kind: z.literal('esconv'), file: text, index: whole(0, Number.MAX_SAFE_INTEGER), extra: z.record(z.string(), z.unknown()).optional() })
      .optional(),
    // The agents' window: a resume reads the conversation through it, so it is held to what the app writes (0 = none).
    window: whole(0, TURN_CAP.max).optional(),
    fork: z
      .looseObject({
        parent: z.looseObject({ id: z.string().min(1), path: text.optional() }),
        atTurn: whole(0, INDEX_MAX),
        // Each change as it was written; a kind a newer version adds passes through.
        changes: z.array(z.looseObject({ kind: text })),
      })
      .optional(),
    comparison: z.looseObject({ id: z.string().min(1), side: z.enum(COMPARISON_SIDES) }).optional(),
    arm: z.looseObject({ name: text, seekerTraits: z.boolean(), supporterPersona: z.boolean(), supporterKnowsSeeker: z.boolean() }).optional(),
    experiment: z.looseObject({ id: text, conversation: text, rep: whole(0, Number.MAX_SAFE_INTEGER), model: text }).optional(),
  })
  .superRefine((header, ctx) => {
    // A generated conversation's cap is what a user could have set; only an import's follows its file.
    const [min, max] = header.source ? [1, IMPORTED_TURNS_MAX] : [TURN_CAP.min, TURN_CAP.max];
    if (header.turnCap < min || header.turnCap > max) ctx.addIssue({ code: 'custom', path: ['turnCap'], message: wholeMessage(min, max, header.turnCap) });
  });

const JudgedScore = z.looseObject({ score: z.number().min(TRAIT_MIN).max(TRAIT_MAX), confidence: z.number().min(0).max(1) });
const traitScore = z.number().min(TRAIT_MIN).max(TRAIT_MAX);
const stamped = { v: whole(1, Number.MAX_SAFE_INTEGER), at: text };

const TurnRecord = z.looseObject({ type: z.literal('turn'), ...stamped, turn: TurnSchema });
const NoticeRecord = z.looseObject({ type: z.literal('notice'), ...stamped, level: z.enum(['info', 'warn']), message: text });
const ErrorRecord = z.looseObject({ type: z.literal('error'), ...stamped, message: text });
const ResumedRecord = z.looseObject({ type: z.literal('resumed'), ...stamped });
const EndedRecord = z.looseObject({ type: z.literal('ended'), ...stamped, reason: EndReason, turns: whole(0, INDEX_MAX) });
const MeterRecord = z.looseObject({
  type: z.literal('meter'),
  ...stamped,
  speaker: Speaker,
  afterTurn: whole(-1, INDEX_MAX),
  hexaco: z.partialRecord(z.enum(HEXACO_KEYS), JudgedScore),
  csi: z.partialRecord(z.enum(CSI_KEYS), JudgedScore),
});
const PerceivedRecord = z
  .looseObject({
    type: z.literal('perceived'),
    ...stamped,
    index: whole(0, INDEX_MAX),
    strategy: Strategy.optional(),
    declared: Strategy.optional(),
    agrees: z.boolean(),
    /** The classification failed: there is no label, only why. */
    failed: z.literal(true).optional(),
    note: text.optional(),
    /** Which prompt gave the label (absent in older logs: the classifier). */
    via: extra(z.enum(['classifier', 'judge'])),
  })
  .superRefine((record, ctx) => {
    if (!record.failed && record.strategy === undefined) ctx.addIssue({ code: 'custom', path: ['strategy'], message: 'is missing (only a failed classification has none)' });
    if (record.failed && record.strategy !== undefined) ctx.addIssue({ code: 'custom', path: ['strategy'], message: 'must be left out of a failed classification' });
  });
const MeasurementRecord = z.looseObject({
  type: z.literal('measurement'),
  ...stamped,
  speaker: Speaker,
  afterTurn: whole(-1, INDEX_MAX),
  card: z.looseObject({ age_band: text.nullable(), gender: text.nullable(), occupation: text.nullable(), description: text }),
  behaviours: z.looseObject({ hexaco: z.record(z.string(), text), csi: z.record(z.string(), text) }),
  hexaco: z.partialRecord(z.enum(HEXACO_KEYS), traitScore),
  csi: z.partialRecord(z.enum(CSI_KEYS), traitScore),
  answers: z.record(z.string(), z.number()),
  missing: z.array(text),
  inventories: z.looseObject({ hexaco: text, csi: text }),
  model: EndpointRecord,
  prompts: z.record(z.string(), z.string()).optional(),
});
const RefusalRecord = z.looseObject({
  type: z.literal('refusal'),
  ...stamped,
  index: whole(0, INDEX_MAX),
  role: Speaker,
  model: text,
  text,
  // Refusal records of an earlier version lack these four: read without them, never made up.
  kind: extra(z.enum(['refusal', 'out-of-persona'])),
  reason: extra(text),
  attempt: extra(whole(1, 1000)),
  outcome: extra(z.enum(['asked-again', 'turn-paused'])),
});

/** The agents' running summary of turns 0 … throughTurn; a resume gives it back to them. */
const SummaryRecord = z.looseObject({ type: z.literal('summary'), ...stamped, throughTurn: whole(0, INDEX_MAX), text });
const rating = whole(QUALITY_MIN, QUALITY_MAX);
const QualityRecord = z.looseObject({
  type: z.literal('quality'),
  ...stamped,
  empathy: rating,
  relevance: rating,
  initialIntensity: rating,
  finalIntensity: rating,
  afterTurn: whole(-1, INDEX_MAX).optional(),
  model: EndpointRecord,
  prompt: text,
  usage: extra(z.looseObject({ calls: whole(0, Number.MAX_SAFE_INTEGER), promptTokens: z.number().min(0).optional(), completionTokens: z.number().min(0).optional() })),
});

/** Every line after the header. */
export const SessionEntrySchema = z.discriminatedUnion('type', [
  TurnRecord,
  NoticeRecord,
  ErrorRecord,
  ResumedRecord,
  EndedRecord,
  MeterRecord,
  PerceivedRecord,
  MeasurementRecord,
  RefusalRecord,
  SummaryRecord,
  QualityRecord,
]);

/** Zod's issues in the app's words: the field's path, then what is wrong with it. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')} ` : ''}${issueText(issue)}`).join('; ');
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is missing';
      const expected: Record<string, string> = { string: 'must be text', number: 'must be a number', int: 'must be a whole number', boolean: 'must be true or false', object: 'must be an object', record: 'must be an object', array: 'must be a list' };
      return expected[issue.expected] ?? issue.message;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of: ${issue.values.join(', ')}`;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? `must be one of: ${(issue.options as unknown[]).join(', ')}` : issue.message;
    case 'too_big':
      return issue.message.startsWith('Too big') ? `must be at most ${String(issue.maximum)}` : issue.message;
    case 'too_small':
      return issue.message.startsWith('Too small') ? `must be at least ${String(issue.minimum)}` : issue.message;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return issue.message;
  }
}
