import { PersonaSchema, type Persona } from '../../../core/personas/schema.js';
import { draftToCandidate, type Draft } from './draft.js';

export interface DraftCheck {
  /** The persona to save, when the draft is valid. */
  persona?: Persona;
  /** Field key ("name", "hexaco.E", …) → the first problem with it. */
  errors: Record<string, string>;
  /** The id belongs to another persona in the library. */
  idClash: boolean;
}

/**
 * Validate with the same schema the loader uses, so whatever the editor
 * accepts loads back. A new persona (or a renamed one) may not take an id that
 * is already in the library: it would silently shadow that persona.
 */
export function checkDraft(draft: Draft, existingIds: readonly string[], originalId?: string): DraftCheck {
  const result = PersonaSchema.safeParse(draftToCandidate(draft));
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.length ? issue.path.map(String).join('.') : 'persona';
      errors[key] ??= issue.message;
    }
  }
  const id = draft.id.trim();
  const idClash = id !== '' && id !== originalId && existingIds.includes(id);
  return { ...(result.success && !idClash ? { persona: result.data } : {}), errors, idClash };
}
