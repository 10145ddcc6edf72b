/**
 * The full reader of a persona file: the `yaml` package's document, which knows the
 * line of every key, so each problem (a syntax error, a wrong value, an id used
 * twice) is reported with its file:line. load.ts reads well-formed files without it.
 */
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { PersonaError } from './errors.js';
import { issuesToErrors } from './issues.js';
import { lineOfField } from './locate.js';
import { stripControlsDeep } from '../sanitize.js';
import { PersonaSchema, type Persona } from './schema.js';

/** Cascading YAML syntax errors after the first few only add noise. */
const MAX_SYNTAX_ERRORS = 3;

export interface ParsedPersona {
  persona?: Persona;
  errors: PersonaError[];
  /** Line of the `id:` key, so a duplicate-id error can point at it. */
  idLine?: number;
}

/** Parses and validates one persona from YAML text; `file` is only used to label errors. */
export function parsePersonaYaml(text: string, file: string): ParsedPersona {
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  if (doc.contents === null) return { errors: [{ file, message: 'file is empty (expected id:, role:, name: … fields)' }] };
  if (!isMap(doc.contents)) {
    return { errors: [{ file, line: lineOfField(doc, counter, []), message: 'must be a mapping of fields (id:, role:, name: …), not a single value or list' }] };
  }

  let data: unknown;
  try {
    data = stripControlsDeep(doc.toJS({ maxAliasCount: 50 }));
  } catch (err) {
    return { errors: [{ file, message: `cannot read YAML: ${(err as Error).message}` }] };
  }
  const idLine = lineOfField(doc, counter, ['id']);
  const result = PersonaSchema.safeParse(data);
  if (!result.success) return { errors: issuesToErrors(result.error.issues, { file, data, doc, counter }), idLine };
  return { persona: result.data, errors: [], idLine };
}
