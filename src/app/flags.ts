import { parseArgs } from 'node:util';
import { GROUP_BY } from '../core/analysis/group-by.js';
import { JUDGE_CADENCE_MAX, REQUEST_TIMEOUT, TURN_CAP, WINDOW } from '../core/config/settings.js';
import { CONDITIONS, ENGINE_KINDS, SPEAKERS } from '../core/domain.js';
import { PRESET_IDS } from '../core/llm/presets.js';
import { ROLES } from '../core/personas/schema.js';
import { REPLAY_SPEEDS } from '../core/sessions/replay-timing.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { isHttpUrl, notHttpUrlMessage } from './endpoints.js';

/**
 * Every command-line flag of every command, defined once: its kind, its range or
 * choices, and its one help text. A command names the flags it takes; parseFlags
 * reads them with node:util's parseArgs and checks every value against its
 * definition, so `--turns` means the same, within the same range, wherever it is
 * accepted, and is explained in the same words.
 */

interface Common {
  /** The one line of help, shared by every command that takes the flag. */
  help: string;
  /** Another name still accepted, with a note on stderr that it is going away. */
  deprecatedAlias?: string;
}
type FlagDef = Common &
  (
    | { kind: 'boolean'; short?: string }
    | { kind: 'string'; value: string }
    /** An http(s) URL with a host: anything else is refused before a request is made. */
    | { kind: 'url'; value: string }
    /** A string flag that may be given more than once: every value, in order. */
    | { kind: 'strings'; value: string }
    | { kind: 'choice'; choices: readonly string[] }
    | { kind: 'integer'; value: string; min: number; max: number }
    | { kind: 'decimal'; value: string; min: number; max: number }
  );

const REPLAY_SPEED_NAMES = REPLAY_SPEEDS.map(String) as readonly string[];
const TURN_HELP = `turn cap: seeker + supporter messages, ${TURN_CAP.min}–${TURN_CAP.max} (default from settings, ${TURN_CAP.fallback})`;

