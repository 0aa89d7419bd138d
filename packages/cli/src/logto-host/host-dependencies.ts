import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import providedPackages from './logto-provided-packages.json' with { type: 'json' };

/**
 * The packages a Logto instance resolves for a connector at run time (Logto core's own
 * dependencies), from logto-provided-packages.json: the one list the build, this host and the
 * bench read.
 */
export const logtoProvidedPackages: readonly string[] = providedPackages.packages;

export type LogtoProvidedPackage = string;

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
      throw new Error(
        `Cannot find the package "${name}" from ${fromDirectory}; is @logto-sms/cli installed?`
      );
    }
    current = parent;
  }
};
