import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumable } from '../../../../src/app/resume.js';
import { runRunCommand } from '../../../../src/commands/run.js';
import { readSession } from '../../../../src/core/sessions/reader.js';
import { replayScript } from '../../../../src/core/sessions/replay-script.js';
import { REMINDER_OPENING } from '../../../../src/core/prompts/reminder.js';
import { STRATEGIES } from '../../../../src/core/strategies.js';
import { demoHandler } from '../../../../src/devtools/demo-handler.js';
import { quirkHandler, QUIRKS, type Quirk } from '../../../../src/devtools/quirk-handler.js';
import { captureIo } from '../../personas/helpers.js';
import { tempDir } from '../../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../../support/fake-openai-server.js';
import { expectClean } from './quirk-fixtures.js';

/**
 * `persona-talks run` against each quirk: what is shown (stdout), what is saved
 * (turn records) and what is counted (refusal records, notices, exit code).
 */

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
});
afterAll(async () => {
  await server.close();
});

async function run(quirk: Quirk, settings: Record<string, unknown> = {}) {
  server.respond(quirkHandler(quirk, demoHandler()));
  const sessions = tempDir('pt-quirk-sessions-');
  const config = tempDir('pt-quirk-config-');
  writeFileSync(join(config, 'config.json'), JSON.stringify(settings));
  const env = {
    PERSONA_TALKS_BASE_URL: server.url,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: config,
    PERSONA_TALKS_PERSONAS: tempDir('pt-quirk-personas-'),
    PERSONA_TALKS_SESSIONS: sessions,
  };
  const cap = captureIo();
  const args = ['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '4', '--judge-cadence', '0', '--no-classifier'];
  const code = await runRunCommand(args.slice(1), cap.io, { env });
  const file = readdirSync(sessions).map((f) => join(sessions, f))[0]!;
  const session = readSession(file);
  const notices = session.records.flatMap((r) => (r.type === 'notice' ? [r.message] : []));
  const refusals = session.records.flatMap((r) => (r.type === 'refusal' ? [r] : []));
  return { code, out: cap.stdout(), err: cap.stderr(), session, raw: readFileSync(file, 'utf8'), notices, refusals };
}

const TALKS = new Set<Quirk>(['think-tags', 'think-orphan-close', 'reasoning-field', 'prose-json', 'fenced-json', 'refusal-once', 'role-break', 'other-language', 'no-json-schema', 'rejects-json-schema']);

describe('run against each quirk: nothing but dialogue is shown or saved as dialogue', () => {
  it.each(QUIRKS)('%s', async (quirk) => {
    const r = await run(quirk);
    const dialogue = r.session.turns.map((t) => t.text).join('\n');
    expect(expectClean(r.out)).toEqual([]);
    expect(expectClean(dialogue)).toEqual([]);
    // Reasoning is never saved unless asked for.
    expect(r.raw).not.toContain('Let me plan this reply');
    if (TALKS.has(quirk)) {
      expect(r.code).toBe(0);
      expect(r.session.turns).toHaveLength(4);
      for (const t of r.session.turns) expect(t.text.length).toBeGreaterThan(10);
      for (const t of r.session.turns.filter((t) => t.speaker === 'supporter')) expect(STRATEGIES).toContain(t.strategy);
    } else {
      expect(r.code).toBe(1);
      expect(r.session.turns).toHaveLength(0);
    }
  });
});

describe('what each quirk leaves behind', () => {
  it('reasoning: "thinking…" is shown in its place; declared labels survive', async () => {
    for (const quirk of ['think-tags', 'reasoning-field'] as const) {
      const r = await run(quirk);
      expect(r.out.match(/· thinking…/g)?.length).toBe(4);
      expect(r.session.turns.filter((t) => t.speaker === 'supporter').every((t) => t.labelSource === 'declared')).toBe(true);
      expect(r.session.turns.every((t) => t.reasoning === undefined)).toBe(true);
    }
  });

  it('keepReasoning: the reasoning is saved beside each turn, still not in its text', async () => {
    const r = await run('think-tags', { keepReasoning: true });
    expect(r.session.turns).toHaveLength(4);
    for (const t of r.session.turns) {
      expect(t.reasoning).toContain('Let me plan this reply');
      expect(t.text).not.toContain('Let me plan');
    }
  });

  it('JSON in prose or a fence: the words and the declared label, nothing around them', async () => {
    for (const quirk of ['prose-json', 'fenced-json'] as const) {
      const r = await run(quirk);
      expect(r.session.turns.filter((t) => t.speaker === 'supporter').map((t) => t.labelSource)).toEqual(['declared', 'declared']);
      expect(r.notices).toEqual([]);
    }
  });

  it('a refusal twice: two refusal records, no turn, an error naming the refusal, and the session can be resumed', async () => {
    const r = await run('refusal');
    expect(r.refusals.map((x) => [x.role, x.index, x.attempt, x.outcome])).toEqual([
      ['seeker', 0, 1, 'asked-again'],
      ['seeker', 0, 2, 'turn-paused'],
    ]);
    expect(r.refusals[0]).toMatchObject({ model: 'fake-model' });
    expect(r.refusals.every((x) => x.text.length > 0 && x.reason.length > 0)).toBe(true);
    expect(r.err).toContain('the seeker model refused to play this persona');
    expect(r.err).toContain('refusal: the seeker model (fake-model)');
    expect(resumable(r.session)).toEqual({ ok: true });
    // A replay shows them as what they are: notices, not lines.
    const replayed = replayScript(r.session);
    expect(replayed.steps).toHaveLength(0);
    expect(replayed.before.filter((e) => e.type === 'notice' && e.message.startsWith('recorded refusal: the seeker model'))).toHaveLength(2);
    // The second request carried the in-character reminder.
    const seekerRequests = server.chatRequests().slice(-2);
    expect(seekerRequests[1]!.body.messages![0]!.content).toContain(`${REMINDER_OPENING} `);
    expect(seekerRequests[1]!.body.messages![0]!.content).toContain('Stay in character as Mina Haddad');
    expect(seekerRequests[0]!.body.messages![0]!.content).not.toContain(REMINDER_OPENING);
  });

  it('a refusal, then compliance after the reminder: counted, and the conversation goes on', async () => {
    const r = await run('refusal-once');
    expect(r.refusals.map((x) => [x.index, x.outcome])).toEqual([
      [0, 'asked-again'],
      [2, 'asked-again'],
    ]);
    expect(r.session.turns.filter((t) => t.speaker === 'seeker')).toHaveLength(2);
  });

  it("role breaks: each turn is cut before the other side's line, with a note", async () => {
    const r = await run('role-break');
    expect(r.notices.filter((n) => /went on to write the (seeker|supporter)'s lines/.test(n))).toHaveLength(4);
    expect(r.session.turns.map((t) => t.text).join('\n')).not.toMatch(/Seeker:|Supporter:/);
    expect(r.session.turns.every((t) => !t.text.includes('\n'))).toBe(true);
  });

  it('another language: kept as sent, with a note on every turn', async () => {
    const r = await run('other-language');
    expect(r.session.turns.every((t) => /[áéíóñ¿]/.test(t.text))).toBe(true);
    expect(r.notices.filter((n) => /seems to be in (Spanish|Portuguese), not English/.test(n))).toHaveLength(4);
  });

  it('json_schema ignored or rejected: free text kept; unlabelled supporter turns are "Others" with a note', async () => {
    for (const quirk of ['no-json-schema', 'rejects-json-schema'] as const) {
      const r = await run(quirk);
      const supporters = r.session.turns.filter((t) => t.speaker === 'supporter');
      expect(supporters.map((t) => [t.strategy, t.labelSource])).toEqual([
        ['Others', 'fallback'],
        ['Others', 'fallback'],
      ]);
      expect(r.notices.filter((n) => /carried no strategy label/.test(n))).toHaveLength(2);
      if (quirk === 'rejects-json-schema') expect(r.notices.some((n) => /does not accept "response_format"/.test(n))).toBe(true);
    }
  });

  it('empty replies and unclosed reasoning: retried, then the turn fails with a clear message', async () => {
    for (const quirk of ['empty', 'think-unclosed'] as const) {
      const r = await run(quirk);
      expect(r.err).toContain('the seeker model sent an empty reply');
      expect(r.notices.filter((n) => /starting the turn again/.test(n))).toHaveLength(2);
    }
  });
});
