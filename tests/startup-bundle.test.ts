/**
 * Logto's start-up imports each connector's lib/index.js. It must be one file (every extra module the
 * loader reads costs more than its bytes: docs/benchmarks.md, "Cold load"), and the send flow must
 * stay in the files lib/index.js imports on first use, which must be in lib/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { connectorPackages, ensureBuilt, packageDirectory } from './helpers/build.js';

beforeAll(async () => {
  await ensureBuilt(connectorPackages);
}, 300_000);

describe.each(connectorPackages)('%s lib/index.js', (name) => {
  const library = () => path.join(packageDirectory(name), 'lib');
  const source = () => readFileSync(path.join(library(), 'index.js'), 'utf8');

  it('imports none of its own files at load: only packages and Node built-ins', () => {
    const staticImports = [
      ...source().matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)";$/gms),
      ...source().matchAll(/^import\s*"([^"]+)";$/gm),
    ].map((match) => match[1]!);
    expect(staticImports.length).toBeGreaterThan(0);
    expect(staticImports.filter((specifier) => specifier.startsWith('.'))).toEqual([]);
  });

  it('leaves the send flow to ./send.js, imported on first use, and ships every file it imports that way', () => {
    const dynamicImports = [...source().matchAll(/\bimport\("([^"]+)"\)/g)].map(
      (match) => match[1]!
    );
    expect(dynamicImports).toContain('./send.js');
    for (const specifier of dynamicImports) {
      expect(existsSync(path.join(library(), specifier)), specifier).toBe(true);
    }
    // The HTTP client is created by the send flow, never at load.
    expect(source()).not.toMatch(/\bgot\.extend\(|new https?\.Agent\(/);
  });
});
