/**
 * The loopback model server for one benchmark run, in its own process so the
 * CPU it spends streaming replies is not counted as the app's. Started by
 * `benchServer()` with the demo handler's options as its argument; answers the
 * parent's 'stats' messages over the IPC channel and exits when the parent
 * disconnects.
 */
import { performance } from 'node:perf_hooks';
import { demoHandler, type DemoHandlerOptions } from '../devtools/demo-handler.js';
import { startFakeOpenAI, type Reply } from '../devtools/fake-openai-server.js';
import { createStatsRecorder } from './server-stats.js';

/** `callMs`: every call takes exactly this long and answers in one piece (the throughput figure's server). */
const options = JSON.parse(process.argv[2] ?? '{}') as DemoHandlerOptions & { callMs?: number };
const recorder = createStatsRecorder();
const demo = demoHandler(options);
const server = await startFakeOpenAI({
  handler: (request) => {
    const answer = demo(request);
    const reply: Reply =
      options.callMs !== undefined && answer.kind === 'text' ? { kind: 'delay', ms: options.callMs, then: { ...answer, delayMs: 0, chunkSize: Math.max(1, answer.content.length) } } : answer;
    recorder.record(request, reply);
    return reply;
  },
});

process.on('message', (message: { type: string; id: number }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', id: message.id, stats: recorder.stats(performance.now()) });
});
process.once('disconnect', () => void server.close().then(() => process.exit(0)));
process.send?.({ type: 'ready', url: server.url });
