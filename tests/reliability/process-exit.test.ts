/**
 * The strongest check that no socket, timer or request is left behind: a separate Node process
 * (tests/reliability/fixtures/faulted-batch.mjs) loads the BUILT connectors and emulator, runs a
 * batch of faulted sends, closes the emulator and never calls process.exit. It must exit on its own.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { ensureBuilt } from '../helpers/build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const library = (name: string) => `${root}packages/${name}/lib/index.js`;
const libs = [
  library('connector-aliyun-sms'),
  library('connector-yunpian-sms'),
  library('sandbox'),
];
const child = fileURLToPath(new URL('fixtures/faulted-batch.mjs', import.meta.url));

type Result = {
  variant: string;
  kind: string;
  to: string;
  budget: number;
  ok: boolean;
  code?: string;
  constructor?: string;
  ms: number;
};
type Report = {
  results: Result[];
  delivered: Record<string, number>;
  unhandled: string[];
  batchMs: number;
  closedAt: number;
};

/** After the emulator is closed, the process must be gone within this. */
const exitBudgetMs = 3000;

const expectedCode: Record<string, string> = {
  hang: 'general',
  drip: 'general',
  reset: 'general',
  refused: 'general',
  html502: 'general',
  delay: 'general',
  truncated: 'invalid_response',
  empty: 'invalid_response',
  'unknown-shape': 'invalid_response',
  huge: 'invalid_response',
};

const runChild = async () =>
  new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    exitedAt: number;
    killed: boolean;
  }>((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...libs.map((file) => pathToFileURL(file).href)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // Hard stop so a hanging child fails this test instead of the whole run; it is our own child.
    const guard = setTimeout(() => {
      killed = true;
      proc.kill('SIGKILL');
    }, 20_000);
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, exitedAt: Date.now(), killed });
    });
  });

describe('a process that ran faulted sends exits by itself', () => {
  beforeAll(async () => ensureBuilt(['connector-aliyun-sms', 'connector-yunpian-sms', 'sandbox']));

  it('built connectors + emulator: every fault is a ConnectorError, nothing delivered twice, exit without process.exit', async () => {
    const run = await runChild();
    expect(run.stderr).toBe('');
    expect(run.killed).toBe(false);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Report;

    expect(report.unhandled).toEqual([]);
    expect(report.results).toHaveLength(3 * Object.keys(expectedCode).length);
    for (const result of report.results) {
      expect(result, `${result.variant} ${result.kind}`).toMatchObject({
        ok: false,
        constructor: 'ConnectorError',
        code: expectedCode[result.kind],
      });
      expect(result.ms, `${result.variant} ${result.kind}`).toBeLessThanOrEqual(
        result.budget + 1000
      );
      const delivered = report.delivered[result.to] ?? 0;
      // At most one message per send; only the delayed request may still land (after the client gave up).
      expect(delivered, `${result.variant} ${result.kind}`).toBeLessThanOrEqual(
        result.kind === 'delay' ? 1 : 0
      );
    }
    expect(run.exitedAt - report.closedAt).toBeLessThan(exitBudgetMs);
  }, 30_000);
});
