import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // 2-core machines: one worker keeps timings and memory predictable.
    pool: 'forks',
    maxWorkers: 2,
  },
});
