import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The packages a Logto instance (1.43) resolves for a connector at run time: core's own
 * dependencies. `logto connector add` installs nothing else, so a connector that needs anything
 * more must bundle it. Keep in sync with @logto/core's package.json dependencies.
 */
export const logtoProvidedPackages = ['@logto/connector-kit', 'got', 'zod', '@silverhand/essentials'] as const;

export type LogtoProvidedPackage = (typeof logtoProvidedPackages)[number];

const moduleDirectory = path.dirname(fileURLToPath(import.meta.url));

/**
 * Finds `<ancestor>/node_modules/<name>` walking up from this module, the way Node looks up a bare
 * specifier, and returns its real path. A directory walk rather than `require.resolve` because
 * packages such as `got` do not export their `package.json`.
 */
export const findPackageDirectory = (name: string, fromDirectory = moduleDirectory): string => {
  let current = fromDirectory;
  for (;;) {
    const candidate = path.join(current, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) {
      return realpathSync(candidate);
    }
    const parent = path.dirname(current);
    if (parent === current) {
      throw new Error(`Cannot find the package "${name}" from ${fromDirectory}; is @logto-sms/cli installed?`);
    }
    current = parent;
  }
};
