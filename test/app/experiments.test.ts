import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareExperiment } from '../../src/app/experiment-setup.js';
import type { QualityRater } from '../../src/app/experiments.js';
import { createLimiter, LimiterRegistry, type EndpointLimiter } from '../../src/core/llm/limiter.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { lockSession } from '../../src/core/sessions/session-lock.js';
import { demoHandler, requestKind } from '../../src/devtools/demo-handler.js';
import { tempDir } from '../support/engine-fixtures.js';
import { envFor, planYaml, run, sessionFiles, setUp, statusLines, writePlan } from '../support/experiments.js';
import { defaultPersonaHandler, startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
});
afterAll(() => server.close());

describe('running an experiment (the app layer, against the loopback server)', () => {
  it('runs every planned conversation into its own session, recording the arm; the same run again does nothing', async () => {
    server.respond(demoHandler());
    const setup = await setUp(server.url, planYaml({ repetitions: 2 }));
    const { summary, events } = await run(setup);
    expect(summary).toMatchObject({ finished: 4, failed: 0, remaining: 0, total: 4 });
    expect(sessionFiles(setup.dir)).toEqual([
      'with__night-shift-nurse__warm-listener__agents__m1__r1.jsonl',
      'with__night-shift-nurse__warm-listener__agents__m1__r2.jsonl',
      'without__night-shift-nurse__no-persona__agents__m1__r1.jsonl',
      'without__night-shift-nurse__no-persona__agents__m1__r2.jsonl',
    ]);
    const without = readSession(join(setup.dir, 'sessions', 'without__night-shift-nurse__no-persona__agents__m1__r2.jsonl'));
    expect(without.header.arm).toEqual({ name: 'without', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: false });
    expect(without.header.condition).toBe('blind');
    expect(without.header.personas.supporter.baseline).toBe(true);
    expect(without.header.experiment).toMatchObject({ id: setup.manifest.experimentId, conversation: 'without__night-shift-nurse__no-persona__agents__m1__r2', rep: 2, model: 'm1' });
    expect(without.turns.length).toBe(4);
    // Seeds are fixed by the plan: the manifest, the header and the requests agree.
    const planned = setup.manifest.conversations.find((c) => c.id === without.header.id)!;
    expect(without.header.seed).toBe(planned.seed);
    expect(events.filter((e) => e.type === 'conversation-finished').length).toBe(4);
    expect(statusLines(setup.dir).filter((s) => s.event === 'finished').length).toBe(4);

    const before = server.chatRequests().length;
    const again = await run(setup);
    expect(again.summary).toMatchObject({ finished: 4, failed: 0 });
    expect(again.events.find((e) => e.type === 'experiment-started')).toMatchObject({ already: { finished: 4 }, todo: { start: 0, resume: 0, measure: 0 } });
    expect(server.chatRequests().length).toBe(before);
  });

  it('posthoc measurement appends the pipeline to each finished session; a rerun does not measure again', async () => {
    server.respond(defaultHandlerWithAgents);
    const setup = await setUp(server.url, planYaml({ arms: [{ name: 'with', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true }], measurement: 'posthoc', classifier: true }));
    const { summary } = await run(setup);
    expect(summary.finished).toBe(1);
    const [file] = sessionFiles(setup.dir);
    const session = readSession(join(setup.dir, 'sessions', file!));
    expect(session.records.filter((r) => r.type === 'measurement').map((r) => (r as { speaker: string }).speaker).sort()).toEqual(['seeker', 'supporter']);
    expect(session.records.some((r) => r.type === 'perceived')).toBe(true); // the classifier
    expect(session.records.some((r) => r.type === 'meter')).toBe(false); // posthoc: no live judge
    const before = server.chatRequests().length;
    await run(setup);
    expect(server.chatRequests().length).toBe(before);
  });

  it('live measurement runs the trait judge per turn', async () => {
    server.respond(demoHandler());
    const setup = await setUp(server.url, planYaml({ arms: [{ name: 'with', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true }], measurement: 'live' }));
    await run(setup);
    const session = readSession(join(setup.dir, 'sessions', sessionFiles(setup.dir)[0]!));
    expect(session.records.some((r) => r.type === 'meter')).toBe(true);
    expect(session.records.some((r) => r.type === 'measurement')).toBe(false);
  });

  it('quality: true rates each finished conversation with the injected rater and records the rating', async () => {
    server.respond(defaultHandlerWithAgents);
    // A real rater of the contract's shape: one call to the judge's server with a small schema.
    const rater: QualityRater = async (judge, session, options) => {
      const reply = await judge.chat(
        {
          messages: [{ role: 'user', content: `Rate this dialogue of ${session.turns.length} turns.` }],
          jsonSchema: { name: 'quality_probe', schema: { type: 'object', properties: { empathy: { type: 'integer', minimum: 1, maximum: 5 } }, required: ['empathy'], additionalProperties: false } },
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        },
        { ...(options.signal ? { signal: options.signal } : {}) },
      );
      const { empathy } = JSON.parse(reply.text) as { empathy: number };
      return { empathy, relevance: 4, initialIntensity: 4, finalIntensity: 2, model: { baseURL: judge.endpoint.baseURL, model: judge.endpoint.model }, prompt: 'quality@test' };
    };
    const setup = await setUp(server.url, planYaml({ arms: [{ name: 'with', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true }], quality: true }));
    await run(setup, { rater });
    const session = readSession(join(setup.dir, 'sessions', sessionFiles(setup.dir)[0]!));
    const quality = session.records.find((r) => r.type === 'quality');
    expect(quality).toMatchObject({ empathy: 3, relevance: 4, prompt: 'quality@test' });
    expect(server.chatRequests().some((r) => requestKind(r) === 'quality_probe' && r.body.seed === session.header.seed)).toBe(true);
  });

  it('a conversation that fails for good is recorded with its error, the rest finish; --retry-failed resumes it', async () => {
    // Every seeker turn of one conversation fails with a 500; the other conversation is fine.
    const broken = (r: RecordedRequest): Reply | undefined => (requestKind(r) === 'seeker_turn' && /Your name:/.test(r.body.messages?.[0]?.content ?? '') ? { kind: 'status', status: 500 } : undefined);
    server.respond((r) => broken(r) ?? demoHandler()(r));
    const setup = await setUp(server.url, planYaml());
    const first = await run(setup);
    expect(first.summary).toMatchObject({ finished: 1, failed: 1, remaining: 0 });
    const failed = first.events.find((e) => e.type === 'conversation-failed');
    expect(failed).toMatchObject({ id: 'without__night-shift-nurse__no-persona__agents__m1__r1', error: expect.stringContaining('500') });
    expect(statusLines(setup.dir).find((s) => s.event === 'failed')).toMatchObject({ id: 'without__night-shift-nurse__no-persona__agents__m1__r1', error: expect.stringContaining('500') });
    const failedLog = readSession(join(setup.dir, 'sessions', 'without__night-shift-nurse__no-persona__agents__m1__r1.jsonl'));
    expect(failedLog.ended?.reason).toBe('error');

    // Without --retry-failed a rerun leaves it alone; with it, it runs again and finishes.
    server.respond(demoHandler());
    const plain = await run(setup);
    expect(plain.summary).toMatchObject({ finished: 1, failed: 1 });
    const retried = await run(setup, { retryFailed: true });
    expect(retried.summary).toMatchObject({ finished: 2, failed: 0 });
    expect(readSession(failedLog.path).turns.length).toBe(4);
  });

  it('a conversation whose log another process is writing is not resumed over it: it fails with who holds it, and runs once the lock is gone', async () => {
    const broken = (r: RecordedRequest): Reply | undefined => (requestKind(r) === 'seeker_turn' && /Your name:/.test(r.body.messages?.[0]?.content ?? '') ? { kind: 'status', status: 500 } : undefined);
    server.respond((r) => broken(r) ?? demoHandler()(r));
    const setup = await setUp(server.url, planYaml());
    expect((await run(setup)).summary).toMatchObject({ finished: 1, failed: 1 });
    const path = join(setup.dir, 'sessions', 'without__night-shift-nurse__no-persona__agents__m1__r1.jsonl');
    const before = readFileSync(path, 'utf8');
    server.respond(demoHandler());
    // This process stands in for another writer: its pid is alive, so the lock is not stale.
    const release = lockSession(path);
    try {
      const refused = await run(setup, { retryFailed: true });
      expect(refused.summary).toMatchObject({ finished: 1, failed: 1 });
      expect(refused.events.find((e) => e.type === 'conversation-failed')).toMatchObject({ error: expect.stringMatching(new RegExp(`being written by another persona-talks process \\(pid ${process.pid}`)) });
      expect(readFileSync(path, 'utf8')).toBe(before);
    } finally {
      release();
    }
    expect((await run(setup, { retryFailed: true })).summary).toMatchObject({ finished: 2, failed: 0 });
    expect(readSession(path).turns.length).toBe(4);
  });

  it('stopping (Ctrl+C) saves running conversations as stopped; the next run resumes them from their last turn', async () => {
    server.respond(demoHandler({ chunkDelayMs: 20, chunkSize: 3 }));
    const setup = await setUp(server.url, planYaml({ turnCap: 12 }));
    const stop = new AbortController();
    const first = await run(setup, {
      signal: stop.signal,
      onEvent: (e) => {
        if (e.type === 'turn' && e.index >= 2) stop.abort();
      },
    });
    expect(first.summary.stopped).toBeGreaterThan(0);
    const stopped = sessionFiles(setup.dir).map((f) => readSession(join(setup.dir, 'sessions', f)));
    expect(stopped.every((s) => s.ended?.reason === 'stopped')).toBe(true);
    const turnsBefore = new Map(stopped.map((s) => [s.header.id, s.turns.map((t) => t.text)]));

    server.respond(demoHandler());
    const second = await run(setup);
    expect(second.summary).toMatchObject({ finished: 2, failed: 0 });
    expect(second.events.find((e) => e.type === 'experiment-started')).toMatchObject({ todo: { resume: stopped.length } });
    for (const file of sessionFiles(setup.dir)) {
      const session = readSession(join(setup.dir, 'sessions', file));
      expect(session.turns.length).toBe(12);
      // The turns saved before the stop are still the first turns, word for word.
      const kept = turnsBefore.get(session.header.id) ?? [];
      expect(session.turns.slice(0, kept.length).map((t) => t.text)).toEqual(kept);
      expect(session.records.some((r) => r.type === 'resumed')).toBe(true);
    }
  });

  it('a 429 with Retry-After to one of several concurrent conversations holds every worker on that endpoint', async () => {
    const pauseMs = 400;
    let sent429At: number | undefined;
    server.respond((r) => {
      // The first agent request to arrive after three conversations are under way gets the 429.
      if (sent429At === undefined && requestKind(r) === 'supporter_turn') {
        sent429At = Date.now();
        return { kind: 'status', status: 429, retryAfterMs: pauseMs };
      }
      return demoHandler()(r);
    });
    const grants: number[] = [];
    let pauses: { at: number; until: number }[] = [];
    let heldDuringPause = 0;
    class Watched extends LimiterRegistry {
      private limiter: EndpointLimiter | undefined;
      override for(): EndpointLimiter {
        if (this.limiter) return this.limiter;
        const inner = createLimiter();
        this.limiter = {
          acquire: async (tokens, signal, onAbort) => {
            if (inner.pausedUntil > 0) heldDuringPause++;
            const permit = await inner.acquire(tokens, signal, onAbort);
            grants.push(Date.now());
            return permit;
          },
          pauseFor: (ms) => {
            pauses.push({ at: Date.now(), until: Date.now() + ms });
            inner.pauseFor(ms);
          },
          get pausedUntil() {
            return inner.pausedUntil;
          },
          get waiting() {
            return inner.waiting;
          },
        };
        return this.limiter;
      }
    }
    pauses = [];
    const setup = await setUp(server.url, planYaml({ supporters: ['warm-listener', 'blunt-coach', 'cheerful-peer'], arms: [{ name: 'with', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true }], concurrency: 3 }));
    const { summary } = await run(setup, { limiters: new Watched(), clientOptions: { retryBaseMs: 5, maxRetries: 2 } });
    expect(summary).toMatchObject({ finished: 3, failed: 0 });
    expect(pauses.length).toBe(1);
    const [pause] = pauses;
    expect(pause!.until - pause!.at).toBe(pauseMs);
    // No request on that endpoint was let through while the pause lasted …
    expect(grants.filter((t) => t > pause!.at && t < pause!.until - 2)).toEqual([]);
    // … and it was not only the conversation that got the 429 that waited.
    expect(heldDuringPause).toBeGreaterThanOrEqual(2);
  });
});

