import { expect } from 'vitest';

import { runCli, type CliRun } from './run-cli.js';

/**
 * The built CLI for one test file, keeping every run so that a last test can check that none
 * printed a canary secret.
 */
export const cliSession = () => {
  const runs: CliRun[] = [];
  const cli = async (args: string[]) => {
    const run = await runCli(args);
    runs.push(run);
    return run;
  };
  /** `send <args> --json`, which must succeed. */
  const sendJson = async (args: string[]) => {
    const run = await cli(['send', ...args, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    return run;
  };
  return { runs, cli, sendJson };
};
