import { readFlags, usage, type CommandIo } from '../commands/io.js';
import { demoHandler } from './demo-handler.js';
import { startFakeOpenAI } from './fake-openai-server.js';

const FAKE_SERVER_FLAGS = ['port', 'delay-ms', 'chunk-size', 'close-after', 'judge-delay-ms'] as const;

const USAGE = usage('Usage: persona-talks dev fake-server [options]\n\nA scripted OpenAI-compatible server on loopback, for trying the app, demos and tests. Not a model.', FAKE_SERVER_FLAGS);

/**
 * `persona-talks dev fake-server`: a loopback OpenAI-compatible server with
 * scripted replies, for trying the app, demos and the e2e tests. Not a model.
 */
export async function runFakeServerCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = readFlags(io, 'dev fake-server', USAGE, args, FAKE_SERVER_FLAGS, { positionals: false });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const server = await startFakeOpenAI({
    handler: demoHandler({
      chunkDelayMs: values['delay-ms'] ?? 25,
      closeAfter: values['close-after'] ?? 12,
      chunkSize: values['chunk-size'] ?? 6,
      judgeDelayMs: values['judge-delay-ms'] ?? 0,
    }),
    port: values.port ?? 0,
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
