import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeOptions } from '../../../src/app/resume.js';
import { startConversation } from '../../../src/core/engine/conversation.js';
import { createChatClient } from '../../../src/core/llm/client.js';
import { EARLIER_NOTE_MAX_CHARS, SUMMARY_MAX_CHARS } from '../../../src/core/prompts/summary.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { collect, finishedTurns, isSeekerRequest, isSupporterRequest, makeConversation, SEEKER, SUPPORTER, tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../../support/fake-openai-server.js';
import { gate, judgeAnswer, schemaName } from '../traits/judge-fixtures.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

const isAgent = (r: RecordedRequest) => isSeekerRequest(r) || isSupporterRequest(r);
const promptChars = (r: RecordedRequest) => (r.body.messages ?? []).reduce((n, m) => n + m.content.length, 0);
/** Longer than the cap: what is kept must be cut to it. */
const LONG_SUMMARY = `${'The seeker keeps talking about the night shifts and the supporter keeps listening. '.repeat(30)}`;

/** Every reply the same length, so prompt sizes differ only by how much history they carry. */
function steadyHandler(options: { summary?: (r: RecordedRequest) => Reply | Promise<Reply> } = {}) {
  return (r: RecordedRequest): Reply | Promise<Reply> => {
    // One chunk per reply: the test is about prompts, and 800 turns of tiny deltas only cost time.
    if (isSupporterRequest(r)) return { kind: 'text', chunkSize: 1000, content: JSON.stringify({ strategy: 'Question', response: 'How long has the night shift been going on?' }) };
    if (isSeekerRequest(r)) return { kind: 'text', chunkSize: 1000, content: JSON.stringify({ message: 'About three weeks now, and I sleep badly.', end_conversation: false }) };
    if (schemaName(r) === 'conversation_summary') return options.summary?.(r) ?? { kind: 'text', content: JSON.stringify({ summary: LONG_SUMMARY }) };
    if (schemaName(r) === 'trait_estimate') {
      // Labels for the supporter turns the reading was asked to label, when it was.
      const asked = Object.keys((r.body.response_format?.json_schema?.schema as { properties: { strategies?: { properties: object } } }).properties.strategies?.properties ?? {});
      const answer = JSON.parse(judgeAnswer()) as Record<string, unknown>;
      return { kind: 'text', content: JSON.stringify(asked.length > 0 ? { ...answer, strategies: Object.fromEntries(asked.map((n) => [n, 'Question'])) } : answer) };
    }
    return { kind: 'text', content: JSON.stringify({ reason: 'r', strategy: 'Question' }) };
  };
}

function fresh(handler: ReturnType<typeof steadyHandler>) {
  server.requests.length = 0;
  server.respond(handler);
}