export const FLAGS = {
  help: { kind: 'boolean', short: 'h', help: 'show this help' },
  json: { kind: 'boolean', help: 'print JSON instead of text (NDJSON: events for run and resume, a report per model for doctor)' },
  sessions: { kind: 'string', value: 'DIR', help: 'the sessions folder (default ./sessions, or $PERSONA_TALKS_SESSIONS)', deprecatedAlias: 'dir' },
  personas: { kind: 'string', value: 'DIR', help: 'your personas folder (default ~/.config/persona-talks/personas, or $PERSONA_TALKS_PERSONAS)' },
  'base-url': { kind: 'url', value: 'URL', help: 'an OpenAI-compatible server, e.g. http://localhost:11434/v1 (or $PERSONA_TALKS_BASE_URL)' },
  model: { kind: 'string', value: 'NAME', help: 'the model for every role (or $PERSONA_TALKS_MODEL)' },
  preset: { kind: 'choice', choices: PRESET_IDS, help: 'a known server and its default model; local: the model inside the app' },
  seeker: { kind: 'string', value: 'ID', help: 'the seeker persona' },
  supporter: { kind: 'string', value: 'ID', help: 'the supporter persona' },
  turns: { kind: 'integer', value: 'N', min: TURN_CAP.min, max: TURN_CAP.max, help: TURN_HELP },
  engine: { kind: 'choice', choices: ENGINE_KINDS, help: 'two agents (default), or one call that writes the whole dialogue' },
  condition: { kind: 'choice', choices: CONDITIONS, help: "whether the supporter knows the seeker's profile (default aware)" },
  seed: {
    kind: 'integer',
    value: 'N',
    min: 0,
    max: 2 ** 31 - 1,
    help: 'a seed: for the model server, where it supports one; for export --dataset, the shuffle that splits it (default 1)',
  },
  temperature: { kind: 'decimal', value: 'T', min: 0, max: 2, help: 'sampling temperature, 0–2 (default from settings)' },
  'judge-cadence': {
    kind: 'integer',
    value: 'N',
    min: 0,
    max: JUDGE_CADENCE_MAX,
    help: `trait judge after every N turns, 0 = off, up to ${JUDGE_CADENCE_MAX} (default from settings, 1)`,
  },
  'no-classifier': { kind: 'boolean', help: 'do not label supporter turns with the strategy classifier' },
  speed: { kind: 'choice', choices: REPLAY_SPEED_NAMES, help: 'replay pace: 1 (as recorded; the default in a terminal), 2, 4, or instant' },
  step: { kind: 'boolean', help: 'presenter mode: each turn plays when you press n (terminal only)' },
  yes: { kind: 'boolean', help: 'confirm: delete for good' },
  format: { kind: 'string', value: 'FORMAT', help: 'export: md, esconv, csv, chat-jsonl or sharegpt; personas export: card' },
  out: { kind: 'string', value: 'PATH', help: 'write to this file (default: standard output); personas generate/import: the folder (default ./personas/generated); experiment report: the folder (default DIR/report)' },
  raw: { kind: 'boolean', help: 'CSV: write text cells verbatim, without the spreadsheet formula guard' },
  dataset: { kind: 'string', value: 'DIR', help: 'write a training dataset folder: data/train|validation|test.jsonl and a README.md card' },
  split: { kind: 'string', value: 'T/V/T', help: 'how --dataset splits conversations into train/validation/test, in percent (default 80/10/10)' },
  persona: { kind: 'boolean', help: "chat-jsonl, sharegpt, --dataset: describe the role's persona in the system message" },
  'strategy-tags': { kind: 'boolean', help: 'chat-jsonl, sharegpt, --dataset: start every supporter message with its [strategy] tag' },
  by: { kind: 'choice', choices: GROUP_BY, help: 'group sessions by this (default condition)' },
  speaker: { kind: 'choice', choices: SPEAKERS, help: 'measure only this speaker (default both)' },
  role: {
    kind: 'choice',
    choices: ROLES,
    help: "personas list: only personas that can play it; import, generate: the new personas' (generate/import default either); export: whose replies a model learns (default supporter)",
  },
  id: { kind: 'string', value: 'ID', help: "the new persona's id (default: made from the card's name)" },
  'no-score': { kind: 'boolean', help: 'do not score the traits with the judge model; leave them for you to fill in' },
  'emotion-type': { kind: 'string', value: 'TYPE', help: "a seeker's emotion, e.g. anxiety" },
  'problem-type': { kind: 'string', value: 'TYPE', help: "a seeker's problem, e.g. job crisis" },
  intensity: { kind: 'integer', value: 'N', min: 1, max: 5, help: "a seeker's initial intensity, 1–5" },
  situation: { kind: 'string', value: 'TEXT', help: "a seeker's situation, in a sentence or two" },
  'hexaco-inventory': { kind: 'string', value: 'FILE', help: 'rate this HEXACO inventory instead of the bundled one (same YAML format)' },
  'csi-inventory': { kind: 'string', value: 'FILE', help: 'rate this CSI inventory instead of the bundled one (same YAML format)' },
  port: { kind: 'integer', value: 'N', min: 0, max: 65_535, help: 'port on 127.0.0.1 (0 picks a free one)' },
  'delay-ms': { kind: 'integer', value: 'MS', min: 0, max: 60_000, help: 'pause between streamed chunks' },
  'chunk-size': { kind: 'integer', value: 'N', min: 1, max: 10_000, help: 'characters per streamed chunk' },
  'close-after': { kind: 'integer', value: 'N', min: 1, max: 1_000_000, help: 'the seeker says goodbye after this many messages' },
  'judge-call-ms': {
    kind: 'integer',
    value: 'MS',
    min: 0,
    max: 600_000,
    help: "every judge-side call takes this long and answers in one piece (default: streamed at the agents' pace)",
  },
  words: { kind: 'integer', value: 'N', min: 0, max: 10_000, help: 'agent messages grow to at least this many words (default: one line)' },
  quirk: { kind: 'string', value: 'NAME', help: 'answer the way real models misbehave (the list is below; --quirk help prints it)' },
  flavour: { kind: 'choice', choices: ['llamacpp', 'ollama', 'vllm'], help: 'answer the context-length questions of this server (with --context)' },
  context: { kind: 'integer', value: 'N', min: 1, max: 10_000_000, help: 'the context length --flavour reports, in tokens (default 8192)' },
  gpu: { kind: 'choice', choices: ['auto', 'cuda', 'vulkan', 'none'], help: 'which llama.cpp build to install besides the CPU one (default auto: what the machine has)' },
  'model-file': { kind: 'string', value: 'PATH', help: 'a GGUF model file you already have, instead of the downloaded one' },
  'runtime-only': { kind: 'boolean', help: 'install the llama.cpp runtime and stop (no model download)' },
  'request-timeout': {
    kind: 'integer',
    value: 'S',
    min: REQUEST_TIMEOUT.min,
    max: REQUEST_TIMEOUT.max,
    help: `seconds a model server may take to start answering a request, ${REQUEST_TIMEOUT.min}–${REQUEST_TIMEOUT.max} (default from settings, ${REQUEST_TIMEOUT.fallback})`,
  },
  window: {
    kind: 'integer',
    value: 'N',
    min: 0,
    max: WINDOW.max,
    help: `agents read the latest N turns word for word and a summary of the rest; 0 = the whole conversation (default from settings, ${WINDOW.fallback})`,
  },
  quality: { kind: 'boolean', help: "rate the dialogue's quality (empathy, relevance, the seeker's emotion intensity before and after) instead of measuring traits" },
  at: { kind: 'integer', value: 'K', min: 0, max: TURN_CAP.max, help: 'fork: keep turns 1..K of the session, then continue (0 keeps none)' },
  set: {
    kind: 'strings',
    value: 'PATH=VALUE',
    help: 'fork: change one thing, e.g. supporter.hexaco.A=1.5, seeker.csi.emotionality=2, supporter=ID, judge.model=NAME, condition=blind, temperature=0.3 (repeatable)',
  },
  'vs-supporter': { kind: 'string', value: 'ID', help: "compare: side B's supporter persona" },
  'vs-condition': { kind: 'choice', choices: CONDITIONS, help: "compare: side B's condition" },
  'vs-engine': { kind: 'choice', choices: ENGINE_KINDS, help: "compare: side B's engine" },
  'vs-model': { kind: 'string', value: '[ROLE=]NAME', help: "compare: side B's model, for every role or for one (supporter=NAME)" },
  fork: { kind: 'string', value: 'SESSION', help: 'compare: continue this session twice from --at K, side B with the changes' },
  tree: { kind: 'boolean', help: 'sessions: show each fork under the session it came from, with its fork turn and changes' },
  from: { kind: 'string', value: 'SEEDS', help: 'seed descriptions: a file (text, JSONL or YAML), a persona folder, or persona ids joined by commas' },
  count: { kind: 'integer', value: 'N', min: 1, max: 100_000, help: 'personas to keep (generate: required; import: default every description in the file)' },
  'no-check': { kind: 'boolean', help: "skip the model's consistency check of each card (the fixed rules still apply)" },
  dir: { kind: 'string', value: 'DIR', help: "the experiment folder (default ./experiments/<the plan's name>)" },
  concurrency: { kind: 'integer', value: 'N', min: 1, max: 256, help: "how many at once, 1–256 (experiment run: conversations, default the plan's concurrency; personas generate/import: personas, default 4)" },
  'retry-failed': { kind: 'boolean', help: 'run the conversations that failed for good again, from their last finished turn' },
  inline: { kind: 'boolean', help: 'draw the app inline, leaving the conversation in the scrollback, instead of full screen (or set it in settings)' },
} as const satisfies Record<string, FlagDef>;

