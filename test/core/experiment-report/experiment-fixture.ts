import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureAndRecord } from '../../../src/app/measurement.js';
import { rateAndRecordQuality } from '../../../src/app/quality.js';
import { startConversation } from '../../../src/core/engine/conversation.js';
import type { EngineKind } from '../../../src/core/domain.js';
import { createChatClient } from '../../../src/core/llm/client.js';
import { loadPersonaDir } from '../../../src/core/personas/load.js';
import type { Persona } from '../../../src/core/personas/schema.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { STRATEGIES } from '../../../src/core/strategies.js';
import { defaultPersonaHandler, type FakeServer, type RecordedRequest, type Reply } from '../../support/fake-openai-server.js';
import { fixtureInventories } from '../traits/pipeline-fixtures.js';

/**
 * Experiment folders as the runner writes them (plan.yaml, manifest.json,
 * sessions/<id>.jsonl, per the shared contract), made of real conversations:
 * the engine runs each one against the loopback server, its events go through
 * the real recorder (with the arm and experiment fields the runner adds to the
 * header), then the real measurement pipeline and quality rater append their
 * records. Only the model's answers are scripted, by studyHandler.
 */

export interface Arm {
  name: string;
  seekerTraits: boolean;
  supporterPersona: boolean;
  supporterKnowsSeeker: boolean;
}

export const WITH_PERSONA: Arm = { name: 'with-persona', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true };
export const WITHOUT_PERSONA: Arm = { name: 'without-persona', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: false };

export interface StudyOptions {
  name?: string;
  arms?: Arm[];
  seekers?: string[];
  supporters?: string[];
  engines?: EngineKind[];
  reps?: number;
  turnCap?: number;
  measurement?: 'posthoc' | 'live' | 'off';
  quality?: boolean;
  classifier?: boolean;
  model?: string;
}

/** FNV-1a, as the fake server hashes. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const schemaName = (r: RecordedRequest) => r.body.response_format?.json_schema?.name;
const messages = (r: RecordedRequest) => r.body.messages ?? [];

/**
 * A model that behaves like the study's hypothesis, so every statistic has
 * something to find: supporters with a persona reflect feelings and ask; the
 * no-persona baseline suggests and informs; the classifier mostly agrees with
 * the declared label; the quality rater scores persona-led chats higher and
 * sees the seeker calm down in them. Deterministic: the same request, the same answer.
 */
export function studyHandler() {
  const warm = ['Reflection of Feelings', 'Question', 'Affirmation and Reassurance', 'Restatement or Paraphrasing', 'Self-disclosure', 'Question'] as const;
  const plain = ['Providing Suggestions', 'Information', 'Providing Suggestions', 'Question', 'Others', 'Information'] as const;
  return (r: RecordedRequest): Reply => {
    const all = messages(r);
    const system = all[0]?.content ?? '';
    const turns = all.filter((m) => m.role !== 'system').length;
    // FNV's low bits barely mix: the high half picks.
    const key = hash(`${system}|${turns}|${all.at(-1)?.content ?? ''}`) >>> 16;
    const usage = { prompt_tokens: 200 + (key % 50), completion_tokens: 20 + (key % 7) };
    switch (schemaName(r)) {
      case 'supporter_turn': {
        const baseline = system.includes('You have no particular persona');
        const strategy = (baseline ? plain : warm)[key % 6]!;
        const text = baseline ? `Here is one thing you could try (ref ${STRATEGIES.indexOf(strategy)}).` : `I hear you, that sounds hard (ref ${STRATEGIES.indexOf(strategy)}).`;
        return { kind: 'text', content: JSON.stringify({ strategy, response: text }), usage };
      }
      case 'esc_dialogue': {
        // The script engine: one call writes the whole dialogue; this one favours questions.
        const baseline = JSON.stringify(all).includes('with no particular persona');
        const dialog = Array.from({ length: 6 }, (_, i) =>
          i % 2 === 0
            ? { speaker: 'seeker', strategy: null, content: `Seeker line ${i}: it has been a rough week.` }
            : { speaker: 'supporter', strategy: i === 3 ? 'Providing Suggestions' : 'Question', content: baseline ? `What happened next (ref ${i === 3 ? 5 : 0})?` : `I hear you; what happened next (ref ${i === 3 ? 5 : 0})?` },
        );
        return { kind: 'text', content: JSON.stringify({ dialog }), usage };
      }
      case 'seeker_turn':
        return { kind: 'text', content: JSON.stringify({ message: `Seeker message ${turns}: it has been a rough week.`, end_conversation: false }), usage };
      case 'perceived_strategy': {
        const ref = /\(ref (\d)\)[^\n]*\n\nWhich strategy/.exec(all.at(-1)?.content ?? '');
        const declared = STRATEGIES[Number(ref?.[1] ?? 7)]!;
        // One label in four is read differently: agreement well above chance, not perfect.
        const strategy = key % 4 === 0 ? STRATEGIES[(STRATEGIES.indexOf(declared) + 1) % STRATEGIES.length]! : declared;
        return { kind: 'text', content: JSON.stringify({ reason: 'It does one thing.', strategy }) };
      }
      case 'inventory_ratings': {
        const props = Object.keys((r.body.response_format?.json_schema?.schema as { properties?: object }).properties ?? {});
        const seed = hash(all.at(-1)?.content ?? '');
        return { kind: 'text', content: JSON.stringify(Object.fromEntries(props.map((id) => [id, 1 + ((hash(`${id}|${seed}`) >>> 16) % 5)]))) };
      }
      case 'dialogue_quality': {
        const chat = all.at(-1)?.content ?? '';
        const warmChat = chat.includes('I hear you');
        const spread = key % 2;
        const answer = warmChat
          ? { observations: 'Warm.', empathy: 4 + spread, relevance: 4, initial_intensity: 4, final_intensity: 2 + spread }
          : { observations: 'Practical.', empathy: 2 + spread, relevance: 3 + spread, initial_intensity: 4, final_intensity: 4 - spread };
        return { kind: 'text', content: JSON.stringify(answer), usage: { prompt_tokens: 400, completion_tokens: 30 } };
      }
      default:
        return defaultPersonaHandler(r);
    }
  };
}

