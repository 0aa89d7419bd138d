import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { isRecord } from '../unknown-values.js';

import type { InstalledConnector } from './install.js';

/**
 * Imports an installed connector's entry file (package.json `main`, as Logto's loader does) and
 * returns the module namespace, so a command can reach named exports Logto ignores.
 */
export const importConnectorModule = async (
  connector: InstalledConnector
): Promise<Record<string, unknown>> => {
  const manifest: unknown = JSON.parse(
    await readFile(path.join(connector.directory, 'package.json'), 'utf8')
  );
  const main = isRecord(manifest) && typeof manifest.main === 'string' ? manifest.main : 'index.js';
  const namespace: unknown = await import(pathToFileURL(path.join(connector.directory, main)).href);
  if (!isRecord(namespace)) {
    throw new Error(`${connector.name}: importing ${main} gave no module namespace.`);
  }
  return namespace;
};
