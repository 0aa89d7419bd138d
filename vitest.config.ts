import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const internal = (name: string) =>
  fileURLToPath(new URL(`packages/${name}/src/index.ts`, import.meta.url));

// Workspace packages are imported by name and resolved to their TypeScript source, so unit tests
// never depend on a stale build; only the tests that load packed connectors read `lib/`.
export default defineConfig({
  resolve: {
    alias: {
      '@logto-sms/sms-core': internal('sms-core'),
      '@logto-sms/sandbox': internal('sandbox'),
      '@logto-sms/connector-aliyun-sms': internal('connector-aliyun-sms'),
      '@logto-sms/connector-yunpian-sms': internal('connector-yunpian-sms'),
      '@logto-sms/cli': internal('cli'),
    },
  },
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
