// Prints the test run's closing lines from vitest's JSON report: why tests were skipped (if any),
// then the plain count alone on the last line, e.g. "1302 passed, 0 failed".
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Tests that skip themselves when the machine lacks something, and what it lacks.
const skipReasons = [
  {
    file: 'packages/sandbox/test/inbox-page.test.ts',
    reason: () =>
      existsSync('/usr/bin/chromium')
        ? undefined
        : '/usr/bin/chromium not found (apt-get install -y chromium)',
  },
];

export const summarize = (report, root = process.cwd()) => {
  const skippedByFile = new Map();
  for (const file of report.testResults ?? []) {
    const skipped = (file.assertionResults ?? []).filter(
      ({ status }) => status === 'skipped' || status === 'pending' || status === 'todo'
    ).length;
    if (skipped > 0) {
      skippedByFile.set(path.relative(root, file.name), skipped);
    }
  }
  const lines = [];
  const skippedTotal = report.numPendingTests + report.numTodoTests;
  if (skippedTotal > 0) {
    const parts = [...skippedByFile].map(([file, count]) => {
      const reason = skipReasons.find((entry) => entry.file === file)?.reason();
      return `${file} (${count}${reason ? `: ${reason}` : ''})`;
    });
    lines.push(`${skippedTotal} skipped: ${parts.join('; ') || 'see the report'}`);
  }
  lines.push(`${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  return lines;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? '.tmp/vitest-report.json';
  for (const line of summarize(JSON.parse(readFileSync(file, 'utf8')))) {
    console.log(line);
  }
}
