import { parseArgs } from 'node:util';
import type { CommandIo } from '../commands/personas.js';
import { demoHandler } from './demo-handler.js';
import { startFakeOpenAI } from './fake-openai-server.js';

/**
 * `persona-talks dev fake-server`: a loopback OpenAI-compatible server with
 * scripted replies, for trying the app, demos and the e2e tests. Not a model.
 */
export async function runFakeServerCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      // Unset: judge replies stream at the agents' pace. Set: every judge-side call takes this long.
      'judge-call-ms': { type: 'string' },
      'chunk-size': { type: 'string', default: '6' },
      port: { type: 'string', default: '0' },
      'delay-ms': { type: 'string', default: '25' },
      'close-after': { type: 'string', default: '12' },
      words: { type: 'string', default: '0' },
    },
  });
  const server = await startFakeOpenAI({
    handler: demoHandler({
      chunkDelayMs: Number(values['delay-ms']),
      closeAfter: Number(values['close-after']),
      chunkSize: Number(values['chunk-size']),
      ...(values['judge-call-ms'] !== undefined ? { judgeCallMs: Number(values['judge-call-ms']) } : {}),
      minWords: Number(values.words),
    }),
    port: Number(values.port),
  });
  io.stdout.write(`fake OpenAI-compatible server listening at ${server.url}\n`);
  io.stdout.write(`try: PERSONA_TALKS_BASE_URL=${server.url} PERSONA_TALKS_MODEL=fake-model persona-talks\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
