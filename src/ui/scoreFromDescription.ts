import type { Csi, Hexaco } from '../core/traits/dimensions.js';
import { scoreDescription } from '../core/traits/pipeline.js';
import type { AppDeps } from './appDeps.js';

/**
 * The persona editor's "score traits from the description": the paper's
 * pipeline on the judge's endpoint, as the settings stand now (they may have
 * changed since the app started). Failures throw with the client's own message;
 * the editor shows it in its status line.
 */
export async function scoreFromDescription(
  deps: Pick<AppDeps, 'settings' | 'resolveEndpoints' | 'createClients'>,
  description: string,
): Promise<{ hexaco: Hexaco; csi: Csi }> {
  const endpoints = deps.resolveEndpoints(deps.settings.get());
  if (endpoints.missingKey) {
    throw new Error(`the ${endpoints.preset} preset needs an API key (PERSONA_TALKS_API_KEY, or the settings screen)`);
  }
  const { hexaco, csi } = await scoreDescription(deps.createClients(endpoints).judge, description);
  return { hexaco, csi };
}
