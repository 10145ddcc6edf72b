import { parseArgs } from 'node:util';
import { GROUP_BY } from '../core/analysis/report.js';
import { JUDGE_CADENCE_MAX, TURN_CAP } from '../core/config/settings.js';
import { CONDITIONS, ENGINE_KINDS, SPEAKERS } from '../core/domain.js';
import { PRESET_IDS } from '../core/llm/presets.js';
import { ROLES } from '../core/personas/schema.js';
import { REPLAY_SPEEDS } from '../core/sessions/replay-timing.js';
import { cleanForDisplay } from '../core/sanitize.js';

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
    | { kind: 'choice'; choices: readonly string[] }
    | { kind: 'integer'; value: string; min: number; max: number }
    | { kind: 'decimal'; value: string; min: number; max: number }
  );

const REPLAY_SPEED_NAMES = REPLAY_SPEEDS.map(String) as readonly string[];
const TURN_HELP = `turn cap: seeker + supporter messages, ${TURN_CAP.min}–${TURN_CAP.max} (default from settings, ${TURN_CAP.fallback})`;

export const FLAGS = {
  help: { kind: 'boolean', short: 'h', help: 'show this help' },
  json: { kind: 'boolean', help: 'print JSON instead of text (NDJSON events for run and resume)' },
  sessions: { kind: 'string', value: 'DIR', help: 'the sessions folder (default ./sessions, or $PERSONA_TALKS_SESSIONS)', deprecatedAlias: 'dir' },
  personas: { kind: 'string', value: 'DIR', help: 'your personas folder (default ~/.config/persona-talks/personas, or $PERSONA_TALKS_PERSONAS)' },
  'base-url': { kind: 'string', value: 'URL', help: 'an OpenAI-compatible server, e.g. http://localhost:11434/v1 (or $PERSONA_TALKS_BASE_URL)' },
  model: { kind: 'string', value: 'NAME', help: 'the model for every role (or $PERSONA_TALKS_MODEL)' },
  preset: { kind: 'choice', choices: PRESET_IDS, help: 'a known server and its default model' },
  seeker: { kind: 'string', value: 'ID', help: 'the seeker persona' },
  supporter: { kind: 'string', value: 'ID', help: 'the supporter persona' },
  turns: { kind: 'integer', value: 'N', min: TURN_CAP.min, max: TURN_CAP.max, help: TURN_HELP },
  engine: { kind: 'choice', choices: ENGINE_KINDS, help: 'two agents (default), or one call that writes the whole dialogue' },
  condition: { kind: 'choice', choices: CONDITIONS, help: "whether the supporter knows the seeker's profile (default aware)" },
  seed: { kind: 'integer', value: 'N', min: 0, max: 2 ** 31 - 1, help: 'seed passed to the model server, where it supports one' },
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
  format: { kind: 'string', value: 'FORMAT', help: 'md, esconv or csv' },
  out: { kind: 'string', value: 'PATH', help: 'write to this file (default: standard output)' },
  raw: { kind: 'boolean', help: 'CSV: write text cells verbatim, without the spreadsheet formula guard' },
  by: { kind: 'choice', choices: GROUP_BY, help: 'group sessions by this (default condition)' },
  speaker: { kind: 'choice', choices: SPEAKERS, help: 'measure only this speaker (default both)' },
  role: { kind: 'choice', choices: ROLES, help: 'only personas that can play this role' },
  'hexaco-inventory': { kind: 'string', value: 'FILE', help: 'rate this HEXACO inventory instead of the bundled one (same YAML format)' },
  'csi-inventory': { kind: 'string', value: 'FILE', help: 'rate this CSI inventory instead of the bundled one (same YAML format)' },
  port: { kind: 'integer', value: 'N', min: 0, max: 65_535, help: 'port on 127.0.0.1 (0 picks a free one)' },
  'delay-ms': { kind: 'integer', value: 'MS', min: 0, max: 60_000, help: 'pause between streamed chunks' },
  'chunk-size': { kind: 'integer', value: 'N', min: 1, max: 10_000, help: 'characters per streamed chunk' },
  'close-after': { kind: 'integer', value: 'N', min: 1, max: 1_000_000, help: 'the seeker says goodbye after this many messages' },
  'judge-delay-ms': { kind: 'integer', value: 'MS', min: 0, max: 600_000, help: 'pause before each trait-judge answer' },
} as const satisfies Record<string, FlagDef>;

export type FlagName = keyof typeof FLAGS;

type ValueOf<D> = D extends { kind: 'boolean' }
  ? boolean
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
    values[name] = read.value;
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