describe('bad input: a clear problem, nothing started, nothing overwritten', () => {
  const prepare = async (plan: string, dir = join(tempDir('pt-exp-'), 'study')) => ({ dir, result: await prepareExperiment({ planFile: writePlan(plan), dir, env: envFor(server.url) }) });

  it('an unknown persona, named by file and line', async () => {
    const { dir, result } = await prepare(planYaml({ supporters: ['warm-listener', 'nobody-here'] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/plan\.yaml:\d+ supporters\[1\]: unknown persona "nobody-here"/);
    expect(() => statSync(dir)).toThrow();
  });

  it('a model configuration with no model for a role', async () => {
    const { result } = await prepare(planYaml({ models: [{ name: 'm1', seeker: { model: 'a' } }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/models\[0\]\.name: names no model for the supporter/);
  });

  it('a negative repetition count', async () => {
    const { result } = await prepare(planYaml({ repetitions: -2 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/plan\.yaml:\d+ repetitions: must be a whole number from 1/);
  });

  it('a folder made by another plan is left exactly as it was', async () => {
    server.respond(demoHandler());
    const setup = await setUp(server.url, planYaml());
    await run(setup);
    const manifest = readFileSync(join(setup.dir, 'manifest.json'), 'utf8');
    const plan = readFileSync(join(setup.dir, 'plan.yaml'), 'utf8');
    const { result } = await prepare(planYaml({ repetitions: 3 }), setup.dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/made by another plan/);
    expect(readFileSync(join(setup.dir, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(readFileSync(join(setup.dir, 'plan.yaml'), 'utf8')).toBe(plan);
    // How fast it runs is not what it is: another concurrency is the same experiment.
    expect((await prepare(planYaml({ concurrency: 7 }), setup.dir)).result.ok).toBe(true);
  });

  it('a session file that is not a session is named, left as it is, and the rest run', async () => {
    server.respond(demoHandler());
    const setup = await setUp(server.url, planYaml());
    const [first, second] = setup.conversations;
    const bad = join(setup.dir, 'sessions', `${first!.id}.jsonl`);
    writeFileSync(bad, 'garbage{\n');
    const { summary, events } = await run(setup);
    expect(summary).toMatchObject({ finished: 1, failed: 1 });
    expect(events).toContainEqual({ type: 'notice', message: expect.stringMatching(new RegExp(`${first!.id}\\.jsonl is not a readable session .*left as it is`)) });
    expect(readFileSync(bad, 'utf8')).toBe('garbage{\n');
    expect(readSession(join(setup.dir, 'sessions', `${second!.id}.jsonl`)).ended?.reason).toBe('turn-cap');
  });

  it('a server that does not answer: nothing is started', async () => {
    const setup = await setUp('http://127.0.0.1:9/v1', planYaml());
    const events: unknown[] = [];
    const { runExperiment } = await import('../../src/app/experiments.js');
    const outcome = await runExperiment({ setup, onEvent: (e) => events.push(e) });
    expect(outcome.ok).toBe(false);
    expect(events).toEqual([]);
    expect(sessionFiles(setup.dir)).toEqual([]);
  });
});

/** The default persona handler for everything but the agents, which get the demo's lines. */
function defaultHandlerWithAgents(r: RecordedRequest): Reply {
  const kind = requestKind(r);
  return kind === 'seeker_turn' || kind === 'supporter_turn' ? demoHandler()(r) : defaultPersonaHandler(r);
}
