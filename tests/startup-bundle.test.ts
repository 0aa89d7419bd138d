/**
 * Logto's start-up imports each connector's lib/index.js. It must be one file (every extra module the
 * loader reads costs more than its bytes: docs/benchmarks.md, "Cold load"), and the send flow must
 * stay in lib/first-use.js, which lib/index.js imports on first use, with the number plan's data in
 * lib/phone-metadata.json beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { connectorPackages, ensureBuilt, packageDirectory } from './helpers/build.js';
import { fieldOf } from './support/index.js';

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

  it('leaves everything else to ./first-use.js, imported on first use', () => {
    const dynamicImports = [...source().matchAll(/\bimport\("([^"]+)"\)/g)].map(
      (match) => match[1]!
    );
    expect(dynamicImports.length).toBeGreaterThan(0);
    expect(new Set(dynamicImports)).toEqual(new Set(['./first-use.js']));
    // The HTTP client is created by the send flow, never at load.
    expect(source()).not.toMatch(/\bgot\.extend\(|new https?\.Agent\(/);
  });

  it('builds no zod schema at import: every module-level guard is a lazyGuard, built on its first parse', async () => {
    const eager = source().match(
      /^var \w+ = (?:z\d*\.|unionGuard\(|requiredText(?:Guard)?\(|credential(?:Guard|Text)\(|endpointGuard\(|aliyunEndpointGuard\()/gm
    );
    expect(eager ?? []).toEqual([]);
    const module: unknown = await import(pathToFileURL(path.join(library(), 'index.js')).href);
    const guard = fieldOf(module, 'configGuard');
    expect(guard).toBeInstanceOf(z.ZodLazy);
  });

  it('ships exactly index.js, first-use.js (one file: the first send reads no other module of its own) and phone-metadata.json', () => {
    expect(readdirSync(library()).sort()).toEqual([
      'first-use.js',
      'index.js',
      'phone-metadata.json',
    ]);
    const firstUse = readFileSync(path.join(library(), 'first-use.js'), 'utf8');
    expect([...firstUse.matchAll(/\bfrom\s*"(\.[^"]+)"|\bimport\("(\.[^"]+)"\)/g)]).toEqual([]);
    // The number plan's data is a file read on the first send, not a string V8 would compile.
    expect(firstUse).not.toContain('"country_calling_codes"');
    expect(firstUse).toContain('phone-metadata.json');
  });
});
