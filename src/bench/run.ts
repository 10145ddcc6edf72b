/**
 * `npm run bench`: measures, in one run, what the terminal UI and the live judge
 * cost relative to doing without them. Everything is a ratio taken on this
 * machine in this run; nothing here is asserted by the tests.
 *
 * 1. Rendering — a 200-turn conversation streamed at full speed from the
 *    loopback server, once through the headless text printer and once through
 *    the Ink conversation screen into a fake TTY: bytes written per byte of
 *    transcript, frames (writes) per turn, and client CPU time TUI / headless.
 * 2. Judge — the same kind of conversation with the judge answering slower
 *    than the agents: wall time judge-on / judge-off, and model calls and
 *    tokens per turn for each role.
 */
import { render } from 'ink';
import { createElement } from 'react';
import { performance } from 'node:perf_hooks';
import { createClients } from '../app/clients.js';
import { startConversation } from '../core/engine/conversation.js';
import type { EngineEvent } from '../core/engine/events.js';
import type { Conversation } from '../core/engine/types.js';
import { findPersona, loadLibrary } from '../core/personas/library.js';
import type { Persona } from '../core/personas/schema.js';
import { createTextPrinter } from '../commands/run-printers.js';
import { ConversationScreen } from '../ui/screens/ConversationScreen.js';
import { CountingTty, idleTtyStdin } from './fake-tty.js';
import { startServerProcess } from './fake-server-process.js';

const RENDER_TURNS = 200;
const JUDGE_TURNS = 40;

interface Cast {
  seeker: Persona;
  supporter: Persona;
}

function clientsFor(url: string) {
  const endpoint = { baseURL: url, model: 'fake-model' };
  return createClients({ seeker: endpoint, supporter: endpoint, judge: endpoint, preset: 'custom', keySource: 'none', missingKey: false });
}

function conversation(url: string, cast: Cast, turns: number, judge: boolean): Conversation {
  const clients = clientsFor(url);
  return startConversation({
    ...cast,
    condition: 'aware',
    engine: 'agents',
    mode: 'watch',
    turnCap: turns,
    seed: 1,
    clients: judge ? clients : { seeker: clients.seeker, supporter: clients.supporter },
    sessionsDir: null,
    judgeCadence: judge ? 1 : 0,
    perceive: judge,
  });
}

/** Passes events through and tells when the conversation has ended. */
function watched(inner: Conversation, onEvent: (e: EngineEvent) => void): { conversation: Conversation; done: Promise<void> } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const conversation: Conversation = {
    ...inner,
    pause: () => inner.pause(),
    resume: () => inner.resume(),
    step: () => inner.step(),
    steer: (s) => inner.steer(s),
    stop: () => inner.stop(),
    submitHuman: (t, s) => inner.submitHuman(t, s),
    get sessionPath() {
      return inner.sessionPath;
    },
    async *events() {
      for await (const e of inner.events()) {
        onEvent(e);
        yield e;
      }
      finish();
    },
  };
  return { conversation, done };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

async function headlessRun(url: string, cast: Cast) {
  let transcriptBytes = 0;
  let outputBytes = 0;
  let turns = 0;
  const sink = (t: string) => (outputBytes += Buffer.byteLength(t));
  const print = createTextPrinter(sink, sink, { seeker: cast.seeker.name, supporter: cast.supporter.name });
  const cpu = process.cpuUsage();
  const started = performance.now();
  for await (const e of conversation(url, cast, RENDER_TURNS, false).events()) {
    print(e);
    if (e.type === 'turn-finished') {
      turns++;
      transcriptBytes += Buffer.byteLength(e.turn.text);
    }
  }
  return { cpuMs: cpuMs(cpu), wallMs: performance.now() - started, transcriptBytes, outputBytes, turns };
}

