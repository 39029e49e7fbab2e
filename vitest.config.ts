import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md): unit tests beside the code; e2e tests against real processes, a real
// Postgres and Redis; browser journeys in Debian's Chromium. `pnpm test` runs all of them.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['apps/*/src/**/*.spec.{ts,tsx}', 'packages/*/src/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 1 },
          include: ['apps/*/test/e2e/**/*.e2e-spec.ts'],
          globalSetup: ['./scripts/test-preflight.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 2 },
          include: ['apps/web/test/**/*.browser-spec.ts'],
          globalSetup: ['./scripts/test-preflight.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
