// Before a run: the builds it needs exist, and every connector is packed and extracted into a
// Logto-like folder (harness/host.mjs), once with the real got and once with the in-memory stub.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { connectorByProvider, connectors } from './connectors.mjs';
import { createLogtoHost, installTarball, packPackage } from './harness/host.mjs';
import { benchDirectory, repositoryRoot } from './plan.mjs';

/** @throws Error naming the missing files and the command that builds them. */
export const assertBuilt = (options) => {
  const missing = [
    ...connectors.map(({ provider }) => path.join(options.ours[provider], 'lib', 'index.js')),
    ...connectors.map(({ provider }) => path.join(options.official[provider], 'package.json')),
    path.join(repositoryRoot, 'packages', 'sandbox', 'lib', 'index.js'),
  ].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Missing ${missing.join(', ')}: run \`pnpm bench\` (it builds first) or \`pnpm install && pnpm build\`.`
    );
  }
};

const sizeOf = (packed) => ({
  name: packed.name,
  version: packed.version,
  tarballBytes: packed.size,
  unpackedBytes: packed.unpackedSize,
  files: packed.entryCount,
});

/**
 * @returns { host, installed, installedStubbed, sizes }: `installed*` and `sizes` keyed by
 * `<implementation>/<provider>`; `installed*[key]` = { name, directory, entry }.
 */
export const packAndInstall = async (options, temporary) => {
  const tarballs = path.join(temporary, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const host = await createLogtoHost(path.join(temporary, 'logto'), repositoryRoot);
  // A second install whose got is the in-memory stub, for the connector-CPU rows.
  const stubbedHost = await createLogtoHost(
    path.join(temporary, 'logto-stubbed-got'),
    repositoryRoot,
    {
      got: path.join(benchDirectory, 'harness', 'got-stub'),
    }
  );
  const installed = {};
  const installedStubbed = {};
  const sizes = {};
  for (const implementation of ['ours', 'official']) {
    for (const [provider, directory] of Object.entries(options[implementation])) {
      const key = `${implementation}/${provider}`;
      const packed = packPackage(directory, tarballs);
      installed[key] = await installTarball(host, packed.tarball);
      installedStubbed[key] = await installTarball(stubbedHost, packed.tarball);
      if (implementation === 'official' && connectorByProvider[provider].officialNeedsLogtoShared) {
        // Packed for its size; sends run it where pnpm resolved @logto/shared (connectors.mjs).
        installed[key] = { ...installed[key], entry: path.join(directory, 'lib', 'index.js') };
      }
      sizes[key] = sizeOf(packed);
    }
  }
  return { host, installed, installedStubbed, sizes };
};
