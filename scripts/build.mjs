// Builds every publishable package with esbuild. Internal workspace packages (`@logto-sms/*`) are
// resolved to their TypeScript source and bundled in, so no published tarball ever depends on the
// private `sms-core` package. Packages that Logto itself provides stay external in connector builds,
// because `logto connector add` extracts a tarball without installing its dependencies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const package_ = (name, ...rest) => path.join(root, 'packages', name, ...rest);

// Every folder under packages/ with a src/index.ts is a workspace package; new packages need no edit here.
const workspacePackages = readdirSync(path.join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(package_(entry.name, 'src', 'index.ts')))
  .map((entry) => entry.name)
  .sort();

const internalAliases = Object.fromEntries(
  workspacePackages.map((name) => [`@logto-sms/${name}`, package_(name, 'src', 'index.ts')])
);

/** What a Logto instance resolves for a connector at run time: the one list, shared with the CLI and the bench. */
export const logtoProvidedPackages = JSON.parse(
  readFileSync(package_('cli', 'src', 'logto-host', 'logto-provided-packages.json'), 'utf8')
).packages;

// Sms-core's number plan (libphonenumber-js and its 157 KB of JSON metadata) is loaded on the first
// send with a dynamic import (sms-core/src/phone-plan-loader.ts). Connector builds therefore split:
// lib/index.js plus lib/phone-plan-<hash>.js, which Logto's start-up never reads. Inside that chunk the
// metadata is a string literal, parsed by phone-metadata.ts when first used: V8 compiles a string far
// faster than the same data as an object literal (docs/benchmarks.md, "Phone numbers").
const phoneMetadataAsText = {
  name: 'phone-metadata-as-text',
  setup(pluginBuild) {
    const requireFromSmsCore = createRequire(package_('sms-core', 'package.json'));
    const jsonFile = path.join(
      path.dirname(requireFromSmsCore.resolve('libphonenumber-js/package.json')),
      'metadata.max.json'
    );
    pluginBuild.onResolve({ filter: /^libphonenumber-js\/metadata\.max\.json$/ }, (args) =>
      args.importer === package_('sms-core', 'src', 'phone-metadata.ts')
        ? { path: jsonFile, namespace: 'phone-metadata-text' }
        : undefined
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'phone-metadata-text' }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: await readFile(args.path, 'utf8'), loader: 'text' };
    });
  },
};

const targets = [
  // Connector bundles contain no CommonJS, so no `require` shim: it would cost every Logto start an
  // extra node:module import and createRequire call.
  ...workspacePackages
    .filter((name) => name.startsWith('connector-'))
    .map((name) => ({
      name,
      entries: { index: 'src/index.ts' },
      external: logtoProvidedPackages,
      requireShim: false,
      plugins: [phoneMetadataAsText],
      splitting: true,
    })),
  { name: 'sandbox', entries: { index: 'src/index.ts', bin: 'src/bin.ts' }, external: [] },
  {
    name: 'cli',
    entries: { index: 'src/index.ts', bin: 'src/bin.ts' },
    external: ['@logto/cli', ...logtoProvidedPackages],
  },
];

const only = process.argv.slice(2);

for (const target of targets) {
  if (only.length > 0 && !only.includes(target.name)) {
    continue;
  }
  const entryPoints = Object.fromEntries(
    Object.entries(target.entries)
      .filter(([, file]) => existsSync(package_(target.name, file)))
      .map(([out, file]) => [out, package_(target.name, file)])
  );
  if (Object.keys(entryPoints).length === 0) {
    console.log(`skip ${target.name}: no entry point yet`);
    continue;
  }
  const outdir = package_(target.name, 'lib');
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: target.external,
    alias: internalAliases,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: target.plugins ?? [],
    splitting: target.splitting ?? false,
    chunkNames: '[name]-[hash]',
    // Bundled CommonJS helpers call `require`; give ESM output one.
    banner:
      target.requireShim === false
        ? undefined
        : {
            js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
          },
  });
  if (target.requireShim === false) {
    const { readdir, readFile } = await import('node:fs/promises');
    for (const out of (await readdir(outdir)).filter((file) => file.endsWith('.js'))) {
      if ((await readFile(path.join(outdir, out), 'utf8')).includes('__require(')) {
        throw new Error(
          `${target.name}: the bundle now calls require(); give it the require shim back`
        );
      }
    }
  }
  if (entryPoints.bin) {
    const binFile = path.join(outdir, 'bin.js');
    const { readFile, writeFile } = await import('node:fs/promises');
    const source = await readFile(binFile, 'utf8');
    await writeFile(binFile, `#!/usr/bin/env node\n${source}`);
    await chmod(binFile, 0o755);
  }
  console.log(`built ${target.name}`);
}