export type FlagName = keyof typeof FLAGS;

type ValueOf<D> = D extends { kind: 'boolean' }
  ? boolean
  : D extends { kind: 'strings' }
    ? string[]
  : D extends { kind: 'integer' | 'decimal' }
    ? number
    : D extends { kind: 'choice'; choices: readonly (infer C)[] }
      ? C
      : string;

export type FlagValues<N extends FlagName> = { [K in N]?: ValueOf<(typeof FLAGS)[K]> };

export interface ParsedFlags<N extends FlagName> {
  values: FlagValues<N>;
  positionals: string[];
  /** Things worth a line on stderr that do not stop the command (a deprecated flag name). */
  notes: string[];
}

export type FlagProblem = { problem: string };

/** A plain decimal whole number: "0x10", "1e3", " 5" and "5.0" are not. */
const INTEGER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function readValue(name: FlagName, raw: string): { value: unknown } | FlagProblem {
  const def: FlagDef = FLAGS[name];
  const got = `(got "${cleanForDisplay(raw)}")`;
  switch (def.kind) {
    case 'integer':
    case 'decimal': {
      const n = Number(raw);
      const shaped = (def.kind === 'integer' ? INTEGER : DECIMAL).test(raw);
      if (shaped && n >= def.min && n <= def.max) return { value: n };
      const what = def.kind === 'integer' ? 'a whole number' : 'a number';
      return { problem: `--${name} must be ${what} from ${def.min} to ${def.max} ${got}` };
    }
    case 'url':
      return isHttpUrl(raw) ? { value: raw } : { problem: notHttpUrlMessage(`--${name}`, raw) };
    case 'choice':
      return def.choices.includes(raw) ? { value: raw } : { problem: `--${name} needs one of: ${def.choices.join(', ')} ${got}` };
    default:
      return { value: raw };
  }
}

