/**
 * A problem found in a persona file. `line` is 1-based; `field` is a dotted path
 * such as `hexaco.E`. Either may be missing when the problem is about the whole file.
 */
export interface PersonaError {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

/** `personas/x.yaml:12 hexaco.E: must be at most 5` — the shape editors and terminals can jump to. */
export function formatPersonaError(e: PersonaError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}`;
  return e.field ? `${where} ${e.field}: ${e.message}` : `${where} ${e.message}`;
}

/** Thrown by savePersona when the persona would not load back; carries the individual errors. */
export class PersonaValidationError extends Error {
  readonly errors: readonly PersonaError[];
  constructor(errors: readonly PersonaError[]) {
    super(`persona is not valid:\n${errors.map((e) => `  ${formatPersonaError(e)}`).join('\n')}`);
    this.name = 'PersonaValidationError';
    this.errors = errors;
  }
}
