import { canPlay } from '../../../core/personas/schema.js';
import { choiceFrom, initialSetupState } from '../setup/setupState.js';
import type { LoadedPersona, SetupChoice } from '../setup/types.js';

/**
 * The conversation the home screen would start on Enter, without the user
 * having opened it: what the command line preselected, else the first seeker and
 * supporter. The local model's key starts this one once the model is ready.
 */
export function defaultChoice(personas: readonly LoadedPersona[], initial: Partial<SetupChoice>): SetupChoice | undefined {
  const seekerIds = personas.filter((p) => canPlay(p.persona, 'seeker')).map((p) => p.persona.id);
  const supporterIds = personas.filter((p) => canPlay(p.persona, 'supporter')).map((p) => p.persona.id);
  return choiceFrom(initialSetupState(seekerIds, supporterIds, initial), seekerIds, supporterIds);
}
