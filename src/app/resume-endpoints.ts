import type { Settings } from '../core/config/settings.js';
import type { SessionHeader } from '../core/domain.js';
import type { Role } from '../core/llm/types.js';
import { LOCAL_BASE_URL } from '../core/llm/local/local-client.js';
import { providerFromEnv, resolveEndpoints, type EndpointFlags, type ResolvedEndpoints } from './endpoints.js';

const ROLE_MODEL_ENV: Record<Role, string> = {
  seeker: 'PERSONA_TALKS_SEEKER_MODEL',
  supporter: 'PERSONA_TALKS_SUPPORTER_MODEL',
  judge: 'PERSONA_TALKS_JUDGE_MODEL',
};

function given(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/**
 * Where a resumed session's requests go: the server and models its header
 * recorded, unless a flag or the environment says otherwise (the original server
 * may be gone). The URL goes through resolveEndpoints like any other, so the key
 * rules hold: OPENAI_API_KEY is only ever sent to OpenAI.
 */
export function resumeEndpoints(header: SessionHeader, settings: Settings, env: NodeJS.ProcessEnv, flags: EndpointFlags = {}): ResolvedEndpoints {
  // A --preset (or PERSONA_TALKS_PROVIDER) names a server too: then the recorded URL gives way to the preset's.
  const presetGiven = flags.preset ?? providerFromEnv(env);
  const urlGiven = given(flags.baseUrl) ?? (presetGiven ? undefined : given(env.PERSONA_TALKS_BASE_URL));
  const baseUrl = urlGiven ?? (presetGiven ? undefined : header.models.supporter.baseURL);
  if (baseUrl === LOCAL_BASE_URL || (presetGiven === 'local' && !urlGiven)) {
    // On the local model: a session recorded there gets the same file again (found by its recorded
    // name in the models folder) unless --model-file, PERSONA_TALKS_MODEL_FILE or --model names another.
    const recordedLocal = header.models.supporter.baseURL === LOCAL_BASE_URL;
    const name = given(flags.model) ?? (recordedLocal ? header.models.supporter.model : undefined);
    const { baseUrl: _url, ...rest } = flags;
    return resolveEndpoints(settings, env, { ...rest, preset: 'local', ...(name ? { model: name } : {}) });
  }
  const resolved = resolveEndpoints(settings, env, { ...flags, ...(baseUrl ? { baseUrl } : {}) });
  const recorded = (role: Role, endpoint: ResolvedEndpoints[Role]) => {
    const overridden = given(flags.model) ?? given(env[ROLE_MODEL_ENV[role]]) ?? given(env.PERSONA_TALKS_MODEL);
    const model = role === 'judge' ? header.models.judge?.model : header.models[role].model;
    return overridden || !model ? endpoint : { ...endpoint, model };
  };
  return {
    ...resolved,
    seeker: recorded('seeker', resolved.seeker),
    supporter: recorded('supporter', resolved.supporter),
    judge: recorded('judge', resolved.judge),
  };
}
