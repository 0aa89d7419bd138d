import { packConnector } from '@logto-sms/cli';
import { execFile } from 'node:child_process';
import path from 'node:path';

import { connectorPackages, ensureBuilt, packageDirectory } from '../../../tests/helpers/build.js';

export const binPath = path.join(packageDirectory('cli'), 'lib', 'bin.js');

export type CliRun = { code: number; stdout: string; stderr: string };

/** Builds what the CLI needs (if stale) once per test file. */
export const prepareCli = async () => ensureBuilt(['cli', ...connectorPackages]);

/** Runs the BUILT `logto-sms` binary in a child process, as a user would, without a terminal. */
export const runCli = async (
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}
): Promise<CliRun> =>
  new Promise((resolve) => {
    const env = { ...process.env, ...options.env };
    delete env.FORCE_COLOR;
    execFile(
      process.execPath,
      [binPath, ...args],
      { timeout: options.timeoutMs ?? 60_000, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      }
    );
  });

/** Packs both workspace connectors into `directory` once, so tests can pass the .tgz and skip `npm pack` per run. */
export const packWorkspaceConnectors = async (
  directory: string
): Promise<{ aliyun: string; yunpian: string }> => {
  const packages = path.resolve(import.meta.dirname, '..', '..');
  const [aliyun, yunpian] = await Promise.all([
    packConnector(path.join(packages, 'connector-aliyun-sms'), directory),
    packConnector(path.join(packages, 'connector-yunpian-sms'), directory),
  ]);
  return { aliyun: aliyun.tarball, yunpian: yunpian.tarball };
};
