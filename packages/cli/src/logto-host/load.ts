import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { format } from 'node:util';

import type {
  AllConnector,
  ConnectorMetadata,
  ConnectorType,
  CreateConnector,
} from '@logto/connector-kit';
import type { ZodType } from 'zod';

import { isRecord } from '../unknown-values.js';

import type { LogtoHost } from './host.js';

/** What Logto's loader is given for each connector folder. */
export type ConnectorPackage = { name: string; path: string };

/** What Logto's loader returns per connector that loaded (logo/readme already resolved). */
export type LoadedConnectorFactory = {
  metadata: ConnectorMetadata;
  type: ConnectorType;
  configGuard: ZodType;
  createConnector: CreateConnector<AllConnector>;
  path: string;
};

export type CapturedLog = {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'warning';
  text: string;
};

export type LoadResult = {
  packages: ConnectorPackage[];
  factories: LoadedConnectorFactory[];
  /** Packages the loader skipped (their reason is in `logs`). */
  skipped: ConnectorPackage[];
  /** Everything the loader printed, plus process warnings emitted meanwhile. */
  logs: CapturedLog[];
};

type LoaderModule = {
  loadConnectorFactories: (
    packages: ConnectorPackage[],
    ignoreVersionMismatch: boolean
  ) => Promise<LoadedConnectorFactory[]>;
};

const isConnectorPackageName = (name: string): boolean =>
  name.startsWith('connector-') || Boolean(name.split('/')[1]?.startsWith('connector-'));

/**
 * The connector list exactly as Logto core builds it from `packages/core/connectors`: every entry
 * whose `package.json` names a `connector-*` (or `@scope/connector-*`) package.
 */
export const listConnectorPackages = async (host: LogtoHost): Promise<ConnectorPackage[]> => {
  const entries = await readdir(host.connectorsDirectory);
  const packages = await Promise.all(
    entries.map(async (entry) => {
      const directory = path.join(host.connectorsDirectory, entry);
      try {
        const manifest: unknown = JSON.parse(
          await readFile(path.join(directory, 'package.json'), 'utf8')
        );
        const name = isRecord(manifest) ? manifest.name : undefined;
        return typeof name === 'string' && isConnectorPackageName(name)
          ? { name, path: directory }
          : undefined;
      } catch {
        // Logto ignores folders without a package.json.
        return undefined;
      }
    })
  );
  return packages.filter((item): item is ConnectorPackage => item !== undefined);
};

const capturedMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

// ANSI colour codes chalk adds when the output is a terminal; assertions want plain text.
// eslint-disable-next-line no-control-regex -- ESC starts the colour codes being removed
const stripAnsi = (text: string): string => text.replaceAll(/\u001B\[[\d;]*m/g, '');

/** Runs `task` with console output and process warnings recorded instead of printed. */
const captureConsole = async <T>(
  task: () => Promise<T>
): Promise<{ value: T; logs: CapturedLog[] }> => {
  const logs: CapturedLog[] = [];
  const originals = capturedMethods.map((method) => [method, console[method]] as const);
  for (const method of capturedMethods) {
    console[method] = (...args: unknown[]) => {
      logs.push({ level: method, text: stripAnsi(format(...args)) });
    };
  }
  const onWarning = (warning: Error) => {
    logs.push({ level: 'warning', text: `${warning.name}: ${warning.message}` });
  };
  process.on('warning', onWarning);
  try {
    const value = await task();
    // Process warnings are emitted on the next tick; let them arrive before we stop listening.
    await new Promise((resolve) => {
      setImmediate(resolve);
    });
    return { value, logs };
  } finally {
    process.off('warning', onWarning);
    for (const [method, original] of originals) {
      console[method] = original;
    }
  }
};

/**
 * Loads every connector in the host through `@logto/cli`'s own `loadConnectorFactories`, with
 * version mismatches NOT ignored (Logto's default). The loader caches its result for the life of
 * the process, so this works once per process; a second call is refused rather than silently
 * returning the first host's connectors.
 *
 * @returns the connectors found, those loaded and skipped, and every line the loader printed.
 * @throws Error when the loader already ran in this process.
 */
export const loadLikeLogto = async (host: LogtoHost): Promise<LoadResult> => {
  const packages = await listConnectorPackages(host);
  // Imported lazily: @logto/cli pulls in a lot, and commands like --help should not pay for it.
  // eslint-disable-next-line no-restricted-syntax -- LoaderModule is the slice of the loader used here, typed with the CLI's own connector-kit rather than @logto/cli's copy
  const loader = (await import('@logto/cli/lib/connector/index.js')) as unknown as LoaderModule;
  const { value: factories, logs } = await captureConsole(async () =>
    loader.loadConnectorFactories(packages, false)
  );
  const foreign = factories.filter(
    (factory) => !factory.path.startsWith(host.connectorsDirectory + path.sep)
  );
  if (foreign.length > 0) {
    throw new Error(
      "@logto/cli's loader already ran in this process (it caches its result); load every connector in one call or use a fresh process."
    );
  }
  if (packages.length > 0 && factories.length === 0 && logs.length === 0) {
    // Nothing loaded and nothing said why: the loader answered from its cache of an empty list.
    throw new Error(
      "@logto/cli's loader returned a cached empty list; use a fresh process for each host."
    );
  }
  const loadedPaths = new Set(factories.map((factory) => factory.path));
  return {
    packages,
    factories,
    skipped: packages.filter((item) => !loadedPaths.has(item.path)),
    logs,
  };
};
