import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/core/engine/events.js';
import { createMeter } from '../../../src/core/traits/judge-meter.js';
import { agentsHandler, collect, finishedTurns, makeConversation } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../../support/fake-openai-server.js';
import { dialogue, gate, judgeAnswer, judgeClient, schemaName } from './judge-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const text = (content: string): Reply => ({ kind: 'text', content, usage: { prompt_tokens: 30, completion_tokens: 20 } });

describe('the live meter never holds the conversation up', () => {
  it("requests the next turns while the judge's answer for an earlier turn is still held back", async () => {
    server = await startFakeOpenAI();
    const agents = agentsHandler();
    const timeline: string[] = [];
    const judgeMayAnswer = gate();
    let agentRequests = 0;
    server.respond(async (r) => {
      if (schemaName(r) === 'trait_estimate') {
        timeline.push('judge-request');
        // Held until the agents have asked for two more turns: a meter that blocked would deadlock here.
        await judgeMayAnswer.opened;
        timeline.push('judge-answer');
        return text(judgeAnswer({ score: 4, confidence: 0.8 }));
      }
      agentRequests++;
      timeline.push(`agent-request-${agentRequests}`);
      if (agentRequests === 3) judgeMayAnswer.open();
      return agents(r);
    });
    const judge = judgeClient(server.url);
    const meterEvents: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge }, cadence: 1, perceive: false, emit: (e) => meterEvents.push(e) });
    const conv = makeConversation(server.url, { turnCap: 4 });
    const events = await collect(conv, (e, all) => {
      if (e.type === 'turn-finished') {
        timeline.push(`turn-finished-${e.turn.index}`);
        meter.afterTurn(finishedTurns(all));
      }
    });
    await meter.idle();

    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'turn-cap', turns: 4 });
    const firstJudge = timeline.indexOf('judge-request');
    const firstAnswer = timeline.indexOf('judge-answer');
    expect(firstJudge).toBeGreaterThan(timeline.indexOf('turn-finished-0'));
    // While the first judge answer was held back, turn 1 finished and turn 2 was requested.
    expect(timeline.indexOf('agent-request-3')).toBeGreaterThan(firstJudge);
    expect(timeline.indexOf('agent-request-3')).toBeLessThan(firstAnswer);
    expect(timeline.indexOf('turn-finished-1')).toBeLessThan(firstAnswer);
    const readings = meterEvents.filter((e) => e.type === 'meter');
    expect(readings.map((e) => e.speaker).sort()).toEqual(['seeker', 'seeker', 'supporter', 'supporter']);
    // The last reading of each speaker covers that speaker's last turn.
    expect(Math.max(...readings.filter((e) => e.speaker === 'supporter').map((e) => e.afterTurn))).toBe(3);
    expect(meterEvents.filter((e) => e.type === 'usage' && e.role === 'judge')).toHaveLength(4);
  });

  it('keeps one judge call in flight per speaker and coalesces newer turns into one more run', async () => {
    server = await startFakeOpenAI();
    const firstArrived = gate();
    const release = gate();
    server.respond(async (r) => {
      if (schemaName(r) !== 'trait_estimate') return text('{}');
      firstArrived.open();
      await release.opened;
      return text(judgeAnswer());
    });
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, perceive: false, emit: (e) => emitted.push(e) });
    const turns = dialogue(7); // seeker turns 0, 2, 4, 6
    // Only seeker turns: each afterTurn ends on a seeker turn.
    for (const n of [1, 3, 5, 7]) meter.afterTurn(turns.slice(0, n).filter((t) => t.speaker === 'seeker'));
    await firstArrived.opened;
    expect(server.chatRequests()).toHaveLength(1);
    release.open();
    await meter.idle();

    const requests = server.chatRequests();
    expect(requests).toHaveLength(2);
    const lastUser = requests[1]!.body.messages!.at(-1)!.content;
    expect(lastUser).toContain('seeker words number 6');
    expect(emitted.filter((e) => e.type === 'meter').map((e) => (e.type === 'meter' ? e.afterTurn : -1))).toEqual([0, 6]);
  });

  it('judges only speakers with new turns, every N turns, and at the end when asked', async () => {
    server = await startFakeOpenAI();
    server.respond(() => text(judgeAnswer()));
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 3, perceive: false, emit: (e) => emitted.push(e) });
    const turns = dialogue(5);
    for (let n = 1; n <= 5; n++) {
      meter.afterTurn(turns.slice(0, n));
      await meter.idle();
    }
    // Due after 3 turns only (both speakers have spoken); 5 turns is not a multiple of 3.
    expect(emitted.filter((e) => e.type === 'meter').map((e) => (e.type === 'meter' ? `${e.speaker}@${e.afterTurn}` : ''))).toEqual(['seeker@2', 'supporter@2']);
    meter.afterTurn(turns, { final: true });
    await meter.idle();
    // Final: both have spoken since (seeker turn 4, supporter turn 3); each is judged once on all five turns.
    const after = emitted.filter((e) => e.type === 'meter').map((e) => (e.type === 'meter' ? `${e.speaker}@${e.afterTurn}` : ''));
    expect(after).toEqual(['seeker@2', 'supporter@2', 'seeker@4', 'supporter@4']);
  });

  it('is silent after stop(): in-flight calls are aborted and nothing more is emitted', async () => {
    server = await startFakeOpenAI();
    const arrived = gate();
    server.respond(async () => {
      arrived.open();
      return { kind: 'delay', ms: 60_000, then: text(judgeAnswer()) };
    });
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, perceive: false, emit: (e) => emitted.push(e) });
    meter.afterTurn(dialogue(1));
    await arrived.opened;
    meter.stop();
    await meter.idle();
    meter.afterTurn(dialogue(2));
    await meter.idle();
    expect(emitted).toEqual([]);
    expect(server.chatRequests()).toHaveLength(1);
  });
});

