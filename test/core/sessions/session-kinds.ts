import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resumeOptions } from '../../../src/app/resume.js';
import { startConversation } from '../../../src/core/engine/conversation.js';
import { createChatClient } from '../../../src/core/llm/client.js';
import { importEsconv } from '../../../src/core/sessions/esconv.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { STRATEGIES } from '../../../src/core/strategies.js';
import { agentsHandler, collect, makeConversation } from '../../support/engine-fixtures.js';
import type { FakeServer, Reply } from '../../support/fake-openai-server.js';

/**
 * Sessions of every kind the app writes, each made the way the app makes it: the
 * real engine against the loopback fake server (two agents, the one-call script,
 * a person joined on either side, a crash resumed), and the ESConv importer.
 */

/** A script whose labels use ESConv's and other published spellings, and one the model made up. */
const SCRIPT = {
  dialog: [
    { speaker: 'seeker', strategy: null, content: 'I cannot sleep since the new shifts.' },
    { speaker: 'supporter', strategy: 'Questions', content: 'How many   hours\n do you get?' },
    { speaker: 'seeker', strategy: null, content: 'Four, maybe.' },
    { speaker: 'supporter', strategy: 'Reflection of feelings', content: 'That sounds draining.' },
    { speaker: 'supporter', strategy: 'Made Up', content: 'Have you tried blackout curtains?' },
    { speaker: 'seeker', strategy: null, content: 'Not yet.' },
  ],
};

/** A published-style ESConv conversation: speaker/listener, numbers as strings, trailing newlines, variant spellings. */
export const PUBLISHED = {
  experience_type: 'Previous Experience',
  emotion_type: 'sadness',
  problem_type: 'breakup with partner',
  situation: 'We split up after six years.\n',
  survey_score: { seeker: { initial_emotion_intensity: '4', final_emotion_intensity: '2', empathy: '5', relevance: '4' }, supporter: { relevance: '5' } },
  seeker_question1: 'Kind listener.',
  dialog: [
    { speaker: 'speaker', annotation: {}, content: 'Hi\n' },
    { speaker: 'listener', annotation: { strategy: 'Questions' }, content: 'Hello, what brings you here?\n' },
    { speaker: 'speaker', annotation: { feedback: '4' }, content: 'My partner left.\n' },
    { speaker: 'listener', annotation: { strategy: 'Reflection of feelings' }, content: 'That must hurt a lot.\n' },
    { speaker: 'listener', annotation: { strategy: 'Other' }, content: 'Take your time.\n' },
    { speaker: 'listener', annotation: { strategy: 'Restatement or Paraphrasing' }, content: 'Six years is a long time together.\n' },
    { speaker: 'speaker', annotation: { feedback: '5' }, content: 'Thank you.\n' },
  ],
};

const client = (url: string, model: string) => createChatClient({ baseURL: url, model, apiKey: 'sk-test-SECRET-1234567890' }, { retryBaseMs: 10 });

export type SessionKind = 'agents' | 'script' | 'join-seeker' | 'join-supporter' | 'resumed' | 'imported';

/** Writes one session of each kind into `dir` and returns their paths by kind. */
export async function makeEverySessionKind(server: FakeServer, dir: string): Promise<Record<SessionKind, string>> {
  server.respond(agentsHandler());
  const agents = makeConversation(server.url, { turnCap: 2 * STRATEGIES.length, sessionsDir: dir });
  await collect(agents);

  server.respond((): Reply => ({ kind: 'text', content: JSON.stringify(SCRIPT) }));
  const script = makeConversation(server.url, { engine: 'script', turnCap: 10, sessionsDir: dir });
  await collect(script);

  server.respond(agentsHandler());
  const joinSeeker = makeConversation(server.url, { mode: 'join-seeker', turnCap: 4, sessionsDir: dir });
  await collect(joinSeeker, (e) => {
    if (e.type === 'awaiting-human') joinSeeker.submitHuman(`I typed this myself, line ${e.index}.`);
  });
  const joinSupporter = makeConversation(server.url, { mode: 'join-supporter', turnCap: 6, sessionsDir: dir });
  await collect(joinSupporter, (e) => {
    // A picked label, then none (the engine falls back), then the display spelling ESConv spells differently.
    if (e.type === 'awaiting-human') joinSupporter.submitHuman('I hear you.', e.index === 1 ? 'Question' : e.index === 5 ? 'Reflection of Feelings' : undefined);
  });

  return { agents: agents.sessionPath!, script: script.sessionPath!, 'join-seeker': joinSeeker.sessionPath!, 'join-supporter': joinSupporter.sessionPath!, resumed: await resumedSession(server, dir), imported: importedSession(dir) };
}

/** A conversation killed before it could write its end (the last record and half a line lost), then resumed to its cap. */
async function resumedSession(server: FakeServer, dir: string): Promise<string> {
  server.respond(agentsHandler());
  const first = makeConversation(server.url, { turnCap: 8, sessionsDir: dir });
  let stopped = false;
  await collect(first, (e, all) => {
    if (!stopped && all.filter((x) => x.type === 'turn-finished').length === 3) {
      stopped = true;
      first.stop();
    }
  });
  const path = first.sessionPath!;
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  const kept = lines.filter((l) => !l.includes('"type":"ended"'));
  writeFileSync(path, `${kept.join('\n')}\n{"type":"turn","v":1,"at":"2025-03-01T10:01:00.000Z","turn":{"index":3,"speak`);
  // Opening the log to continue it finishes the half line first.
  const recorder = SessionRecorder.continue(path);
  const session = readSession(path);
  const resumed = startConversation({ ...resumeOptions(session, recorder), clients: { seeker: client(server.url, 'seeker-model'), supporter: client(server.url, 'supporter-model') }, sessionsDir: null });
  await collect(resumed);
  return path;
}

function importedSession(dir: string): string {
  const text = JSON.stringify([PUBLISHED]);
  const report = importEsconv(text, { file: join(dir, 'published.json'), dir, appVersion: '0.0.0-test' });
  return report.imported[0]!.path;
}
