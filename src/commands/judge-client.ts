import { configure, createClients } from '../app/clients.js';
import { checkServer } from '../core/llm/presets.js';
import type { ChatClient } from '../core/llm/types.js';
import type { CommandIo } from './personas.js';

/**
 * The judge's client for `measure` and `personas score`, from stored settings and
 * the environment (PERSONA_TALKS_JUDGE_BASE_URL / _JUDGE_MODEL, else the shared
 * server and model). Undefined after printing what to do when there is none.
 */
export async function judgeClientOrExplain(io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<ChatClient | undefined> {
  const configured = configure({}, env);
  if (!configured.ok) {
    io.stderr.write(`${configured.message}\n`);
    return undefined;
  }
  const { endpoints } = configured;
  if (endpoints.missingKey) {
    io.stderr.write(`The ${endpoints.preset} preset needs an API key: set PERSONA_TALKS_API_KEY (or OPENAI_API_KEY for OpenAI).\n`);
    return undefined;
  }
  const reachable = await checkServer(endpoints.judge, { timeoutMs: 5_000 });
  if (!reachable.ok) {
    io.stderr.write(
      `${reachable.message}\n\nThe judge model is needed here. Point it at an OpenAI-compatible server with ` +
        'PERSONA_TALKS_JUDGE_BASE_URL (or PERSONA_TALKS_BASE_URL) and PERSONA_TALKS_JUDGE_MODEL (or PERSONA_TALKS_MODEL).\n',
    );
    return undefined;
  }
  return createClients(endpoints).judge;
}
