import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '../../../../src/core/engine/conversation.js';
import type { EngineEvent } from '../../../../src/core/engine/events.js';
import { createLocalClients, type LocalClients } from '../../../../src/core/llm/local/index.js';
import { readSession } from '../../../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../../../src/core/strategies.js';
import { collect, finishedTurns, SEEKER, SUPPORTER, tempDir } from '../../../support/engine-fixtures.js';
import { ensureTestRuntime, LOCAL_TEST_TIMEOUT_MS, RUNTIME_INSTALL_TIMEOUT_MS } from '../../../support/local-runtime.js';
import { writeTinyModel } from '../../../support/tiny-gguf.js';

// A whole conversation through the in-process provider: the real engine, the real
// node-llama-cpp runtime, a tiny GGUF written by the test. Its text is noise; the
// plumbing — templates, grammars, streaming, scheduling, the session log — is real.

let local: LocalClients;
let modelFile: string;

beforeAll(async () => {
  const runtimeDir = await ensureTestRuntime();
  modelFile = join(tempDir('pt-local-'), 'tiny.gguf');
  await writeTinyModel(modelFile);
  // One thread: the tiny model needs no more, and the test machine is shared.
  local = await createLocalClients({ modelFile, runtimeDir, threads: 1, contextSize: 16384, backgroundShare: 0.2 });
}, RUNTIME_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await local?.close();
});

describe('a conversation on the local model', () => {
  it('runs to the turn cap with labelled supporter turns, a judge, a classifier and a valid session file', async () => {
    const sessionsDir = tempDir('pt-local-sessions-');
    const live = startConversation({
      seeker: SEEKER,
      supporter: SUPPORTER,
      condition: 'aware',
      engine: 'agents',
      mode: 'watch',
      turnCap: 6,
      seed: 11,
      clients: { seeker: local.seeker, supporter: local.supporter, judge: local.judge },
      sessionsDir,
      judgeCadence: 2,
      perceive: true,
      // The judge gets little of the model while the agents talk: here it may take all the time it needs after the end.
      finalWaitMs: LOCAL_TEST_TIMEOUT_MS,
    });
    const events: EngineEvent[] = await collect(live);

    const ended = events.find((e) => e.type === 'ended');
    expect(ended).toMatchObject({ type: 'ended' });
    expect(['turn-cap', 'seeker-closed']).toContain(ended?.type === 'ended' ? ended.reason : undefined);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);

    const turns = finishedTurns(events);
    expect(turns.length).toBeGreaterThanOrEqual(5);
    const supporterTurns = turns.filter((t) => t.speaker === 'supporter');
    expect(supporterTurns.length).toBeGreaterThanOrEqual(2);
    for (const t of supporterTurns) {
      // Declared by the model inside grammar-constrained JSON, not salvaged from free text or a fallback.
      expect(STRATEGIES).toContain(t.strategy);
      expect(t.labelSource).toBe('declared');
    }
    for (const t of turns) {
      expect(t.text.length).toBeGreaterThan(0);
      expect(t.usage?.completionTokens).toBeGreaterThan(0);
    }
    // Text streamed token by token, and a supporter's label came before its first word.
    for (const t of supporterTurns) {
      const deltas = events.filter((e) => e.type === 'text-delta' && e.index === t.index);
      expect(deltas.length).toBeGreaterThan(0);
      const labelAt = events.findIndex((e) => e.type === 'strategy' && e.index === t.index);
      const firstWordAt = events.findIndex((e) => e.type === 'text-delta' && e.index === t.index);
      expect(labelAt).toBeGreaterThanOrEqual(0);
      expect(labelAt).toBeLessThan(firstWordAt);
    }
    expect(events.filter((e) => e.type === 'notice' && e.level === 'warn')).toEqual([]);

    // The judge answered for both speakers with in-range scores, and the classifier labelled every supporter turn.
    const meters = events.filter((e) => e.type === 'meter');
    expect(new Set(meters.map((m) => (m.type === 'meter' ? m.speaker : '')))).toEqual(new Set(['seeker', 'supporter']));
    const perceived = events.filter((e) => e.type === 'perceived');
    expect(perceived.map((p) => (p.type === 'perceived' ? p.index : -1)).sort()).toEqual(supporterTurns.map((t) => t.index).sort());
    for (const p of perceived) if (p.type === 'perceived') expect(STRATEGIES).toContain(p.strategy);

    // The session file reads back whole, records where the model ran, and holds every turn.
    const session = readSession(live.sessionPath!);
    expect(session.header.models.seeker).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(session.header.models.judge).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(session.turns.map((t) => t.text)).toEqual(turns.map((t) => t.text));
    expect(session.skippedLines).toEqual([]);
    expect(session.ended?.reason).toBe(ended?.type === 'ended' ? ended.reason : undefined);
    expect(session.records.some((r) => r.type === 'meter')).toBe(true);
    expect(session.records.some((r) => r.type === 'perceived')).toBe(true);
  }, LOCAL_TEST_TIMEOUT_MS);
});
