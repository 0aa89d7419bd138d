import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { UsageError } from './usage-error.js';

/** Short names for the connectors of this repository. */
export const workspaceConnectors = {
  aliyun: 'connector-aliyun-sms',
  'aliyun-mas': 'connector-aliyun-mas',
  yunpian: 'connector-yunpian-sms',
  tencent: 'connector-tencent-sms',
} as const;

export type WorkspaceConnector = keyof typeof workspaceConnectors;

// This file sits one level below the package root both as source (src/) and once bundled (lib/),
// so the sibling packages are two levels up either way.
const packagesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const workspacePackageDirectory = (name: WorkspaceConnector): string =>
  path.join(packagesDirectory, workspaceConnectors[name]);

export type ConnectorSource =
  { kind: 'directory'; path: string } | { kind: 'tarball'; path: string };

const isWorkspaceName = (value: string): value is WorkspaceConnector =>
  Object.hasOwn(workspaceConnectors, value);

/**
 * `aliyun` / `aliyun-mas` / `yunpian` / `tencent` → this repository's built package; a directory → a connector package
 * (built, with lib/index.js); a `.tgz` → an npm tarball as `npm pack` makes it.
 *
 * @param command the CLI command, named in a usage error.
 * @throws UsageError for anything else, or a package that is not built.
 */
export const resolveConnectorSource = (command: string, target: string): ConnectorSource => {
  if (isWorkspaceName(target)) {
    const directory = workspacePackageDirectory(target);
    if (!existsSync(path.join(directory, 'package.json'))) {
      throw new UsageError(
        `"${target}" names this repository's ${workspaceConnectors[target]} package, which is not next to this CLI (${directory}). Pass the connector's package directory or .tgz instead.`,
        command
      );
    }
    requireBuilt(command, directory);
    return { kind: 'directory', path: directory };
  }
  const resolved = path.resolve(target);
  if (!existsSync(resolved)) {
    throw new UsageError(
      `"${target}" is neither ${Object.keys(workspaceConnectors).join(', ')}, a package directory nor a .tgz file.`,
      command
    );
  }
  if (statSync(resolved).isDirectory()) {
    if (!existsSync(path.join(resolved, 'package.json'))) {
      throw new UsageError(
        `${resolved} has no package.json; pass a connector package directory.`,
        command
      );
    }
    requireBuilt(command, resolved);
    return { kind: 'directory', path: resolved };
  }
  if (!/\.(?:tgz|tar\.gz)$/.test(resolved)) {
    throw new UsageError(`${resolved} is a file but not a .tgz tarball.`, command);
  }
  return { kind: 'tarball', path: resolved };
};

// Logto imports lib/index.js and nothing else; packing an unbuilt package would only fail later.
const requireBuilt = (command: string, directory: string) => {
  if (!existsSync(path.join(directory, 'lib', 'index.js'))) {
    throw new UsageError(
      `${directory} is not built (no lib/index.js). Run "pnpm build" first.`,
      command
    );
  }
};