/**
 * Reads `args` for the flags `names` (each as defined in FLAGS); anything else is
 * a problem, worded for the user. `--name value` and `--name=value` both work;
 * `--` ends the flags.
 */
export function parseFlags<const N extends FlagName>(args: readonly string[], names: readonly N[], options: { positionals?: boolean } = {}): ParsedFlags<N> | FlagProblem {
  const aliases = new Map<string, N>();
  for (const name of names) {
    const alias = (FLAGS[name] as Common).deprecatedAlias;
    if (alias) aliases.set(alias, name);
  }
  const spec = Object.fromEntries(
    [...names, ...aliases.keys()].map((key) => {
      const def: FlagDef = FLAGS[(aliases.get(key) ?? key) as N];
      return [key, def.kind === 'boolean' ? { type: 'boolean' as const, ...(def.short ? { short: def.short } : {}) } : { type: 'string' as const }];
    }),
  );
  // Not strict: every token comes back, and each problem is worded here rather than by node.
  const { tokens } = parseArgs({ args: [...args], options: spec, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  const notes: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (options.positionals === false) return { problem: `unexpected argument "${cleanForDisplay(token.value)}"` };
      positionals.push(token.value);
      continue;
    }
    const shown = cleanForDisplay(token.rawName);
    const alias = aliases.get(token.name);
    const name = (alias ?? token.name) as N;
    if (!(names as readonly string[]).includes(name)) return { problem: `unknown option "${shown}"` };
    if (alias) notes.push(`--${token.name} is deprecated; use --${alias}`);
    const def: FlagDef = FLAGS[name];
    if (def.kind === 'boolean') {
      if (token.value !== undefined) return { problem: `--${name} takes no value` };
      values[name] = true;
      continue;
    }
    // "--sessions --json" is a forgotten value, not a folder called "--json".
    if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('--'))) return { problem: `--${name} needs a value` };
    const read = readValue(name, token.value);
    if ('problem' in read) return read;
    values[name] = def.kind === 'strings' ? [...((values[name] as string[] | undefined) ?? []), read.value] : read.value;
  }
  return { values: values as FlagValues<N>, positionals, notes };
}

/** Help lines for `names`, aligned: "  --turns N        turn cap: …". */
export function flagHelp(names: readonly FlagName[]): string {
  const left = names.map((name) => {
    const def: FlagDef = FLAGS[name];
    const value = def.kind === 'boolean' ? '' : def.kind === 'choice' ? ` ${def.choices.join('|')}` : ` ${def.value}`;
    return `  --${name}${value}`;
  });
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return names.map((name, i) => `${left[i]!.padEnd(width)}${FLAGS[name].help}`).join('\n');
}
