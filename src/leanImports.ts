import { readFileSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Ink takes one function, `throttle`, from es-toolkit's `compat` entry, which
 * loads all of that library's ~400 modules: about 70 ms of CPU and 50 ms before
 * the first frame, on every start of the terminal app. The very function is
 * es-toolkit's own module `dist/compat/function/throttle.mjs` (the entry
 * re-exports it), so Ink's import is resolved to that module instead.
 *
 * Only an import that asks for `throttle` alone is redirected: the importing
 * file is read and checked first, so an Ink that takes more from the entry
 * gets the whole entry, as before. Node 22 before 22.15 has no
 * `module.registerHooks`, and there nothing changes.
 */
const ENTRY = 'es-toolkit/compat';
const THROTTLE_ONLY = /import\s*\{\s*throttle\s*\}\s*from\s*['"]es-toolkit\/compat['"]/g;
const ANY_IMPORT = /from\s*['"]es-toolkit\/compat['"]/g;

/** Whether every import of the entry in `source` asks for `throttle` and nothing else. */
export function takesOnlyThrottle(source: string): boolean {
  const all = source.match(ANY_IMPORT)?.length ?? 0;
  return all > 0 && (source.match(THROTTLE_ONLY)?.length ?? 0) === all;
}

export function leanInkImports(): void {
  if (typeof module.registerHooks !== 'function') return;
  const checked = new Map<string, boolean>();
  const onlyThrottle = (parentURL: string): boolean => {
    let ok = checked.get(parentURL);
    if (ok === undefined) {
      try {
        ok = takesOnlyThrottle(readFileSync(fileURLToPath(parentURL), 'utf8'));
      } catch {
        ok = false;
      }
      checked.set(parentURL, ok);
    }
    return ok;
  };
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (specifier !== ENTRY || !parent?.includes('/node_modules/ink/') || !onlyThrottle(parent)) return nextResolve(specifier, context);
      const entry = nextResolve(specifier, context);
      return { ...entry, url: new URL('./function/throttle.mjs', entry.url).href, shortCircuit: true };
    },
  });
}
