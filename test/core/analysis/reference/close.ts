import { expect } from 'vitest';

/**
 * Compares with a reference value to a relative tolerance (absolute near 0),
 * so tiny p-values are checked digit for digit rather than "close to 0".
 */
export function expectNear(actual: number, expected: number, relative = 1e-9, label?: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  const error = Math.abs(actual - expected);
  expect(error <= relative * scale || error <= 1e-15, `${label ?? 'value'}: ${actual} vs reference ${expected}`).toBe(true);
}