describe('invalid judge answers never reach the screen as numbers', () => {
  it('retries once, then drops the estimate with a notice; valid answers pass, abstentions stay absent', async () => {
    server = await startFakeOpenAI();
    const replies = [
      // Run 1: malformed, then out of range → dropped.
      '{"hexaco": {"H": {"score": 4, "conf',
      judgeAnswer({ edit: (a) => (a.hexaco.E = { score: 7, confidence: 0.9 }) }),
      // Run 2: a dimension missing, then valid → used.
      judgeAnswer({ edit: (a) => delete a.hexaco.O }),
      judgeAnswer({ score: 2.5, confidence: 0.4 }),
      // Run 3: confidence as a percentage, then a score as text → dropped.
      judgeAnswer({ edit: (a) => (a.csi.expressiveness = { score: 3, confidence: 85 }) }),
      judgeAnswer({ edit: (a) => (a.hexaco.X = { score: 'high', confidence: 0.5 }) }),
      // Run 4: valid with one abstention.
      judgeAnswer({ score: 4.5, confidence: 0.9, edit: (a) => (a.csi.questioningness = { score: null, confidence: 0 }) }),
    ];
    server.respond(() => text(replies.shift() ?? 'out of script'));
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, perceive: false, emit: (e) => emitted.push(e) });
    const seekerOnly = dialogue(8).filter((t) => t.speaker === 'seeker');
    for (let n = 1; n <= 4; n++) {
      meter.afterTurn(seekerOnly.slice(0, n));
      await meter.idle();
    }
    expect(replies).toHaveLength(0);

    const readings = emitted.flatMap((e) => (e.type === 'meter' ? [e] : []));
    expect(readings.map((r) => r.afterTurn)).toEqual([2, 6]);
    for (const r of readings) {
      for (const score of [...Object.values(r.hexaco), ...Object.values(r.csi)]) {
        expect(score.score).toBeGreaterThanOrEqual(1);
        expect(score.score).toBeLessThanOrEqual(5);
        expect(score.confidence).toBeGreaterThanOrEqual(0);
        expect(score.confidence).toBeLessThanOrEqual(1);
      }
    }
    expect(readings[0]!.hexaco.E).toEqual({ score: 2.5, confidence: 0.4 });
    expect(readings[1]!.csi.questioningness).toBeUndefined();
    expect(Object.keys(readings[1]!.csi)).toHaveLength(5);
    const notices = emitted.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/seeker estimate after turn 1 dropped — hexaco\.E\.score.*asked 2×/);
    expect(notices[1]).toMatch(/dropped — hexaco\.X\.score/);
    // Every reply, valid or not, is counted as judge usage.
    expect(emitted.filter((e) => e.type === 'usage' && e.role === 'judge')).toHaveLength(7);
  });

  it('reports an unreachable judge once, not on every turn, and emits valid readings once it answers', async () => {
    server = await startFakeOpenAI();
    server.respond(() => ({ kind: 'status', status: 400 }));
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, perceive: false, emit: (e) => emitted.push(e) });
    const seekerOnly = dialogue(6).filter((t) => t.speaker === 'seeker');
    for (let n = 1; n <= 3; n++) {
      meter.afterTurn(seekerOnly.slice(0, n));
      await meter.idle();
    }
    expect(emitted.filter((e) => e.type === 'notice')).toHaveLength(1);
    expect(emitted.some((e) => e.type === 'meter')).toBe(false);
    server.respond(() => text(judgeAnswer()));
    meter.afterTurn(dialogue(8).filter((t) => t.speaker === 'seeker'));
    await meter.idle();
    expect(emitted.filter((e) => e.type === 'meter')).toEqual([expect.objectContaining({ type: 'meter', speaker: 'seeker', afterTurn: 6 })]);
  });
});

