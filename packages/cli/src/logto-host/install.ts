import { readFile, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';

import { isRecord } from '../unknown-values.js';

import { run } from './exec.js';
import type { LogtoHost } from './host.js';

export type InstalledConnector = { name: string; version: string; directory: string };

/**
 * Extracts a connector tarball into `connectors/<dir>` and installs NO dependencies, which is all
 * `logto connector add` does. The directory is named like Logto names it: the package name with
 * `/` replaced by `-`, unless `directoryName` says otherwise (tests install broken copies).
 *
 * @returns the package name and version from the extracted package.json, and where it went.
 * @throws Error when tar fails or the tarball has no package name; nothing is left behind then.
 */
export const installTarball = async (
  host: LogtoHost,
  tarball: string,
  directoryName?: string
): Promise<InstalledConnector> => {
  // Extract into a dot-directory first: the final name depends on package.json inside the tarball.
  const staging = await mkdtemp(path.join(host.connectorsDirectory, '.staging-'));
  try {
    await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
    const parsed: unknown = JSON.parse(await readFile(path.join(staging, 'package.json'), 'utf8'));
    const manifest = isRecord(parsed) ? parsed : {};
    if (typeof manifest.name !== 'string') {
      throw new TypeError(`${tarball} has no package name`);
    }
    const directory = path.join(
      host.connectorsDirectory,
      directoryName ?? manifest.name.replaceAll('/', '-')
    );
    await rm(directory, { recursive: true, force: true });
    await rename(staging, directory);
    return { name: manifest.name, version: String(manifest.version), directory };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
};
