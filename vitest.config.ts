import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@trail/source'] },
  ssr: { resolve: { conditions: ['@trail/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'relay/src/**/*.test.ts',
      'cli/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