describe('labels ride on the supporter’s readings', () => {
  /** Answers a reading, with a label for every supporter message it was asked to label. */
  const labelling = (strategy = 'Reflection of Feelings') => (r: RecordedRequest): Reply => {
    const asked = Object.keys((r.body.response_format?.json_schema?.schema as { properties: { strategies?: { properties: object } } }).properties.strategies?.properties ?? {});
    const answer = JSON.parse(judgeAnswer()) as object;
    return text(JSON.stringify(asked.length > 0 ? { ...answer, strategies: Object.fromEntries(asked.map((n) => [n, strategy])) } : answer));
  };

  it('one call per turn: the supporter’s reading labels its new turn, without seeing the declared label', async () => {
    server = await startFakeOpenAI();
    server.respond(labelling());
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, emit: (e) => emitted.push(e) });
    const turns = dialogue(6);
    for (let n = 1; n <= 6; n++) {
      meter.afterTurn(turns.slice(0, n));
      await meter.idle();
    }
    const requests = server.chatRequests();
    expect(requests.map(schemaName)).toEqual(Array(6).fill('trait_estimate'));
    const supporterRun = requests[3]!.body.messages!.at(-1)!.content;
    expect(supporterRun).toContain('*[4] Supporter: supporter words number 3');
    expect(supporterRun).toContain('[2] Supporter: supporter words number 1');
    expect(supporterRun).not.toContain('*[2]');
    expect(supporterRun).toMatch(/Estimate the Supporter's scores and label message 4\./);
    expect(requests[2]!.body.response_format?.json_schema?.schema).not.toHaveProperty('properties.strategies');
    const perceived = emitted.flatMap((e) => (e.type === 'perceived' ? [e] : []));
    expect(perceived).toEqual([1, 3, 5].map((index) => ({ type: 'perceived', index, strategy: 'Reflection of Feelings', declared: 'Question', agrees: false, via: 'judge' })));
    expect(meter.pending()).toEqual({ labels: [], readings: [] });

    // The same reading with another declared label sends the same request.
    server.requests.length = 0;
    const other = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, emit: () => {} });
    other.afterTurn(turns.slice(0, 4).map((t) => (t.speaker === 'supporter' ? { ...t, strategy: 'Information' as const } : t)));
    await other.idle();
    expect(server.chatRequests().find((r) => r.body.messages!.at(-1)!.content.includes('label message'))!.rawBody).toBe(requests[3]!.rawBody);
  });

  it('labels that waited while a reading was out ride on the next one together', async () => {
    server = await startFakeOpenAI();
    const release = gate();
    let supporterRuns = 0;
    const answer = labelling('Question');
    server.respond(async (r) => {
      if (r.body.messages![0]!.content.includes('that the Supporter shows') && supporterRuns++ === 0) await release.opened;
      return answer(r);
    });
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, emit: (e) => emitted.push(e) });
    const turns = dialogue(6);
    for (let n = 1; n <= 6; n++) meter.afterTurn(turns.slice(0, n));
    release.open();
    await meter.idle();
    const supporter = server.chatRequests().filter((r) => r.body.messages![0]!.content.includes('that the Supporter shows'));
    expect(supporter).toHaveLength(2);
    expect(supporter[1]!.body.messages!.at(-1)!.content).toMatch(/label messages 4, 6\./);
    expect(emitted.flatMap((e) => (e.type === 'perceived' ? [e.index] : [])).sort()).toEqual([1, 3, 5]);
    expect(server.chatRequests().some((r) => schemaName(r)?.startsWith('perceived_'))).toBe(false);
  });

  it('a label the reading leaves out goes to the classifier; a classifier that fails leaves it pending', async () => {
    server = await startFakeOpenAI();
    let classifierUp = true;
    server.respond((r) => {
      if (schemaName(r) === 'trait_estimate') return text(judgeAnswer()); // no labels at all
      return classifierUp ? text(JSON.stringify({ reason: 'r', strategy: 'Information' })) : { kind: 'status', status: 400 };
    });
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 1, emit: (e) => emitted.push(e) });
    const turns = dialogue(4);
    meter.afterTurn(turns.slice(0, 2));
    await meter.idle();
    // Both speakers' readings (the first turns of each), then the classifier for the label the supporter's left out.
    expect(server.chatRequests().map(schemaName)).toEqual(['trait_estimate', 'trait_estimate', 'perceived_strategy']);
    expect(emitted.flatMap((e) => (e.type === 'perceived' ? [[e.index, e.via]] : []))).toEqual([[1, 'classifier']]);
    classifierUp = false;
    meter.afterTurn(turns.slice(0, 3));
    meter.afterTurn(turns);
    await meter.idle();
    expect(meter.pending()).toEqual({ labels: [3], readings: [] });
    expect(emitted.filter((e) => e.type === 'notice' && /strategy classifier unavailable/.test(e.message))).toHaveLength(1);
  });

  it('at the end, labels no reading will carry go to the classifier, and pending() says what is left', async () => {
    server = await startFakeOpenAI();
    server.respond((r) => (schemaName(r) === 'trait_estimate' ? text(judgeAnswer()) : text(JSON.stringify({ labels: { '2': { reason: 'r', strategy: 'Others' }, '4': { reason: 'r', strategy: 'Others' } } }))));
    const emitted: EngineEvent[] = [];
    // Every 5 turns: after 4 turns no reading has run, and both supporter turns wait for one.
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 5, emit: (e) => emitted.push(e) });
    const turns = dialogue(4);
    for (let n = 1; n <= 4; n++) meter.afterTurn(turns.slice(0, n));
    await meter.idle();
    expect(server.chatRequests()).toHaveLength(0);
    expect(meter.pending()).toEqual({ labels: [1, 3], readings: ['seeker', 'supporter'] });
    meter.afterTurn(turns, { final: true });
    await meter.idle();
    // The supporter's final reading asked for both labels; the answer had none, so one classifier call labelled both.
    expect(server.chatRequests().map(schemaName).sort()).toEqual(['perceived_strategies', 'trait_estimate', 'trait_estimate']);
    expect(meter.pending()).toEqual({ labels: [], readings: [] });
  });
});
