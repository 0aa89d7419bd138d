/**
 * Builds Logto core (npm install + tsup) once per source key under the cache directory. A build is
 * made in a staging directory and renamed into place only when complete, so an interrupted build
 * is never mistaken for a cached one.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { deriveCorePackage } from './derive-core.mjs';
import { removeAtCleanUp, runToEnd } from './processes.mjs';
import { checkoutFiles } from './source.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npmFlags = [
  '--no-audit',
  '--no-fund',
  '--ignore-scripts',
  '--engine-strict=false',
  '--loglevel=error',
];

/** Finds the directory holding `packages/core` inside an extracted tarball (one top folder, or none). */
const findLogtoRoot = async (directory) => {
  if (existsSync(path.join(directory, 'packages', 'core', 'package.json'))) {
    return directory;
  }
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (
      entry.isDirectory() &&
      existsSync(path.join(directory, entry.name, 'packages', 'core', 'package.json'))
    ) {
      return path.join(directory, entry.name);
    }
  }
  throw new Error('the Logto tarball has no packages/core/package.json');
};

const copySource = async (source, staging, logFile) => {
  if (source.kind === 'tarball') {
    await runToEnd({
      name: 'tar',
      command: 'tar',
      args: ['-xzf', source.path, '-C', staging],
      logFile,
    });
    return findLogtoRoot(staging);
  }
  const root = path.join(staging, 'logto');
  for (const file of await checkoutFiles(source.path)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await cp(path.join(source.path, file), path.join(root, file));
  }
  return root;
};

/** Core's `copy:apidocs` uses rsync, which a fresh machine may lack: the same copy in Node. */
const copyOpenApiFiles = async (coreDirectory) => {
  const routes = path.join(coreDirectory, 'src', 'routes');
  const entries = await readdir(routes, { recursive: true });
  for (const relative of entries.filter((entry) => entry.endsWith('.openapi.json'))) {
    const target = path.join(coreDirectory, 'build', 'routes', relative);
    await mkdir(path.dirname(target), { recursive: true });
    await cp(path.join(routes, relative), target);
  }
};

/**
 * Returns `<cache>/core-<key>/…/packages/core`, building it first if absent.
 *
 * @param {{ source: { path: string, kind: string }, key: string, cacheRoot: string, lockfile: string, logFile: string, log: (line: string) => void }} options
 * @returns {Promise<{ coreDirectory: string, cached: boolean }>}
 */
export const ensureCoreBuild = async ({ source, key, cacheRoot, lockfile, logFile, log }) => {
  const final = path.join(cacheRoot, `core-${key}`);
  const marker = path.join(final, 'ready.json');
  if (existsSync(marker)) {
    const { root } = JSON.parse(await readFile(marker, 'utf8'));
    return { coreDirectory: path.join(final, root, 'packages', 'core'), cached: true };
  }

  await mkdir(cacheRoot, { recursive: true });
  const staging = path.join(cacheRoot, `.staging-core-${key}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  // Ctrl-C mid-build exits before the finally below runs.
  removeAtCleanUp(staging);
  try {
    log(
      `building Logto core from ${source.path} (cache key ${key}; a cold build takes a few minutes)`
    );
    const logtoRoot = await copySource(source, staging, logFile);
    const coreDirectory = path.join(logtoRoot, 'packages', 'core');
    const original = JSON.parse(await readFile(path.join(coreDirectory, 'package.json'), 'utf8'));
    await writeFile(
      path.join(coreDirectory, 'package.json'),
      `${JSON.stringify(deriveCorePackage(original), null, 2)}\n`
    );
    await cp(lockfile, path.join(coreDirectory, 'package-lock.json'));

    try {
      await runToEnd({
        name: 'npm ci',
        command: npm,
        args: ['ci', ...npmFlags],
        cwd: coreDirectory,
        logFile,
      });
    } catch {
      // Another Logto version declares other dependencies than the committed lockfile: resolve
      // them afresh (not reproducible, but it is the operator's own Logto).
      log(
        'the committed lockfile does not match this Logto source; resolving its dependencies with npm install'
      );
      await runToEnd({
        name: 'npm install',
        command: npm,
        args: ['install', ...npmFlags],
        cwd: coreDirectory,
        logFile,
      });
    }
    // Tsup's config runs `pnpm run copy:apidocs` (rsync) on success; replaced by copyOpenApiFiles.
    await runToEnd({
      name: 'tsup',
      command: path.join(coreDirectory, 'node_modules', '.bin', 'tsup'),
      args: ['--onSuccess', 'node -e 0'],
      cwd: coreDirectory,
      logFile,
    });
    await copyOpenApiFiles(coreDirectory);
    await writeFile(
      path.join(staging, 'ready.json'),
      `${JSON.stringify({ root: path.relative(staging, logtoRoot), source: source.path, builtAt: new Date().toISOString() }, null, 2)}\n`
    );

    // Older builds are 350 MB each; keep only this one.
    for (const entry of await readdir(cacheRoot)) {
      if (entry.startsWith('core-') && entry !== `core-${key}`) {
        await rm(path.join(cacheRoot, entry), { recursive: true, force: true });
      }
    }
    await rm(final, { recursive: true, force: true });
    await rename(staging, final);
    return {
      coreDirectory: path.join(final, path.relative(staging, logtoRoot), 'packages', 'core'),
      cached: false,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
};
