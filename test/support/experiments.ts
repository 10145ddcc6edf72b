import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { prepareExperiment, type ExperimentSetup } from '../../src/app/experiment-setup.js';
import { runExperiment, type ExperimentEvent, type RunExperimentInput } from '../../src/app/experiments.js';
import { tempDir } from './engine-fixtures.js';

/** A small plan: one seeker, one supporter, both arms, one model on the loopback server; fields can be replaced. */
export function planYaml(overrides: Record<string, unknown> = {}): string {
  return stringify({
    name: 'test study',
    seekers: ['night-shift-nurse'],
    supporters: ['warm-listener'],
    arms: [
      { name: 'with', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true },
      { name: 'without', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: false },
    ],
    engines: ['agents'],
    models: [{ name: 'm1', model: 'fake-model' }],
    repetitions: 1,
    turnCap: 4,
    seedBase: 100,
    measurement: 'off',
    classifier: false,
    quality: false,
    concurrency: 2,
    ...overrides,
  });
}

export function writePlan(text: string, dir = tempDir('pt-plan-')): string {
  const file = join(dir, 'plan.yaml');
  writeFileSync(file, text);
  return file;
}

export function envFor(url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PERSONA_TALKS_BASE_URL: url,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    ...extra,
  };
}

export async function setUp(url: string, plan: string, dir = join(tempDir('pt-exp-'), 'study'), env: NodeJS.ProcessEnv = envFor(url)): Promise<ExperimentSetup> {
  const prepared = await prepareExperiment({ planFile: writePlan(plan), dir, env });
  if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
  return prepared.setup;
}

export async function run(setup: ExperimentSetup, extra: Partial<RunExperimentInput> = {}) {
  const events: ExperimentEvent[] = [];
  const outcome = await runExperiment({ setup, onEvent: (e) => events.push(e), clientOptions: { retryBaseMs: 5, maxRetries: 1 }, ...extra });
  if (!outcome.ok) throw new Error(outcome.message);
  return { summary: outcome.summary, events };
}

export function statusLines(dir: string): { id: string; event: string; error?: string }[] {
  return readFileSync(join(dir, 'status.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; event: string; error?: string });
}

export const sessionFiles = (dir: string) => readdirSync(join(dir, 'sessions')).filter((f) => f.endsWith('.jsonl')).sort();
