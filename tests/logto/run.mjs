#!/usr/bin/env node
/**
 * `pnpm test:logto`: every connector of this repository inside a real Logto core, against
 * PostgreSQL and the emulator, all on 127.0.0.1. See tests/logto/README.md.
 *
 * Usage: node tests/logto/run.mjs [--source <logto.tgz | logto checkout>] [-- <vitest args>]
 * Environment: LOGTO_SOURCE (same as --source), CI (a missing source is then an error).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureCoreBuild } from './harness/core-build.mjs';
import {
  prepareCoreDirectory,
  readManagementSecret,
  seedDatabase,
  startLogto,
} from './harness/logto-core.mjs';
import { startPostgres } from './harness/postgres.mjs';
import {
  cleanUp,
  cleanUpOnSignals,
  onCleanUp,
  removeAtCleanUp,
  runToEnd,
  wasInterrupted,
} from './harness/processes.mjs';
import { resolveSource, sourceKey } from './harness/source.mjs';
import { ensureTools } from './harness/tools.mjs';

const started = Date.now();
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const cacheRoot = path.join(repoRoot, '.cache', 'logto-e2e');
const isCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (line) => console.log(`[test:logto ${seconds(started)}] ${line}`);

const howToGetASource = `No Logto source given, and no fixture at ${path.resolve(repoRoot, '..', 'shared', 'fixtures', 'logto')}.
Point the suite at one of:
  - a Logto checkout:  git clone https://github.com/logto-io/logto && LOGTO_SOURCE=$PWD/logto pnpm test:logto
  - a source tarball laid out like the fixture (LICENSE, tsup.shared.config.ts, packages/core):
      LOGTO_SOURCE=/path/to/logto-core.tgz pnpm test:logto   (or: pnpm test:logto --source /path/to/logto-core.tgz)`;

const vitestArgs = () => {
  const separator = process.argv.indexOf('--');
  return separator >= 0 ? process.argv.slice(separator + 1) : [];
};

/** Node 22 for Logto (it declares ^22.14); npx keeps the download in its cache. */
const node22 = async (logFile) => {
  if (Number(process.versions.node.split('.')[0]) >= 22) {
    return process.execPath;
  }
  const output = await runToEnd({
    name: 'npx node@22',
    command: 'npx',
    args: ['-y', 'node@22', '-e', "console.log('NODE=' + process.execPath)"],
    logFile,
  });
  const match = /NODE=(\S+)/.exec(output);
  if (!match) {
    throw new Error('npx node@22 did not report its binary');
  }
  return match[1];
};

const connectorPackageDirectories = () =>
  readdirSync(path.join(repoRoot, 'packages'))
    .filter(
      (name) =>
        name.startsWith('connector-') &&
        existsSync(path.join(repoRoot, 'packages', name, 'src', 'index.ts'))
    )
    .sort()
    .map((name) => path.join(repoRoot, 'packages', name));

