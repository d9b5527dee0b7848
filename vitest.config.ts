import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['relay-core/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
