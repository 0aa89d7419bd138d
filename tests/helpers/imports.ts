import { builtinModules } from 'node:module';

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
      found.add(match[1]!);
    }
  }
  return [...found].sort();
};

const builtins = new Set(builtinModules);

export const isNodeBuiltin = (specifier: string): boolean =>
  specifier.startsWith('node:') ||
  builtins.has(specifier) ||
  builtins.has(specifier.split('/')[0]!);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export const packageNameOf = (specifier: string): string => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
};