describe('the agents read a window and a running summary', () => {
  it('prompt size at turn 800 ≤ prompt size at the window’s end + the summary’s cap', async () => {
    fresh(steadyHandler());
    const window = 24;
    const conv = makeConversation(server.url, { turnCap: 800, window });
    const events = await collect(conv);
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'turn-cap', turns: 800 });

    const prompts = server.chatRequests().filter(isAgent).map(promptChars);
    expect(prompts).toHaveLength(800);
    // Each side's prompt: turn k is the seeker's when k is even. At the window's end (its last
    // request before any summary) it is the largest so far; after that it never grows by more than the note.
    for (const side of [0, 1]) {
      const own = (from: number, to: number) => prompts.slice(from, to).filter((_, i) => (from + i) % 2 === side);
      const atWindowEnd = own(0, window + 1).at(-1)!;
      expect(Math.max(...own(0, window + 1))).toBe(atWindowEnd);
      expect(prompts[798 + side]).toBeLessThanOrEqual(atWindowEnd + EARLIER_NOTE_MAX_CHARS);
      expect(Math.max(...own(window + 1, 800))).toBeLessThanOrEqual(atWindowEnd + EARLIER_NOTE_MAX_CHARS);
      // Bounded, not cut short: well past the window each side still reads more than half a window of turns.
      expect(prompts[798 + side]).toBeGreaterThan(own(0, window / 2).at(-1)!);
    }

    // One summary call per half window, each reading a summary and at most a window of turns.
    const summaries = server.chatRequests().filter((r) => schemaName(r) === 'conversation_summary');
    expect(summaries.length).toBeGreaterThanOrEqual(Math.floor((800 - window) / (window / 2)));
    expect(summaries.length).toBeLessThanOrEqual(Math.ceil(800 / (window / 2)));
    const firstSummaryPrompt = promptChars(summaries[0]!);
    for (const r of summaries) expect(promptChars(r)).toBeLessThanOrEqual(firstSummaryPrompt + SUMMARY_MAX_CHARS + 200);
    // What the agents read is cut to the cap; the markers say which turns each covers.
    const marks = events.flatMap((e) => (e.type === 'summary' ? [e] : []));
    expect(marks.length).toBeGreaterThan(60);
    for (const m of marks) expect(m.text.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(marks.map((m) => m.throughTurn)).toEqual(marks.map((_, i) => (i + 1) * (window / 2) - 1));
    const last = server.chatRequests().filter(isAgent).at(-1)!;
    expect(last.body.messages![1]!.content).toContain(`(This chat began earlier: ${marks.at(-1)!.throughTurn + 1} messages came before the ones below. What was said, in short: `);
  }, 180_000);

  it('writes the summary beside the conversation: the agents go on while it is written', async () => {
    const release = gate();
    let agentRequests = 0;
    const timeline: string[] = [];
    const steady = steadyHandler({
      summary: async () => {
        timeline.push('summary-asked');
        await release.opened;
        timeline.push('summary-answered');
        return { kind: 'text', content: JSON.stringify({ summary: 'The seeker works nights and sleeps badly.' }) };
      },
    });
    fresh((r) => {
      if (isAgent(r)) {
        agentRequests++;
        timeline.push(`agent-${agentRequests}`);
        // Held until two more turns were asked for: a summary that blocked the agents would deadlock here.
        const asked = timeline.indexOf('summary-asked');
        if (asked >= 0 && agentRequests === asked + 2) release.open();
      }
      return steady(r);
    });
    const conv = makeConversation(server.url, { turnCap: 12, window: 8 });
    const events = await collect(conv);
    // Due two turns before the window of 8 is full: asked after turn 6, while turns 7 and 8 are written.
    const asked = timeline.indexOf('summary-asked');
    expect(timeline[asked - 1]).toBe('agent-6');
    expect(timeline.indexOf('agent-8')).toBeLessThan(timeline.indexOf('summary-answered'));
    expect(finishedTurns(events)).toHaveLength(12);
    expect(events.filter((e) => e.type === 'notice' && e.level === 'warn')).toEqual([]);
    // The agents first read it for turn 9 (the tenth message), between turns.
    const mark = events.findIndex((e) => e.type === 'summary');
    expect(events[mark - 1]).toMatchObject({ type: 'turn-finished', turn: { index: 8 } });
    expect(events[mark]).toEqual({ type: 'summary', throughTurn: 3, text: 'The seeker works nights and sleeps badly.' });
  });

  it('when a summary fails, the agents read the latest turns, bounded, and it is asked again', async () => {
    // Every turn from the sixth asks while none is in flight; the fourth failure is the one turn 10 waits for.
    let failures = 4;
    fresh(
      steadyHandler({
        summary: () => (failures-- > 0 ? { kind: 'status', status: 400 } : { kind: 'text', content: JSON.stringify({ summary: 'Night shifts, little sleep.' }) }),
      }),
    );
    const conv = makeConversation(server.url, { turnCap: 30, window: 8 }, { maxRetries: 0 });
    const events = await collect(conv);
    expect(finishedTurns(events)).toHaveLength(30);
    // One warning for the same failure in a row, not one per turn.
    expect(events.filter((e) => e.type === 'notice' && e.level === 'warn')).toHaveLength(1);
    const prompts = server.chatRequests().filter(isAgent);
    // Without a summary the agents read a whole window: for the supporter one turn more than at the window's end.
    const largest = Math.max(...prompts.slice(0, 9).map(promptChars));
    const oneTurn = 'How long has the night shift been going on?'.length;
    for (const r of prompts) expect(promptChars(r)).toBeLessThanOrEqual(largest + oneTurn + EARLIER_NOTE_MAX_CHARS);
    // While it failed, the agents were told what they are not shown.
    expect(prompts.some((r) => /\(This chat began earlier: 1 message came before the ones below\. It is not shown\.\)/.test(r.body.messages![1]!.content))).toBe(true);
    expect(events.some((e) => e.type === 'summary' && e.text === 'Night shifts, little sleep.')).toBe(true);
  });

  it('records each summary and the window; a resumed conversation starts from the last one', async () => {
    fresh(steadyHandler({ summary: (r) => ({ kind: 'text', content: JSON.stringify({ summary: `Summary ${/summary of messages 1–(\d+)/.exec(r.body.messages!.at(-1)!.content)?.[1]}` }) }) }));
    const dir = tempDir();
    const first = makeConversation(server.url, { turnCap: 30, window: 6, sessionsDir: dir });
    let stopped = false;
    await collect(first, (e, all) => {
      if (!stopped && all.filter((x) => x.type === 'turn-finished').length === 17) {
        stopped = true;
        first.stop();
      }
    });
    const path = first.sessionPath!;
    const before = readSession(path);
    expect(before.header.window).toBe(6);
    expect(before.header.prompts?.summary).toBe('2');
    const recorded = before.records.flatMap((r) => (r.type === 'summary' ? [r.throughTurn] : []));
    // A window of 6 folds 4 turns at a time (an even stretch), asked two turns before the window is full.
    expect(recorded).toEqual([3, 7, 11]);
    // A kill before the end was written: the log stops after its turns.
    writeFileSync(path, `${readFileSync(path, 'utf8').trimEnd().split('\n').filter((l) => !l.includes('"type":"ended"')).join('\n')}\n`);

    server.requests.length = 0;
    const session = readSession(path);
    const options = resumeOptions(session, SessionRecorder.continue(path));
    expect(options.window).toBe(6);
    expect(options.resume?.summary).toEqual({ throughTurn: 11, text: 'Summary 12' });
    const client = (model: string) => createChatClient({ baseURL: server.url, model }, { retryBaseMs: 10 });
    const resumed = startConversation({ ...options, clients: { seeker: client('s'), supporter: client('p') }, sessionsDir: null });
    const events = await collect(resumed);
    expect(finishedTurns(events).at(-1)?.index).toBe(29);
    // The first turn after the resume reads the restored summary, not the whole conversation.
    const firstAgain = server.chatRequests().find(isAgent)!;
    expect(firstAgain.body.messages![1]!.content).toContain('(This chat began earlier: 12 messages came before the ones below. What was said, in short: Summary 12)');
    // System prompt, the note, at most six turns.
    expect(server.chatRequests().filter(isAgent).every((r) => r.body.messages!.length <= 1 + 1 + 6)).toBe(true);
    const after = readSession(path);
    expect(after.records.flatMap((r) => (r.type === 'summary' ? [r.throughTurn] : []))).toEqual([3, 7, 11, 15, 19, 23]);
  });

  it('the trait judge reads the same way: its prompt stops growing too', async () => {
    fresh(steadyHandler({ summary: () => ({ kind: 'text', content: JSON.stringify({ summary: 'x'.repeat(SUMMARY_MAX_CHARS) }) }) }));
    const judge = createChatClient({ baseURL: server.url, model: 'judge-model' }, { retryBaseMs: 10 });
    const agent = (model: string) => createChatClient({ baseURL: server.url, model }, { retryBaseMs: 10 });
    const window = 8;
    const conv = startConversation({
      seeker: SEEKER,
      supporter: SUPPORTER,
      condition: 'aware',
      engine: 'agents',
      mode: 'watch',
      turnCap: 80,
      clients: { seeker: agent('s'), supporter: agent('p'), judge },
      sessionsDir: null,
      judgeCadence: 1,
      perceive: true,
      window,
    });
    const events = await collect(conv);
    expect(finishedTurns(events)).toHaveLength(80);
    const judged = server.chatRequests().filter((r) => schemaName(r) === 'trait_estimate');
    // Each speaker's reading, at the window's end and later: the later ones carry at most the summary more.
    for (const speaker of ['Seeker', 'Supporter']) {
      const own = judged.filter((r) => r.body.messages![0]!.content.includes(`estimate the personality and communication style that the ${speaker}`));
      const sizes = own.map(promptChars);
      const full = Math.max(...sizes.slice(0, window / 2));
      for (const size of sizes) expect(size).toBeLessThanOrEqual(full + SUMMARY_MAX_CHARS + 200);
    }
    // One judge call per turn carries the supporter's labels: no classifier calls were needed.
    expect(judged).toHaveLength(80);
    expect(server.chatRequests().filter((r) => schemaName(r)?.startsWith('perceived_'))).toEqual([]);
    expect(events.filter((e) => e.type === 'perceived')).toHaveLength(40);
  });
});
