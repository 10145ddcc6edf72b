import { configure, createClients } from '../app/clients.js';
import { checkServer } from '../core/llm/presets.js';
import type { ChatClient } from '../core/llm/types.js';
import { resolve } from 'node:path';
import { loadInventory } from '../core/traits/inventory.js';
import { bundledInventories, type Inventories } from '../core/traits/pipeline.js';
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

/**
 * `--hexaco-inventory FILE` / `--csi-inventory FILE`: rate another inventory the user is
 * licensed to use (same YAML format as inventories/). Returns the remaining args, or
 * undefined after printing the file's problems.
 */
export async function inventoryFlags(args: string[], io: CommandIo): Promise<{ rest: string[]; inventories?: Inventories } | undefined> {
  const rest: string[] = [];
  const paths: { hexaco?: string; csi?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--(hexaco|csi)-inventory(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (!value) {
      io.stderr.write(`${arg} needs a file path\n`);
      return undefined;
    }
    paths[m[1] as 'hexaco' | 'csi'] = value;
  }
  if (!paths.hexaco && !paths.csi) return { rest };
  try {
    const bundled = await bundledInventories();
    return {
      rest,
      inventories: {
        hexaco: paths.hexaco ? await loadInventory(resolve(paths.hexaco), 'hexaco') : bundled.hexaco,
        csi: paths.csi ? await loadInventory(resolve(paths.csi), 'csi') : bundled.csi,
      },
    };
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}
