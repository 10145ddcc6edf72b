import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { takesOnlyThrottle } from '../src/leanImports.js';

describe("Ink's import from es-toolkit", () => {
  it('is redirected only when a file asks the compat entry for throttle alone', () => {
    expect(takesOnlyThrottle("import { throttle } from 'es-toolkit/compat';\nimport x from 'y';")).toBe(true);
    expect(takesOnlyThrottle('import {throttle} from "es-toolkit/compat"')).toBe(true);
    expect(takesOnlyThrottle("import { throttle, debounce } from 'es-toolkit/compat';")).toBe(false);
    expect(takesOnlyThrottle("import { throttle } from 'es-toolkit/compat';\nimport { debounce } from 'es-toolkit/compat';")).toBe(false);
    expect(takesOnlyThrottle("import * as toolkit from 'es-toolkit/compat';")).toBe(false);
    expect(takesOnlyThrottle("import { throttle } from 'es-toolkit';")).toBe(false);
  });

  it("matches the Ink installed here, and the module it is sent to has Ink's function", async () => {
    const inkFile = fileURLToPath(new URL('./ink.js', import.meta.resolve('ink')));
    expect(takesOnlyThrottle(readFileSync(inkFile, 'utf8'))).toBe(true);
    const entry = import.meta.resolve('es-toolkit/compat');
    const whole = (await import(entry)) as { throttle: unknown };
    const one = (await import(new URL('./function/throttle.mjs', entry).href)) as { throttle: unknown };
    expect(one.throttle).toBe(whole.throttle);
  });
});
