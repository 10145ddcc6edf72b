import { parseArgs } from 'node:util';
import type { CommandIo } from '../commands/personas.js';
import { demoHandler } from './demo-handler.js';
import { startFakeOpenAI, type ServerFlavour } from './fake-openai-server.js';
import { isQuirk, QUIRK_HELP, QUIRKS, quirkHandler } from './quirk-handler.js';

const FLAVOURS: readonly ServerFlavour[] = ['llamacpp', 'ollama', 'vllm'];

export const FAKE_SERVER_USAGE = `Usage: persona-talks dev fake-server [--port N] [--delay-ms N] [--chunk-size N] [--close-after N] [--words N] [--judge-call-ms N]
                                     [--quirk NAME] [--flavour llamacpp|ollama|vllm --context N]

Quirks (replies the way real models misbehave):
${QUIRKS.map((q) => `  ${q.padEnd(20)} ${QUIRK_HELP[q]}`).join('\n')}`;

/**
 * `persona-talks dev fake-server`: a loopback OpenAI-compatible server with
 * scripted replies, for trying the app, demos and the e2e tests. Not a model.
 */
export async function runFakeServerCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      quirk: { type: 'string' },
      flavour: { type: 'string' },
      context: { type: 'string', default: '8192' },
      // Unset: judge replies stream at the agents' pace. Set: every judge-side call takes this long.
      'judge-call-ms': { type: 'string' },
      'chunk-size': { type: 'string', default: '6' },
      port: { type: 'string', default: '0' },
      'delay-ms': { type: 'string', default: '25' },
      'close-after': { type: 'string', default: '12' },
      words: { type: 'string', default: '0' },
    },
  });
  if (values.quirk === 'help') {
    io.stdout.write(`${FAKE_SERVER_USAGE}\n`);
    return 0;
  }
  if (values.quirk !== undefined && !isQuirk(values.quirk)) {
    io.stderr.write(`Unknown quirk "${values.quirk}".\n\n${FAKE_SERVER_USAGE}\n`);
    return 2;
  }
  const flavour = values.flavour as ServerFlavour | undefined;
  if (flavour !== undefined && !FLAVOURS.includes(flavour)) {
    io.stderr.write(`--flavour must be one of ${FLAVOURS.join(', ')} (got "${flavour}")\n`);
    return 2;
  }
  const demo = demoHandler({
    chunkDelayMs: Number(values['delay-ms']),
    closeAfter: Number(values['close-after']),
    chunkSize: Number(values['chunk-size']),
    ...(values['judge-call-ms'] !== undefined ? { judgeCallMs: Number(values['judge-call-ms']) } : {}),
    minWords: Number(values.words),
  });
  const server = await startFakeOpenAI({
    handler: values.quirk ? quirkHandler(values.quirk, demo) : demo,
    port: Number(values.port),
    ...(flavour ? { flavour, contextLength: Number(values.context) } : {}),
  });
  if (values.quirk) io.stdout.write(`quirk: ${values.quirk} — ${QUIRK_HELP[values.quirk]}\n`);
  io.stdout.write(`fake OpenAI-compatible server listening at ${server.url}\n`);
  io.stdout.write(`try: PERSONA_TALKS_BASE_URL=${server.url} PERSONA_TALKS_MODEL=fake-model persona-talks\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