export async function bundledPersonas(): Promise<Map<string, Persona>> {
  const { personas } = await loadPersonaDir(resolve('personas'), 'bundled');
  return new Map(personas.map((p) => [p.persona.id, p.persona]));
}

export interface Study {
  dir: string;
  ids: string[];
}

export function conversationId(arm: string, seeker: string, supporter: string, engine: string, model: string, rep: number): string {
  return `${arm}__${seeker}__${supporter}__${engine}__${model}__r${rep}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

function planYaml(o: Required<StudyOptions>): string {
  return [
    `name: ${o.name}`,
    `seekers: [${o.seekers.join(', ')}]`,
    `supporters: [${o.supporters.join(', ')}]`,
    'arms:',
    ...o.arms.flatMap((a) => [`  - name: ${a.name}`, `    seekerTraits: ${a.seekerTraits}`, `    supporterPersona: ${a.supporterPersona}`, `    supporterKnowsSeeker: ${a.supporterKnowsSeeker}`]),
    `engines: [${o.engines.join(', ')}]`,
    'models:',
    `  - name: ${o.model}`,
    '    seeker: { model: seeker-model }',
    '    supporter: { model: supporter-model }',
    '    judge: { model: judge-model }',
    `repetitions: ${o.reps}`,
    `turnCap: ${o.turnCap}`,
    'temperature: 0.8',
    'seedBase: 1000',
    `measurement: ${o.measurement}`,
    `classifier: ${o.classifier}`,
    `quality: ${o.quality}`,
    'concurrency: 1',
    '',
  ].join('\n');
}

/** Runs the study's conversations one by one into `dir` and returns their ids. */
export async function makeStudy(server: FakeServer, dir: string, options: StudyOptions = {}): Promise<Study> {
  const o: Required<StudyOptions> = {
    name: 'persona-effects (loopback test)',
    arms: [WITH_PERSONA, WITHOUT_PERSONA],
    seekers: ['anxious-phd-student', 'laid-off-machinist', 'heartbroken-event-planner'],
    supporters: ['warm-listener', 'blunt-coach'],
    engines: ['agents'],
    reps: 1,
    turnCap: 6,
    measurement: 'posthoc',
    quality: true,
    classifier: true,
    model: 'default',
    ...options,
  };
  server.respond(studyHandler());
  const personas = await bundledPersonas();
  const sessions = join(dir, 'sessions');
  mkdirSync(sessions, { recursive: true });
  writeFileSync(join(dir, 'plan.yaml'), planYaml(o));
  const client = (model: string) => createChatClient({ baseURL: server.url, model, apiKey: 'sk-test-SECRET-1234567890' }, { retryBaseMs: 5 });
  const cells = o.arms.flatMap((arm) =>
    o.seekers.flatMap((seeker) =>
      // The no-persona arm plays its baseline once per seeker, whatever supporters the plan names.
      (arm.supporterPersona ? o.supporters : ['no-persona']).flatMap((supporter) =>
        o.engines.flatMap((engine) => Array.from({ length: o.reps }, (_, i) => ({ arm, seeker, supporter, engine, rep: i + 1, id: conversationId(arm.name, seeker, supporter, engine, o.model, i + 1) }))),
      ),
    ),
  );
  const manifest = {
    experimentId: 'exp-test-0001',
    planHash: 'sha256:test',
    createdAt: '2025-05-01T09:00:00.000Z',
    appVersion: '0.1.0',
    conversations: cells.map((c, i) => ({ id: c.id, arm: c.arm.name, seeker: c.seeker, supporter: c.supporter, engine: c.engine, model: o.model, rep: c.rep, seed: 1000 + i })),
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const judge = client('judge-model');
  for (const [i, c] of cells.entries()) {
    const conv = startConversation({
      seeker: personas.get(c.seeker)!,
      supporter: personas.get(c.supporter)!,
      condition: c.arm.supporterKnowsSeeker ? 'aware' : 'blind',
      engine: c.engine,
      mode: 'watch',
      turnCap: o.turnCap,
      seed: 1000 + i,
      temperature: 0.8,
      clients: { seeker: client('seeker-model'), supporter: client('supporter-model'), judge },
      judgeCadence: o.measurement === 'live' ? 1 : 0,
      perceive: o.classifier,
      sessionsDir: null,
    });
    const recorder = SessionRecorder.create(sessions, c.id);
    for await (const event of conv.events()) {
      recorder.record(event.type === 'session-started' ? { ...event, header: { ...event.header, arm: c.arm, experiment: { id: manifest.experimentId, conversation: c.id, rep: c.rep, model: o.model } } as typeof event.header } : event);
    }
    recorder.close();
    const path = join(sessions, `${c.id}.jsonl`);
    if (o.measurement === 'posthoc') for (const speaker of ['seeker', 'supporter'] as const) await measureAndRecord(judge, readSession(path), speaker, fixtureInventories());
    if (o.quality) await rateAndRecordQuality(judge, readSession(path));
  }
  return { dir, ids: cells.map((c) => c.id) };
}
