import type { Condition, EngineKind, Mode } from '../../../core/domain.js';

/** What the setup screen hands to the app shell when the user presses Enter. */
export interface SetupChoice {
  seekerId: string;
  supporterId: string;
  condition: Condition;
  engine: EngineKind;
  mode: Mode;
  turnCap: number;
}

export type { LoadedPersona } from '../../../core/personas/load.js';
export type { PersonaError } from '../../../core/personas/errors.js';

export interface ServerStatus {
  ok: boolean;
  message?: string;
  /** The agents run on the model inside the app: there is no server to reach. */
  local?: boolean;
}
