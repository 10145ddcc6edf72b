/**
 * What the front ends may know about model servers: the presets they can pick
 * and the shape of an endpoint. Talking to a server goes through the Application.
 */
export { getPreset, isPresetId, PRESET_IDS, PRESETS, type Preset, type PresetId } from '../core/llm/presets.js';
export type { ServerCheck } from '../core/llm/check-server.js';
export type { Endpoint } from '../core/llm/types.js';
