import { defineConfig } from 'vitest/config';

import rootConfig from '../../vitest.config.js';

// Its own config: the main `vitest run` includes only *.test.ts, so these *.logto.ts files run only
// through `pnpm test:logto` (tests/logto/run.mjs), which starts Logto first. Aliases come from the
// root config so workspace packages resolve the same way.
export default defineConfig({
  resolve: rootConfig.resolve,
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/logto/**/*.logto.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One Logto, one sign-in experience, one SMS connector at a time: cases run in order.
    fileParallelism: false,
    pool: 'forks',
    maxWorkers: 1,
    reporters: ['default'],
  },
});
