import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const packagesDirectory = fileURLToPath(new URL('packages/', import.meta.url));

// Every workspace package with a src/index.ts, by its @logto-sms/ name.
const internalAliases = Object.fromEntries(
  readdirSync(packagesDirectory, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(`${packagesDirectory}${entry.name}/src/index.ts`)
    )
    .map((entry) => [`@logto-sms/${entry.name}`, `${packagesDirectory}${entry.name}/src/index.ts`])
);

// Workspace packages are imported by name and resolved to their TypeScript source, so unit tests
// never depend on a stale build; only the tests that load packed connectors read `lib/`.
export default defineConfig({
  resolve: { alias: internalAliases },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/lib/**', 'tests/load/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The JSON report lets CI print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-report.json' },
    pool: 'forks',
    maxWorkers: 2,
  },
});
