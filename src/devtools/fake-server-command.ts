import { misuse, readFlags, usage, type CommandIo } from '../commands/io.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { demoHandler } from './demo-handler.js';
import { startFakeOpenAI } from './fake-openai-server.js';
import { isQuirk, QUIRK_HELP, QUIRKS, quirkHandler } from './quirk-handler.js';

const FAKE_SERVER_FLAGS = ['port', 'delay-ms', 'chunk-size', 'close-after', 'words', 'judge-call-ms', 'quirk', 'flavour', 'context'] as const;

export const FAKE_SERVER_USAGE = `${usage(
  'Usage: persona-talks dev fake-server [options]\n\nA scripted OpenAI-compatible server on loopback, for trying the app, demos and tests. Not a model.',
  FAKE_SERVER_FLAGS,
)}

Quirks (replies the way real models misbehave):
${QUIRKS.map((q) => `  ${q.padEnd(20)} ${QUIRK_HELP[q]}`).join('\n')}`;

/**
 * `persona-talks dev fake-server`: a loopback OpenAI-compatible server with
 * scripted replies, for trying the app, demos and the e2e tests. Not a model.
 */
export async function runFakeServerCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = readFlags(io, 'dev fake-server', FAKE_SERVER_USAGE, args, FAKE_SERVER_FLAGS, { positionals: false });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const { quirk, flavour } = values;
  if (quirk === 'help') {
    io.stdout.write(`${FAKE_SERVER_USAGE}\n`);
    return 0;
  }
  if (quirk !== undefined && !isQuirk(quirk)) return misuse(io, 'dev fake-server', FAKE_SERVER_USAGE, `unknown quirk "${cleanForDisplay(quirk)}"`);
  const demo = demoHandler({
    chunkDelayMs: values['delay-ms'] ?? 25,
    closeAfter: values['close-after'] ?? 12,
    chunkSize: values['chunk-size'] ?? 6,
    ...(values['judge-call-ms'] !== undefined ? { judgeCallMs: values['judge-call-ms'] } : {}),
    minWords: values.words ?? 0,
  });
  const server = await startFakeOpenAI({
    handler: quirk ? quirkHandler(quirk, demo) : demo,
    port: values.port ?? 0,
    ...(flavour ? { flavour, contextLength: values.context ?? 8192 } : {}),
  });
  if (quirk) io.stdout.write(`quirk: ${quirk} — ${QUIRK_HELP[quirk]}\n`);
  io.stdout.write(`fake OpenAI-compatible server listening at ${server.url}\n`);
  io.stdout.write(`try: PERSONA_TALKS_BASE_URL=${server.url} PERSONA_TALKS_MODEL=fake-model persona-talks\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
