/**
 * A fresh clone installs and tests quietly: no approve-builds box for the test-only dependency
 * with an install script, no update banners, and the CI log ends with the plain count.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// @ts-expect-error -- a plain .mjs script without types
import { summarize } from '../../scripts/test-summary.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('fresh-install noise', () => {
  it('the test-only dependency with an install script is listed as ignored, so pnpm does not ask to approve it', () => {
    expect(read('pnpm-workspace.yaml')).toMatch(
      /ignoredBuiltDependencies:\n\s+- '@alicloud\/openapi-core'/
    );
  });

  it('npm and pnpm update banners are off in the project settings', () => {
    expect(read('.npmrc')).toMatch(/^update-notifier=false$/m);
  });
});

/** A vitest JSON report of 1300 passed tests and `skipped` skipped ones. */
const report = (skipped: number) => ({
  numPassedTests: 1300,
  numFailedTests: 0,
  numPendingTests: skipped,
  numTodoTests: 0,
  testResults: [
    {
      name: path.join(root, 'packages/sandbox/test/inbox-page.test.ts'),
      assertionResults: Array.from({ length: skipped }, () => ({ status: 'skipped' })),
    },
  ],
});

describe('the test run ends with the plain count', () => {
  it('the last line is "N passed, N failed" alone, the skip reason just above it', () => {
    const lines = summarize(report(5), root);
    expect(lines.at(-1)).toBe('1300 passed, 0 failed');
    expect(lines[0]).toMatch(/^5 skipped: packages\/sandbox\/test\/inbox-page\.test\.ts \(5/);
    expect(summarize(report(0), root)).toEqual(['1300 passed, 0 failed']);
  });

  it('CI prints the summary last', () => {
    const lines = read('.ci/run').trim().split('\n');
    expect(lines.at(-1)).toBe('node scripts/test-summary.mjs .tmp/vitest-report.json');
  });
});
