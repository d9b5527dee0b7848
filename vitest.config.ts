import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'relay-core/**/*.test.ts',
      'electron/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'renderer/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI also writes a JSON report, from which .ci/run prints its closing "N passed, N failed" line
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'artifacts/vitest-report.json' }]]
      : ['default'],
  },
});
