import { builtinModules } from 'node:module';

import { required } from '../support/values.js';

/**
 * Every module specifier a bundled ESM file can load at run time: static imports and re-exports,
 * side-effect imports, dynamic `import()`, and `require()` / esbuild's `__require()` from bundled
 * CommonJS. A regex scan is enough for esbuild output, which prints specifiers as plain literals.
 */
export const importSpecifiers = (source: string): string[] => {
  const patterns = [
    /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g,
    /\bexport\s*[\w$*{}\s,]*?\s*from\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\b(?:__)?require\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const found = new Set<string>();
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      found.add(required(match[1], `the specifier in ${match[0]}`));
    }
  }
  return [...found].sort();
};

const builtins = new Set(builtinModules);

export const isNodeBuiltin = (specifier: string): boolean =>
  specifier.startsWith('node:') ||
  builtins.has(specifier) ||
  builtins.has(specifier.split('/').slice(0, 1).join('/'));

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export const packageNameOf = (specifier: string): string => {
  const segments = specifier.startsWith('@') ? 2 : 1;
  return specifier.split('/').slice(0, segments).join('/');
};
