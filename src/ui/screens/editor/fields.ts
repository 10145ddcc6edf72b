import { AGE_BANDS, EMOTION_TYPES, PROBLEM_TYPES, ROLES } from '../../../core/personas/schema.js';
import { CSI_KEYS, HEXACO_KEYS, type CsiKey, type HexacoKey } from '../../../core/traits/dimensions.js';
import { CSI_SHORT, HEXACO_SHORT } from '../setup/previewLines.js';
import { hasSeekerFields, type Draft, type TextKey } from './draft.js';

export type TraitFieldKey = `hexaco.${HexacoKey}` | `csi.${CsiKey}`;
export type ActionKey = 'save' | 'score' | 'cancel';
export type FieldKey = TextKey | 'role' | 'age_band' | 'baseline' | 'initial_intensity' | TraitFieldKey | ActionKey;

export type FieldSpec =
  | { key: TextKey; kind: 'text'; label: string; suggestions?: readonly string[] }
  | { key: 'role' | 'age_band'; kind: 'choice'; label: string; options: readonly string[] }
  | { key: 'baseline'; kind: 'toggle'; label: string }
  | { key: 'initial_intensity'; kind: 'intensity'; label: string }
  | { key: TraitFieldKey; kind: 'trait'; label: string; group: 'hexaco' | 'csi'; dim: HexacoKey | CsiKey }
  | { key: ActionKey; kind: 'action'; label: string };

/**
 * The editor's rows for the current draft, in order. Rows that mean nothing
 * for the draft are left out: seeker context for a pure supporter, trait
 * sliders for a baseline (it carries no traits), the scorer when none is wired.
 */
export function fieldsFor(draft: Draft, canScore: boolean): FieldSpec[] {
  const fields: FieldSpec[] = [
    { key: 'name', kind: 'text', label: 'name' },
    { key: 'id', kind: 'text', label: 'id' },
    { key: 'role', kind: 'choice', label: 'role', options: ROLES },
  ];
  if (draft.role !== 'seeker') fields.push({ key: 'baseline', kind: 'toggle', label: 'baseline (no persona)' });
  fields.push(
    { key: 'age_band', kind: 'choice', label: 'age band', options: ['', ...AGE_BANDS] },
    { key: 'gender', kind: 'text', label: 'gender' },
    { key: 'occupation', kind: 'text', label: 'occupation' },
    { key: 'description', kind: 'text', label: 'description' },
  );
  if (hasSeekerFields(draft.role)) {
    fields.push(
      { key: 'emotion_type', kind: 'text', label: 'emotion type', suggestions: EMOTION_TYPES },
      { key: 'problem_type', kind: 'text', label: 'problem type', suggestions: PROBLEM_TYPES },
      { key: 'situation', kind: 'text', label: 'situation' },
      { key: 'initial_intensity', kind: 'intensity', label: 'initial intensity' },
    );
  }
  if (!draft.baseline) {
    for (const k of HEXACO_KEYS) fields.push({ key: `hexaco.${k}`, kind: 'trait', label: `${k} ${HEXACO_SHORT[k]}`, group: 'hexaco', dim: k });
    for (const k of CSI_KEYS) fields.push({ key: `csi.${k}`, kind: 'trait', label: `csi ${CSI_SHORT[k]}`, group: 'csi', dim: k });
  }
  fields.push({ key: 'notes', kind: 'text', label: 'notes' });
  fields.push({ key: 'save', kind: 'action', label: 'Save' });
  if (canScore && !draft.baseline) fields.push({ key: 'score', kind: 'action', label: 'Score traits from the description' });
  fields.push({ key: 'cancel', kind: 'action', label: 'Cancel' });
  return fields;
}