async function tuiRun(url: string, cast: Cast) {
  const stdout = new CountingTty(100, 40);
  let transcriptBytes = 0;
  let turns = 0;
  const { conversation: conv, done } = watched(conversation(url, cast, RENDER_TURNS, false), (e) => {
    if (e.type === 'turn-finished') {
      turns++;
      transcriptBytes += Buffer.byteLength(e.turn.text);
    }
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const app = render(
    createElement(ConversationScreen, { conversation: conv, mode: 'watch', personas: cast, turnCap: RENDER_TURNS, onExit: () => undefined }),
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: idleTtyStdin(), exitOnCtrlC: false, patchConsole: false, incrementalRendering: true },
  );
  await done;
  await new Promise((r) => setTimeout(r, 100)); // let the last frame out
  app.unmount();
  return { cpuMs: cpuMs(cpu), wallMs: performance.now() - started, transcriptBytes, bytes: stdout.bytes, frames: stdout.writes, turns };
}

async function judgeRun(url: string, cast: Cast, judge: boolean) {
  const calls = { seeker: 0, supporter: 0, judge: 0 };
  const tokens = { seeker: 0, supporter: 0, judge: 0 };
  let turns = 0;
  let endedAt = 0;
  const started = performance.now();
  for await (const e of conversation(url, cast, JUDGE_TURNS, judge).events()) {
    if (e.type === 'usage') {
      calls[e.role]++;
      tokens[e.role] += e.usage.promptTokens + e.usage.completionTokens;
    }
    if (e.type === 'turn-finished') turns++;
    if (e.type === 'ended') endedAt = performance.now();
  }
  // The conversation is over at 'ended'; the judge's last estimates may land after it.
  return { conversationMs: endedAt - started, untilLastEstimateMs: performance.now() - started, calls, tokens, turns };
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

async function main(): Promise<void> {
  const library = await loadLibrary({ userDir: '/nonexistent-user-personas' });
  const seeker = findPersona(library.personas, 'anxious-phd-student')?.persona;
  const supporter = findPersona(library.personas, 'warm-listener')?.persona;
  if (!seeker || !supporter) throw new Error('bundled personas anxious-phd-student / warm-listener are missing');
  const cast = { seeker, supporter };

  console.log(`persona-talks bench — Node ${process.version}, ${new Date().toISOString()}`);
  const fast = await startServerProcess(['--delay-ms', '0', '--close-after', '100000', '--chunk-size', '4']);
  try {
    await headlessRun(fast.url, cast); // warm-up: JIT, sockets
    const headless = await headlessRun(fast.url, cast);
    const tui = await tuiRun(fast.url, cast);
    console.log(`\n1. Rendering a ${RENDER_TURNS}-turn conversation streamed at full speed (100×40 fake TTY)`);
    console.log(`   transcript: ${tui.transcriptBytes} bytes in ${tui.turns} turns`);
    console.log(`   TUI bytes written per transcript byte:   ${fmt(tui.bytes / tui.transcriptBytes)}  (${tui.bytes} bytes)`);
    console.log(`   headless bytes per transcript byte:      ${fmt(headless.outputBytes / headless.transcriptBytes)}`);
    console.log(`   TUI frames per turn:                     ${fmt(tui.frames / tui.turns)}  (${tui.frames} frames)`);
    console.log(`   CPU time TUI / headless:                 ${fmt(tui.cpuMs / headless.cpuMs)}  (${fmt(tui.cpuMs, 0)} ms / ${fmt(headless.cpuMs, 0)} ms)`);
    console.log(`   wall time TUI / headless:                ${fmt(tui.wallMs / headless.wallMs)}`);
  } finally {
    await fast.stop();
  }

  // Agents stream at a modest pace; the judge takes 150 ms per answer, slower than an agent turn.
  const paced = await startServerProcess(['--delay-ms', '1', '--close-after', '100000', '--chunk-size', '6', '--judge-delay-ms', '150']);
  try {
    await judgeRun(paced.url, cast, false); // warm-up
    const off = await judgeRun(paced.url, cast, false);
    const on = await judgeRun(paced.url, cast, true);
    console.log(`\n2. Judge alongside a ${JUDGE_TURNS}-turn conversation (judge answers in 150 ms, agents stream at 1 ms per chunk)`);
    console.log(`   conversation wall time judge on / off:   ${fmt(on.conversationMs / off.conversationMs)}  (${fmt(on.conversationMs, 0)} ms / ${fmt(off.conversationMs, 0)} ms)`);
    console.log(`   until the last estimate, on / off:       ${fmt(on.untilLastEstimateMs / off.conversationMs)}`);
    for (const role of ['seeker', 'supporter', 'judge'] as const) {
      console.log(
        `   ${role.padEnd(9)} calls per turn on ${fmt(on.calls[role] / on.turns)} / off ${fmt(off.calls[role] / off.turns)}; ` +
          `tokens per turn on ${fmt(on.tokens[role] / on.turns, 0)} / off ${fmt(off.tokens[role] / off.turns, 0)}`,
      );
    }
    console.log('   (judge calls include the trait judge and the perceived-strategy classifier; tokens are the fake server\'s counts)');
  } finally {
    await paced.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
