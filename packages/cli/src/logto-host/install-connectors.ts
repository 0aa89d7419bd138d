import path from 'node:path';

import type { LogtoHost } from './host.js';
import { installTarball, type InstalledConnector } from './install.js';
import type { LoadedConnectorFactory, LoadResult } from './load.js';
import { packConnector, type PackedConnector } from './pack.js';

export type ConnectorSourceSpec = { kind: 'directory' | 'tarball'; path: string };

export type HostedConnector = InstalledConnector & { packed?: PackedConnector };

/**
 * What `logto connector add` does for one connector, starting from a package directory
 * (`npm pack`, then extract) or from a tarball (extract only).
 *
 * @throws Error from `packConnector` or `installTarball`.
 */
export const addConnectorToHost = async (
  host: LogtoHost,
  source: ConnectorSourceSpec
): Promise<HostedConnector> => {
  if (source.kind === 'tarball') {
    return installTarball(host, source.path);
  }
  const packed = await packConnector(source.path, path.join(host.root, 'tarballs'));
  return { ...(await installTarball(host, packed.tarball)), packed };
};

/** The factory Logto's loader produced for an installed connector; `undefined` when the loader skipped it (the reason is in `result.logs`). */
export const factoryFor = (
  result: LoadResult,
  connector: InstalledConnector
): LoadedConnectorFactory | undefined =>
  result.factories.find(
    (factory) => path.resolve(factory.path) === path.resolve(connector.directory)
  );
