// A Logto-like host, built the way `logto connector add` leaves one: tarballs made by `npm pack`,
// extracted into <root>/packages/core/connectors/<name>, and NO dependency installed. Resolution of
// bare imports then falls through to <root>/packages/core/node_modules, which holds only what Logto
// core itself provides to connectors: @logto/connector-kit, got, zod and @silverhand/essentials,
// symlinked to this repository's copies. The root is under the OS temp directory so no ancestor
// node_modules can hide a missing bundle.
//
// Deliberately self-contained (node: built-ins, npm and tar only) so the bench does not depend on
// the CLI package's build.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

// The one list of what Logto provides (shared with the build and the CLI's host).
export const logtoProvidedPackages = JSON.parse(
  readFileSync(
    new URL('../../packages/cli/src/logto-host/logto-provided-packages.json', import.meta.url),
    'utf8'
  )
).packages;

/** `npm pack` a package directory (lifecycle scripts skipped) and report what npm reports. */
export const packPackage = (packageDirectory, destination) => {
  const stdout = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    {
      cwd: packageDirectory,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }
  );
  const [entry] = JSON.parse(stdout);
  return {
    name: entry.name,
    version: entry.version,
    tarball: path.join(destination, entry.filename),
    size: entry.size,
    unpackedSize: entry.unpackedSize,
    entryCount: entry.entryCount,
  };
};

const hasLeakyAncestor = (directory) => {
  for (let current = path.dirname(directory); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'node_modules'))) {
      return path.join(current, 'node_modules');
    }
    if (path.dirname(current) === current) {
      return undefined;
    }
  }
};

/** `overrides` maps a provided package name to another directory (the bench's got stub). */
export const createLogtoHost = async (root, repositoryRoot, overrides = {}) => {
  const leak = hasLeakyAncestor(root);
  if (leak) {
    throw new Error(
      `Refusing to build the Logto host in ${root}: ${leak} would be visible to connectors`
    );
  }
  const coreDirectory = path.join(root, 'packages', 'core');
  const connectorsDirectory = path.join(coreDirectory, 'connectors');
  const nodeModules = path.join(coreDirectory, 'node_modules');
  await mkdir(connectorsDirectory, { recursive: true });
  for (const name of logtoProvidedPackages) {
    const target = overrides[name] ?? realpathSync(path.join(repositoryRoot, 'node_modules', name));
    const link = path.join(nodeModules, name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link, 'dir');
  }
  return { root, coreDirectory, connectorsDirectory, nodeModules };
};

/** What `logto connector add` does with a tarball: extract it, install nothing. */
export const installTarball = async (host, tarball) => {
  const staging = await mkdtemp(path.join(host.connectorsDirectory, '.staging-'));
  execFileSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
  const { name } = JSON.parse(readFileSync(path.join(staging, 'package.json'), 'utf8'));
  const directory = path.join(host.connectorsDirectory, name.replaceAll('/', '-'));
  await rm(directory, { recursive: true, force: true });
  await rename(staging, directory);
  return { name, directory, entry: path.join(directory, 'lib', 'index.js') };
};
