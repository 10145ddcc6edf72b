import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPersonasCommand } from '../../src/commands/personas.js';
import type { PersonasGenerateDeps } from '../../src/commands/personas-generate.js';
import { loadPersonaDir } from '../../src/core/personas/load.js';
import type { Persona } from '../../src/core/personas/schema.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { judgeClient } from '../core/traits/judge-fixtures.js';
import { captureIo, tempDir } from '../core/personas/helpers.js';
import type { RecordedRequest, Reply } from '../support/fake-openai-server.js';

/** The fake server's persona answers (the ones `dev fake-server` gives), with `edit` to change one reply. */
export function personaHandler(edit?: (request: RecordedRequest, reply: string) => string | Reply | undefined) {
  const demo = demoHandler();
  return async (request: RecordedRequest): Promise<Reply> => {
    const reply = await demo(request);
    if (!edit || reply.kind !== 'text') return reply;
    const changed = edit(request, reply.content);
    if (changed === undefined) return reply;
    return typeof changed === 'string' ? { kind: 'text', content: changed } : changed;
  };
}

export const schemaOf = (r: RecordedRequest) => r.body.response_format?.json_schema?.name;
/** The description a card or check request quotes (between the triple quotes), retries included. */
export const quotedText = (r: RecordedRequest) => /"""\n([\s\S]*?)\n"""/.exec((r.body.messages ?? []).map((m) => m.content).join('\n'))?.[1] ?? '';

export async function writeInput(name: string, text: string): Promise<string> {
  const path = join(await tempDir('pt-gen-in-'), name);
  await writeFile(path, text);
  return path;
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** `persona-talks personas ARGS` against the fake server at `url`, with an isolated user folder. */
export async function personas(args: string[], url: string, deps: Partial<PersonasGenerateDeps> = {}): Promise<Run> {
  const cap = captureIo();
  const code = await runPersonasCommand(args, cap.io, { userDir: await tempDir('pt-gen-user-'), model: judgeClient(url), ...deps } as PersonasGenerateDeps);
  return { code, out: cap.stdout(), err: cap.stderr() };
}

export async function personasIn(dir: string): Promise<Persona[]> {
  const loaded = await loadPersonaDir(dir);
  if (loaded.errors.length > 0) throw new Error(`persona files do not load: ${JSON.stringify(loaded.errors)}`);
  return loaded.personas.map((p) => p.persona);
}

export interface DroppedLine {
  candidate: string;
  rule: string;
  reason: string;
  source: string;
  sourceLine?: number;
  card?: Record<string, unknown>;
}

export async function droppedIn(dir: string): Promise<DroppedLine[]> {
  const text = await readFile(join(dir, 'dropped.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as DroppedLine);
}
