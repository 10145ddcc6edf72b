import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Persona } from '../core/personas/schema.js';
import type { MeasurementResult, SessionHeader, Speaker, Turn } from '../core/domain.js';
import { SESSION_FORMAT_VERSION } from '../core/sessions/format.js';
import { SessionRecorder } from '../core/sessions/recorder.js';
import type { SessionEvent } from '../core/sessions/records.js';
import { STRATEGIES } from '../core/strategies.js';
import { CSI_KEYS, HEXACO_KEYS } from '../core/traits/dimensions.js';

/**
 * An experiment folder of `count` generated conversations for the report's
 * benchmark, written by the real recorder in the session format, shaped like
 * a real study's: two arms (with and without persona), two model
 * configurations, a pool of scored personas, 16-turn conversations with
 * perceived labels, a post-hoc measurement of each speaker (one rating per
 * bundled inventory statement), a quality rating, and now and then a refusal.
 * Seeded: the same count writes the same folder.
 */

const ARMS = [
  { name: 'with-persona', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true },
  { name: 'without-persona', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: false },
] as const;
const MODELS = ['small', 'large'] as const;
const TURNS = 16;
/** Item ids like the bundled inventories' (48 HEXACO, 36 CSI statements). */
const ITEMS = [...HEXACO_KEYS.flatMap((k) => Array.from({ length: 8 }, (_, i) => `${k}${i + 1}`)), ...CSI_KEYS.flatMap((k) => Array.from({ length: 6 }, (_, i) => `${k.slice(0, 3).toUpperCase()}${i + 1}`))];
const WORDS = 'I hear how much this has been weighing on you and it makes sense that you feel tired of carrying it alone every single day'.split(' ');

function int(rng: RandomGenerator, min: number, max: number): number {
  return uniformInt(rng, min, max);
}

function score(rng: RandomGenerator): number {
  return int(rng, 10, 50) / 10;
}

function persona(rng: RandomGenerator, role: 'seeker' | 'supporter', n: number): Persona {
  const hexaco = Object.fromEntries(HEXACO_KEYS.map((k) => [k, score(rng)])) as Persona['hexaco'] & object;
  // CSI follows HEXACO loosely, as psychology predicts, so RQ1 has correlations to find.
  const near = (v: number) => Math.min(5, Math.max(1, Math.round((v + (int(rng, -10, 10) / 10)) * 10) / 10));
  const csi = {
    expressiveness: near(hexaco.X),
    preciseness: near(hexaco.C),
    verbal_aggressiveness: near(6 - hexaco.A),
    questioningness: near(hexaco.O),
    emotionality: near(hexaco.E),
    impression_manipulativeness: near(6 - hexaco.H),
  };
  return {
    id: `gen-${role}-${String(n).padStart(4, '0')}`,
    role,
    name: `Generated ${role} ${n}`,
    description: `A generated ${role} persona for the benchmark, number ${n}.`,
    hexaco,
    csi,
    ...(role === 'seeker' ? { emotion_type: 'anxiety', problem_type: 'job crisis', situation: 'Lost a job last month.', initial_intensity: 4 } : {}),
  };
}

const BASELINE: Persona = { id: 'no-persona', role: 'supporter', name: 'No persona', baseline: true, description: 'A supporter with no personality profile.' };

function text(rng: RandomGenerator, words: number): string {
  return Array.from({ length: words }, () => WORDS[int(rng, 0, WORDS.length - 1)]).join(' ');
}

function measurement(rng: RandomGenerator, speaker: Speaker, target: Persona): MeasurementResult {
  const drift = (v: number | undefined) => Math.min(5, Math.max(1, Math.round(((v ?? 3) + int(rng, -15, 15) / 10) * 100) / 100));
  return {
    speaker,
    afterTurn: TURNS - 1,
    card: { age_band: '25-34', gender: null, occupation: 'clerk', description: text(rng, 25) },
    behaviours: {
      hexaco: Object.fromEntries(HEXACO_KEYS.map((k) => [k, text(rng, 14)])) as MeasurementResult['behaviours']['hexaco'],
      csi: Object.fromEntries(CSI_KEYS.map((k) => [k, text(rng, 14)])) as MeasurementResult['behaviours']['csi'],
    },
    hexaco: Object.fromEntries(HEXACO_KEYS.map((k) => [k, drift(target.hexaco?.[k])])),
    csi: Object.fromEntries(CSI_KEYS.map((k) => [k, drift(target.csi?.[k])])),
    answers: Object.fromEntries(ITEMS.map((id) => [id, int(rng, 1, 5)])),
    missing: [],
    inventories: { hexaco: 'HEXACO (bundled) v1', csi: 'CSI (bundled) v1' },
    model: { baseURL: 'http://127.0.0.1:9/v1', model: 'judge' },
    prompts: { measurement: '1' },
  };
}

export interface GeneratedExperiment {
  dir: string;
  sessions: number;
  bytes: number;
}

