import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: e2e tests spawn the built CLI in a PTY, keep parallelism modest.
    maxWorkers: 2,
  },
});
