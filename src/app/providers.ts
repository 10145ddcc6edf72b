/**
 * What the front ends may know about model servers: the presets they can pick
 * and the shape of an endpoint. Talking to a server goes through the Application.
 */
export { getPreset, PRESETS, type PresetId } from '../core/llm/presets.js';
export type { Endpoint } from '../core/llm/types.js';
/** The base URL of the model inside the app, as endpoints and session headers name it. */
export { LOCAL_BASE_URL } from '../core/llm/local/local-client.js';