export function writeExperimentFolder(dir: string, count: number, seed = 42): GeneratedExperiment {
  const rng = xoroshiro128plus(seed);
  const sessions = join(dir, 'sessions');
  mkdirSync(sessions, { recursive: true });
  const seekers = Array.from({ length: 150 }, (_, i) => persona(rng, 'seeker', i + 1));
  const supporters = Array.from({ length: 50 }, (_, i) => persona(rng, 'supporter', i + 1));
  const conversations: Array<{ id: string; arm: string; seeker: string; supporter: string; engine: string; model: string; rep: number; seed: number }> = [];
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const arm = ARMS[n % 2]!;
    const model = MODELS[Math.floor(n / 2) % 2]!;
    const seeker = seekers[int(rng, 0, seekers.length - 1)]!;
    const supporter = arm.supporterPersona ? supporters[int(rng, 0, supporters.length - 1)]! : BASELINE;
    const rep = Math.floor(n / 4) + 1;
    const id = `${arm.name}__${seeker.id}__${supporter.id}__agents__${model}__r${rep}`;
    conversations.push({ id, arm: arm.name, seeker: seeker.id, supporter: supporter.id, engine: 'agents', model, rep, seed: 1000 + n });
    const start = Date.UTC(2025, 4, 1, 9, 0, 0) + n * 60_000;
    const at = (ms: number) => new Date(start + ms).toISOString();
    const header: SessionHeader & { arm: (typeof ARMS)[number]; experiment: { id: string; conversation: string; rep: number; model: string } } = {
      type: 'header',
      v: SESSION_FORMAT_VERSION,
      app: 'persona-talks',
      appVersion: '0.1.0',
      id,
      createdAt: at(0),
      engine: 'agents',
      condition: arm.supporterKnowsSeeker ? 'aware' : 'blind',
      mode: 'watch',
      turnCap: TURNS,
      seed: 1000 + n,
      temperature: 0.8,
      judgeCadence: 0,
      perceive: true,
      models: { seeker: { baseURL: 'http://127.0.0.1:9/v1', model: `${model}-chat` }, supporter: { baseURL: 'http://127.0.0.1:9/v1', model: `${model}-chat` }, judge: { baseURL: 'http://127.0.0.1:9/v1', model: 'judge' } },
      personas: { seeker, supporter },
      prompts: { seeker: '1', supporter: '1', reminder: '1', classifier: '1' },
      arm,
      experiment: { id: 'bench-experiment', conversation: id, rep, model },
    };
    const recorder = SessionRecorder.create(sessions, id, { syncOnlyOnClose: true });
    const record = (event: SessionEvent) => recorder.record(event);
    record({ type: 'session-started', header });
    for (let i = 0; i < TURNS; i++) {
      const speaker: Speaker = i % 2 === 0 ? 'seeker' : 'supporter';
      const strategy = STRATEGIES[(int(rng, 0, 9) + (arm.supporterPersona ? 0 : 3)) % STRATEGIES.length]!;
      const turn: Turn = {
        index: i,
        speaker,
        text: text(rng, int(rng, 25, 55)),
        ...(speaker === 'supporter' ? { strategy, labelSource: 'declared' as const } : {}),
        by: 'ai',
        startedAt: at(i * 2000),
        finishedAt: at(i * 2000 + 1500),
        latencyMs: int(rng, 800, 2500),
        usage: { promptTokens: 300 + i * 60, completionTokens: int(rng, 30, 80) },
      };
      if (n % 50 === 7 && i === 5) record({ type: 'refusal', index: i, role: speaker, model: `${model}-chat`, text: 'I cannot pretend to be someone else.', kind: 'refusal', reason: 'declined to play the role', attempt: 1, outcome: 'asked-again' });
      record({ type: 'turn-finished', turn });
      if (speaker === 'supporter') {
        const perceived = int(rng, 0, 3) === 0 ? STRATEGIES[int(rng, 0, 7)]! : strategy;
        record({ type: 'perceived', index: i, strategy: perceived, declared: strategy, agrees: perceived === strategy });
      }
    }
    record({ type: 'ended', reason: 'turn-cap', turns: TURNS });
    record({ type: 'measurement', ...measurement(rng, 'seeker', seeker) });
    record({ type: 'measurement', ...measurement(rng, 'supporter', supporter) });
    const lift = arm.supporterPersona ? 1 : 0;
    record({
      type: 'quality',
      empathy: Math.min(5, int(rng, 2, 4) + lift),
      relevance: int(rng, 2, 5),
      initialIntensity: int(rng, 3, 5),
      finalIntensity: Math.max(1, int(rng, 2, 4) - lift),
      afterTurn: TURNS - 1,
      model: { baseURL: 'http://127.0.0.1:9/v1', model: 'judge' },
      prompt: 'quality@1',
      usage: { calls: 1, promptTokens: 1800, completionTokens: 60 },
    });
    recorder.close();
    bytes += statSync(recorder.path).size;
  }
  const plan = [
    'name: bench (generated sessions)',
    'seekers: all',
    'supporters: all',
    'arms:',
    ...ARMS.flatMap((a) => [`  - name: ${a.name}`, `    seekerTraits: ${a.seekerTraits}`, `    supporterPersona: ${a.supporterPersona}`, `    supporterKnowsSeeker: ${a.supporterKnowsSeeker}`]),
    'engines: [agents]',
    'models:',
    ...MODELS.flatMap((m) => [`  - name: ${m}`, `    seeker: { model: ${m}-chat }`, `    supporter: { model: ${m}-chat }`, '    judge: { model: judge }']),
    `repetitions: ${Math.ceil(count / 4)}`,
    `turnCap: ${TURNS}`,
    'seedBase: 1000',
    'measurement: posthoc',
    'quality: true',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'plan.yaml'), plan);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ experimentId: 'bench-experiment', planHash: 'sha256:bench', createdAt: '2025-05-01T09:00:00.000Z', appVersion: '0.1.0', conversations }));
  return { dir, sessions: count, bytes };
}
