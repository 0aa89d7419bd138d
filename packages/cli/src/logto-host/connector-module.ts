import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { InstalledConnector } from './install.js';

/**
 * Imports an installed connector's entry file (package.json `main`, as Logto's loader does) and
 * returns the module namespace, so a command can reach named exports Logto ignores.
 */
export const importConnectorModule = async (
  connector: InstalledConnector
): Promise<Record<string, unknown>> => {
  const manifest = JSON.parse(
    await readFile(path.join(connector.directory, 'package.json'), 'utf8')
  ) as { main?: unknown };
  const main = typeof manifest.main === 'string' ? manifest.main : 'index.js';
  return (await import(pathToFileURL(path.join(connector.directory, main)).href)) as Record<
    string,
    unknown
  >;
};
