import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { findPackageDirectory, logtoProvidedPackages } from './host-dependencies.js';

/** A directory shaped like a Logto checkout/image, as far as connectors can tell. */
export type LogtoHost = {
  root: string;
  /** `<root>/packages/core`, the directory Logto core runs from. */
  coreDirectory: string;
  /** `<root>/packages/core/connectors`, where `logto connector add` extracts tarballs. */
  connectorsDirectory: string;
  /** `<root>/packages/core/node_modules`, holding only Logto's own runtime dependencies. */
  nodeModulesDirectory: string;
  /** Where each provided package points (real paths). */
  provided: Record<string, string>;
  /** Removes the whole directory. */
  dispose: () => Promise<void>;
};

/**
 * Ancestors of `directory` that hold a `node_modules`. Node would fall back to them when a connector
 * imports something core does not provide, which would hide a missing bundle.
 */
export const leakyAncestors = (directory: string): string[] => {
  const found: string[] = [];
  let current = path.dirname(directory);
  for (;;) {
    if (existsSync(path.join(current, 'node_modules'))) {
      found.push(path.join(current, 'node_modules'));
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return found;
    }
    current = parent;
  }
};

/**
 * Creates a Logto-shaped directory. By default under the OS temp directory, never inside this
 * repository: there Node would resolve the repository's `node_modules` and a connector that forgot
 * to bundle a dependency would still load. Its `node_modules` holds only Logto's packages
 * (`logtoProvidedPackages`), linked to this installation's copies.
 *
 * @param rootDirectory where to create it. @default a fresh directory under `os.tmpdir()`
 * @returns the host; call `dispose()` to delete it.
 * @throws Error when an ancestor of the root has a `node_modules` (it would hide a missing bundle),
 * or a Logto package cannot be found next to this CLI.
 */
export const createLogtoHost = async (rootDirectory?: string): Promise<LogtoHost> => {
  const root = rootDirectory ?? (await mkdtemp(path.join(os.tmpdir(), 'logto-host-')));
  const leaks = leakyAncestors(root);
  if (leaks.length > 0) {
    throw new Error(
      `Refusing to create a Logto host at ${root}: ${leaks.join(', ')} would let connectors resolve packages Logto does not provide. Set TMPDIR to a directory with no node_modules above it.`
    );
  }
  const coreDirectory = path.join(root, 'packages', 'core');
  const connectorsDirectory = path.join(coreDirectory, 'connectors');
  const nodeModulesDirectory = path.join(coreDirectory, 'node_modules');
  await mkdir(connectorsDirectory, { recursive: true });

  const provided: Record<string, string> = Object.fromEntries(
    await Promise.all(
      logtoProvidedPackages.map(async (name) => {
        const target = findPackageDirectory(name);
        const link = path.join(nodeModulesDirectory, name);
        await mkdir(path.dirname(link), { recursive: true });
        // 'dir' matters only on Windows, where it makes a directory symlink instead of a file one.
        await symlink(target, link, 'dir');
        return [name, target] as const;
      })
    )
  );

  return {
    root,
    coreDirectory,
    connectorsDirectory,
    nodeModulesDirectory,
    provided,
    dispose: async () => rm(root, { recursive: true, force: true }),
  };
};
