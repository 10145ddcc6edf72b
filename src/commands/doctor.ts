import { openApplication } from '../app/application.js';
import { checkModel, doctorReportLines, modelsToCheck, type DoctorReport } from '../app/doctor.js';
import { endpointFlags, refuse } from './headless.js';
import { fail, readFlags, usage, type CommandIo } from './io.js';

const DOCTOR_FLAGS = ['preset', 'base-url', 'model', 'model-file', 'json', 'request-timeout'] as const;

export const DOCTOR_USAGE = usage(
  `Usage: persona-talks doctor [--preset NAME | --base-url URL] [--model NAME] [--json]

Checks a server and model before a study or a talk: reachable, model listed, streaming,
json_schema structured output, reasoning blocks, a short role-play probe for each side,
speed, and the context length where the server reports it. Then a verdict and settings.
Each distinct model the roles use is checked.

Exit code: 0 when usable, 1 when a model is not usable, 2 for bad usage.`,
  DOCTOR_FLAGS,
);

export interface DoctorCommandOptions {
  env?: NodeJS.ProcessEnv;
  fetch?: typeof globalThis.fetch;
}

export async function runDoctorCommand(args: string[], io: CommandIo, opts: DoctorCommandOptions = {}): Promise<number> {
  const parsed = readFlags(io, 'doctor', DOCTOR_USAGE, args, DOCTOR_FLAGS, { positionals: false });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const opened = openApplication({ env: opts.env ?? process.env, flags: endpointFlags(values), sessionsDir: null, requestTimeoutSeconds: values['request-timeout'] });
  if (!opened.ok) return fail(io, opened.message);
  const { app } = opened;
  try {
    const models = modelsToCheck(app);
    if (!models.ok) return refuse(io, models);
    const reports: DoctorReport[] = [];
    for (const endpoint of models.endpoints) {
      if (!values.json) io.stderr.write(`checking ${endpoint.model}…\n`);
      const report = await checkModel(app, endpoint, { ...(opts.fetch ? { fetch: opts.fetch } : {}), requestTimeoutMs: app.requestTimeoutMs() });
      reports.push(report);
      if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else io.stdout.write(`${doctorReportLines(report).join('\n')}\n\n`);
    }
    return reports.some((r) => r.verdict === 'not-usable') ? 1 : 0;
  } finally {
    await app.close();
  }
}