/** Runs vitest on this suite's own config; resolves with its exit code. Killed at clean-up. */
const runCases = (environment, reportFile) =>
  new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        path.join(here, 'vitest.config.ts'),
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${reportFile}`,
        ...vitestArgs(),
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, LOGTO_E2E: JSON.stringify(environment) },
        stdio: 'inherit',
        detached: true,
      }
    );
    onCleanUp(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone
        }
      }
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const main = async () => {
  const source = resolveSource(process.argv, process.env, repoRoot);
  if (!source) {
    if (isCi) {
      console.error(`${howToGetASource}\nCI=true: the Logto suite must not be skipped.`);
      return 1;
    }
    console.log(`${howToGetASource}\nSkipping the Logto suite (outside CI this is not a failure).`);
    return 0;
  }
  log(`Logto source: ${source.path} (${source.kind}, from ${source.origin})`);
  cleanUpOnSignals(() => console.log(`test:logto: interrupted after ${seconds(started)}`));

  const runDirectory = await mkdtemp(path.join(os.tmpdir(), 'logto-e2e-'));
  // PostgreSQL runs as another user under root and must be able to enter the run directory.
  await chmod(runDirectory, 0o755);
  removeAtCleanUp(runDirectory);
  const logs = {
    setup: path.join(runDirectory, 'setup.log'),
    postgres: path.join(runDirectory, 'postgres.log'),
    logto: path.join(runDirectory, 'logto.log'),
  };

  log('building the workspace packages (connectors, sandbox, cli)');
  await runToEnd({
    name: 'build',
    command: process.execPath,
    args: [path.join(repoRoot, 'scripts', 'build.mjs')],
    cwd: repoRoot,
    logFile: logs.setup,
  });
  // The CLI's Logto-host helpers: the same pack + extract as `logto connector add`.
  const { installTarball, leakyAncestors, packConnector } = await import(
    path.join(repoRoot, 'packages', 'cli', 'lib', 'index.js')
  );
  const leaks = leakyAncestors(runDirectory);
  if (leaks.length > 0) {
    throw new Error(
      `${leaks.join(', ')} above ${runDirectory} would let connectors resolve packages Logto does not provide; set TMPDIR elsewhere`
    );
  }

  const key = await sourceKey(source, [
    path.join(here, 'harness', 'derive-core.mjs'),
    path.join(here, 'core', 'package-lock.json'),
  ]);
  const preparing = Date.now();
  const [node, tools, core] = await Promise.all([
    node22(logs.setup),
    ensureTools({ toolsSource: path.join(here, 'tools'), cacheRoot, logFile: logs.setup }),
    ensureCoreBuild({
      source,
      key,
      cacheRoot,
      lockfile: path.join(here, 'core', 'package-lock.json'),
      logFile: logs.setup,
      log,
    }),
  ]);
  log(
    `Logto core ${core.cached ? 'from the cache' : 'built'} (${seconds(preparing)}), Node ${node === process.execPath ? process.version : '22 via npx'}`
  );

  const database = await startPostgres({
    native: tools.postgresNative,
    runDirectory,
    logFile: logs.postgres,
  });
  const databaseUrl = database.url('logto');
  log(`PostgreSQL on 127.0.0.1:${database.port}; seeding with @logto/cli 1.43.0`);

  const host = await prepareCoreDirectory({ cachedCore: core.coreDirectory, runDirectory });
  const tarballs = path.join(runDirectory, 'tarballs');
  await mkdir(tarballs);
  const [, installed] = await Promise.all([
    seedDatabase({ node, coreDirectory: host.coreDirectory, databaseUrl, logFile: logs.setup }),
    Promise.all(
      connectorPackageDirectories().map(async (directory) => {
        // What `logto connector add` does: the published tarball, extracted, no dependencies installed.
        const packed = await packConnector(directory, tarballs);
        const connector = await installTarball(
          { connectorsDirectory: host.connectorsDirectory },
          packed.tarball
        );
        return { ...connector, packageDirectory: path.basename(directory) };
      })
    ),
  ]);
  const managementSecret = await readManagementSecret({
    node,
    coreDirectory: host.coreDirectory,
    databaseUrl,
    logFile: logs.setup,
  });
  log(`installed ${installed.map((item) => item.name).join(', ')}`);

  const logto = await startLogto({
    node,
    coreDirectory: host.coreDirectory,
    databaseUrl,
    logFile: logs.logto,
    readLog: () => readFile(logs.logto, 'utf8').catch(() => ''),
  });
  log(`Logto core on ${logto.endpoint} (admin ${logto.adminEndpoint})`);

  const reportFile = path.join(runDirectory, 'report.json');
  const exitCode = await runCases(
    {
      ...logto,
      managementSecret,
      databasePassword: database.password,
      logtoLog: logs.logto,
      connectors: installed.map(({ name, packageDirectory }) => ({ name, packageDirectory })),
    },
    reportFile
  );
  const report = JSON.parse(await readFile(reportFile, 'utf8').catch(() => '{}'));
  if (typeof report.numPassedTests === 'number') {
    summary = `logto: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`;
  }
  if (exitCode !== 0 && !wasInterrupted()) {
    const tail = (await readFile(logs.logto, 'utf8').catch(() => ''))
      .split('\n')
      .slice(-40)
      .join('\n');
    console.error(`\nLogto core's log (last 40 lines):\n${tail}`);
  }
  return exitCode;
};

/** The plain closing line CI reads ("N passed, N failed"), once vitest has reported. */
let summary;
let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`test:logto failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await cleanUp();
  console.log(`test:logto: total time ${seconds(started)}, exit ${exitCode}`);
  if (summary) {
    console.log(summary);
  }
}
process.exit(exitCode);
