import { parseArgs } from 'node:util';
import { configure, createClients } from '../app/clients.js';
import { sessionsDir } from '../app/paths.js';
import { startConversation } from '../core/engine/conversation.js';
import { isPresetId, PRESET_IDS, type PresetId } from '../core/llm/presets.js';
import { findPersona, loadLibrary, personasFor } from '../core/personas/library.js';
import { canPlay } from '../core/personas/schema.js';
import { appVersion } from '../core/package-info.js';
import type { CommandIo } from './personas.js';
import { missingKeyMessage, printConversation, unreachableMessage } from './headless.js';

export const RUN_USAGE = `Usage: persona-talks run --seeker ID --supporter ID [options]

  --turns N              turn cap (seeker + supporter messages; default from settings, 20)
  --engine agents|script two agents (default) or one call writing the whole dialogue
  --condition aware|blind  whether the supporter knows the seeker's profile (default aware)
  --seed N               seed passed to the model server (where supported)
  --temperature T        sampling temperature (default from settings)
  --judge-cadence N      trait judge after every N turns, 0 = off (default from settings, 1)
  --no-classifier        do not label supporter turns with the independent strategy classifier
  --json                 print NDJSON events instead of text
  --sessions DIR         where to save the session (default ./sessions or $PERSONA_TALKS_SESSIONS)
  --base-url URL         OpenAI-compatible server (or $PERSONA_TALKS_BASE_URL)
  --model NAME           model for every role (or $PERSONA_TALKS_MODEL)
  --preset NAME          ${PRESET_IDS.join(', ')}
  --personas DIR         your personas folder (default ~/.config/persona-talks/personas)`;

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  bundledDir?: string;
  /** Called with the conversation's stop function so a signal handler can end it cleanly. */
  onStart?: (stop: () => void) => void;
}

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`${message}\n`);
  return code;
}

function intFlag(value: string | undefined, name: string, min: number, max: number): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) return `--${name} must be a whole number from ${min} to ${max} (got "${value}")`;
  return n;
}

export async function runRunCommand(args: string[], io: CommandIo, opts: RunOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        seeker: { type: 'string' },
        supporter: { type: 'string' },
        turns: { type: 'string' },
        engine: { type: 'string', default: 'agents' },
        condition: { type: 'string', default: 'aware' },
        seed: { type: 'string' },
        temperature: { type: 'string' },
        'judge-cadence': { type: 'string' },
        'no-classifier': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        sessions: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        preset: { type: 'string' },
        personas: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail(io, `${(error as Error).message}\n\n${RUN_USAGE}`, 2);
  }
  if (values.help) {
    io.stdout.write(`${RUN_USAGE}\n`);
    return 0;
  }
  if (!values.seeker || !values.supporter) return fail(io, `Both --seeker and --supporter are needed.\n\n${RUN_USAGE}`, 2);
  if (values.engine !== 'agents' && values.engine !== 'script') return fail(io, `--engine must be "agents" or "script" (got "${values.engine}")`, 2);
  if (values.condition !== 'aware' && values.condition !== 'blind') return fail(io, `--condition must be "aware" or "blind" (got "${values.condition}")`, 2);
  if (values.preset !== undefined && !isPresetId(values.preset)) return fail(io, `--preset must be one of ${PRESET_IDS.join(', ')} (got "${values.preset}")`, 2);
  const turns = intFlag(values.turns, 'turns', 1, 500);
  const judgeCadence = intFlag(values['judge-cadence'], 'judge-cadence', 0, 20);
  if (typeof judgeCadence === 'string') return fail(io, judgeCadence, 2);
  const seed = intFlag(values.seed, 'seed', 0, 2 ** 31 - 1);
  for (const v of [turns, seed]) if (typeof v === 'string') return fail(io, v, 2);
  const temperature = values.temperature === undefined ? undefined : Number(values.temperature);
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) return fail(io, `--temperature must be a number from 0 to 2 (got "${values.temperature}")`, 2);

  const library = await loadLibrary({ bundledDir: opts.bundledDir, ...(values.personas ? { userDir: values.personas } : {}) });
  const pick = (id: string, side: 'seeker' | 'supporter') => {
    const found = findPersona(library.personas, id);
    if (found && canPlay(found.persona, side)) return found.persona;
    const choices = personasFor(library.personas, side).map((p) => p.persona.id).join(', ');
    const why = found ? `"${id}" cannot play the ${side}` : `No persona with id "${id}"`;
    io.stderr.write(`${why}. ${side === 'seeker' ? 'Seekers' : 'Supporters'} available: ${choices}.\nSee them with \`persona-talks personas list --role ${side}\`.\n`);
    return undefined;
  };
  const seeker = pick(values.seeker, 'seeker');
  const supporter = pick(values.supporter, 'supporter');
  if (!seeker || !supporter) return 1;

  const configured = configure({ baseUrl: values['base-url'], model: values.model, preset: values.preset as PresetId | undefined }, env);
  if (!configured.ok) return fail(io, configured.message);
  const { endpoints, settings } = configured;
  const keyProblem = missingKeyMessage(endpoints);
  if (keyProblem) return fail(io, keyProblem);
  const unreachable = await unreachableMessage(endpoints, 'No conversation was started.');
  if (unreachable) return fail(io, unreachable);

  const clients = createClients(endpoints);
  const conversation = startConversation({
    seeker,
    supporter,
    condition: values.condition,
    engine: values.engine,
    mode: 'watch',
    turnCap: (turns as number | undefined) ?? settings.turnCap,
    ...(seed !== undefined ? { seed: seed as number } : {}),
    temperature: temperature ?? settings.temperature,
    judgeCadence: judgeCadence ?? settings.judgeCadence,
    perceive: !values['no-classifier'] && settings.classifier,
    keepReasoning: settings.keepReasoning,
    clients,
    sessionsDir: sessionsDir(values.sessions, env),
    appVersion: appVersion(),
  });
  opts.onStart?.(() => conversation.stop());

  return printConversation(conversation, io, { json: values.json, names: { seeker: seeker.name, supporter: supporter.name } });
}
