import { parseArgs } from 'node:util';
import { configure } from '../app/clients.js';
import { doctorReportLines, runDoctor, type DoctorReport } from '../core/doctor/index.js';
import { isPresetId, PRESET_IDS, type PresetId } from '../core/llm/presets.js';
import type { Endpoint } from '../core/llm/types.js';
import type { CommandIo } from './personas.js';
import { missingKeyMessage } from './headless.js';

export const DOCTOR_USAGE = `Usage: persona-talks doctor [--preset NAME | --base-url URL] [--model NAME] [--json]

Checks a server and model before a study or a talk: reachable, model listed, streaming,
json_schema structured output, reasoning blocks, a short role-play probe for each side,
speed, and the context length where the server reports it. Then a verdict and settings.

  --preset NAME    ${PRESET_IDS.join(', ')}
  --base-url URL   any OpenAI-compatible server (or $PERSONA_TALKS_BASE_URL)
  --model NAME     the model to check (or $PERSONA_TALKS_MODEL); each distinct role model is checked
  --json           the report(s) as JSON, one object per line

Exit code: 0 when usable, 1 when a model is not usable, 2 for bad usage.`;

export interface DoctorCommandOptions {
  env?: NodeJS.ProcessEnv;
  fetch?: typeof globalThis.fetch;
}

export async function runDoctorCommand(args: string[], io: CommandIo, opts: DoctorCommandOptions = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        preset: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${DOCTOR_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${DOCTOR_USAGE}\n`);
    return 0;
  }
  if (values.preset !== undefined && !isPresetId(values.preset)) {
    io.stderr.write(`--preset must be one of ${PRESET_IDS.join(', ')} (got "${values.preset}")\n`);
    return 2;
  }
  const configured = configure({ baseUrl: values['base-url'], model: values.model, preset: values.preset as PresetId | undefined }, opts.env ?? process.env);
  if (!configured.ok) {
    io.stderr.write(`${configured.message}\n`);
    return 1;
  }
  const keyProblem = missingKeyMessage(configured.endpoints);
  if (keyProblem) {
    io.stderr.write(`${keyProblem}\n`);
    return 1;
  }
  const { seeker, supporter, judge } = configured.endpoints;
  const reports: DoctorReport[] = [];
  for (const endpoint of distinct([seeker, supporter, judge])) {
    if (!values.json) io.stderr.write(`checking ${endpoint.model}…\n`);
    const report = await runDoctor(endpoint, opts.fetch ? { fetch: opts.fetch } : {});
    reports.push(report);
    if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    else io.stdout.write(`${doctorReportLines(report).join('\n')}\n\n`);
  }
  return reports.some((r) => r.verdict === 'not-usable') ? 1 : 0;
}

/** Roles sharing a server and model are checked once. */
function distinct(endpoints: Endpoint[]): Endpoint[] {
  const seen = new Set<string>();
  return endpoints.filter((e) => {
    const key = `${e.baseURL}\n${e.model}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
