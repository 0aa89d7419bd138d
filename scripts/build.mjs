// Builds every publishable package with esbuild. Internal workspace packages (`@logto-sms/*`) are
// resolved to their TypeScript source and bundled in, so no published tarball ever depends on the
// private `sms-core` package. Packages that Logto itself provides stay external in connector builds,
// because `logto connector add` extracts a tarball without installing its dependencies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import { holdsState } from './module-state.mjs';
import { metadataForParsing } from './phone-metadata.mjs';

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

// Sms-core's number plan reads libphonenumber-js's metadata through phone-metadata.ts. In connector
// builds that module is replaced by phone-metadata-file.ts, which reads lib/phone-metadata.json on the
// first send; the build writes that file (the metadata less its formatting rules, phone-metadata.mjs).
// Data in a JSON file is read and parsed; the same data inside the bundle would also be decoded and
// compiled by V8 on every process's first send (docs/benchmarks.md, "Phone numbers").
const phoneMetadataSource = package_('sms-core', 'src', 'phone-metadata.ts');
const phoneMetadataFromFile = {
  name: 'phone-metadata-from-file',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/phone-metadata\.js$/ }, (args) =>
      path.join(args.resolveDir, 'phone-metadata.ts') === phoneMetadataSource
        ? { path: package_('sms-core', 'src', 'phone-metadata-file.ts') }
        : undefined
    );
  },
};

const writePhoneMetadata = async (outdir) => {
  const requireFromSmsCore = createRequire(package_('sms-core', 'package.json'));
  const metadata = JSON.parse(
    await readFile(requireFromSmsCore.resolve('libphonenumber-js/metadata.max.json'), 'utf8')
  );
  await writeFile(
    path.join(outdir, phoneMetadataFileName),
    JSON.stringify(metadataForParsing(metadata))
  );
};

// Connector bundles are split: lib/index.js holds what Logto's start-up needs (createConnector, the
// metadata, the config guard); the send flow, the status lookup and the number plan are in
// lib/first-use.js, which the first send (or lookup) imports (sms-core/src/first-use.ts). esbuild splits per file, and a
// workspace package's index.ts that re-exports everything, once it is reached from both sides, makes
// every live module of the package a static import of lib/index.js. So in connector builds an import (or re-export)
// from `@logto-sms/<name>` is rewritten to import each name from the file that index.ts re-exports it
// from; the sources keep importing the package by name. docs/benchmarks.md, "Cold load", has figures.
const reExportsOf = (name) => {
  const indexFile = package_(name, 'src', 'index.ts');
  const files = new Map();
  for (const [, list, from] of readFileSync(indexFile, 'utf8').matchAll(
    /export\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(\.\/[^']+)';/g
  )) {
    for (const item of list.split(',')) {
      const exported = item.trim().replace(/^type\s+/, '');
      if (exported.includes(' as ')) {
        throw new Error(
          `${indexFile}: renamed re-export "${exported}" is not supported by the build`
        );
      }
      if (exported) {
        files.set(exported, path.join(package_(name, 'src'), from.replace(/\.js$/, '.ts')));
      }
    }
  }
  return files;
};

const directInternalImports = {
  name: 'direct-internal-imports',
  setup(pluginBuild) {
    const exportsByPackage = new Map();
    const fileOf = (name, imported, importer) => {
      if (!exportsByPackage.has(name)) {
        exportsByPackage.set(name, reExportsOf(name));
      }
      const file = exportsByPackage.get(name).get(imported);
      if (!file) {
        throw new Error(`${importer}: @logto-sms/${name} does not export "${imported}"`);
      }
      return file;
    };
    const sourceFiles = new RegExp(
      `^${path.join(root, 'packages').replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/[^/]+/src/.*\\.ts$`
    );
    pluginBuild.onLoad({ filter: sourceFiles }, async ({ path: file }) => {
      const source = await readFile(file, 'utf8');
      const contents = source.replaceAll(
        /(import|export)\s*(type\s*)?\{([^}]*)\}\s*from\s*'@logto-sms\/([a-z0-9-]+)';/g,
        (statement, ...captures) => {
          const [keyword, typeOnly, list, name] = captures;
          if (typeOnly || !workspacePackages.includes(name)) {
            return statement;
          }
          const byFile = new Map();
          // Type-only names are left out: with verbatimModuleSyntax, `import { type X } from` would
          // still import (and so bundle and run) the file X comes from.
          for (const item of list
            .split(',')
            .map((text) => text.trim())
            .filter((text) => text && !text.startsWith('type '))) {
            const imported = item.split(/\s+as\s+/)[0];
            const target = fileOf(name, imported, file);
            byFile.set(target, [...(byFile.get(target) ?? []), item]);
          }
          return [...byFile]
            .map(
              ([target, items]) =>
                `${keyword} { ${items.join(', ')} } from ${JSON.stringify(target)};`
            )
            .join(' ');
        }
      );
      return { contents, loader: 'ts' };
    });
  },
};

const targets = [
  // Connector bundles contain no CommonJS, so no `require` shim: it would cost every Logto start an
  // extra node:module import and createRequire call. They are built in two parts (buildConnector).
  ...workspacePackages
    .filter((name) => name.startsWith('connector-'))
    .map((name) => ({ name, connector: true })),
  { name: 'sandbox', entries: { index: 'src/index.ts', bin: 'src/bin.ts' }, external: [] },
  {
    name: 'cli',
    entries: { index: 'src/index.ts', bin: 'src/bin.ts' },
    external: ['@logto/cli', ...logtoProvidedPackages],
  },
];

const commonOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  alias: internalAliases,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const assertNoRequire = async (name, outdir) => {
  for (const out of (await readdir(outdir)).filter((file) => file.endsWith('.js'))) {
    if ((await readFile(path.join(outdir, out), 'utf8')).includes('__require(')) {
      throw new Error(`${name}: the bundle now calls require(); give it the require shim back`);
    }
  }
};

/** What lib/index.js imports on first use; `phone-metadata-file.ts` reads its data file beside it. */
const firstUseFile = 'first-use.js';
const phoneMetadataFileName = 'phone-metadata.json';

/**
 * The entry of lib/first-use.js: every module lib/index.js imports on first use, re-exported by name.
 * lib/index.js reads each module's exports from the one file, so two modules exporting the same name
 * would make one of them unreachable: that fails the build.
 */
const firstUseEntrySource = async (name, files) => {
  const exporterOf = new Map();
  const lines = [];
  for (const file of files.sort()) {
    const { metafile } = await build({
      entryPoints: [file],
      bundle: false,
      write: false,
      metafile: true,
      format: 'esm',
      outdir: 'unused',
      logLevel: 'warning',
    });
    const names = Object.values(metafile.outputs).flatMap((output) => output.exports);
    for (const exported of names) {
      if (exporterOf.has(exported)) {
        throw new Error(
          `${name}: ${path.relative(root, file)} and ${path.relative(root, exporterOf.get(exported))} both export "${exported}", and lib/${firstUseFile} can hold only one`
        );
      }
      exporterOf.set(exported, file);
    }
    lines.push(`export { ${names.join(', ')} } from ${JSON.stringify(file)};`);
  }
  return lines.join('\n');
};

/**
 * A connector in two builds, each one file. lib/index.js has what Logto's start-up runs
 * (createConnector, the metadata, the config guard): every module it needs is inside it, because each
 * extra file the loader reads at start-up costs more than its bytes (docs/benchmarks.md, "Cold load").
 * Every `import()` reached from it (the send flow, the status lookup, sms-core's first-send modules)
 * becomes an import of `./first-use.js`, which the second build makes from all of them together, the
 * number plan included: the first send then reads one file, not six (docs/benchmarks.md, "Cold load
 * + first send"). A module in both builds is a copy, so it may hold no state. lib/phone-metadata.json
 * is written beside them.
 */
const buildConnector = async (name) => {
  const outdir = package_(name, 'lib');
  await rm(outdir, { recursive: true, force: true });
  const lazyEntries = new Set();
  const deferDynamicImports = {
    name: 'defer-dynamic-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData?.deferred) {
          return undefined;
        }
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { deferred: true },
        });
        lazyEntries.add(resolved.path);
        return { path: `./${firstUseFile}`, external: true };
      });
    },
  };
  await build({
    ...commonOptions,
    entryPoints: { index: package_(name, 'src', 'index.ts') },
    outdir,
    external: logtoProvidedPackages,
    plugins: [directInternalImports, deferDynamicImports],
  });
  const entrySource = await firstUseEntrySource(name, [...lazyEntries]);
  const firstUseEntry = {
    name: 'first-use-entry',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^first-use-entry$/ }, () => ({
        path: 'first-use-entry',
        namespace: 'first-use-entry',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'first-use-entry' }, () => ({
        contents: entrySource,
        resolveDir: root,
        loader: 'ts',
      }));
    },
  };
  const onFirstUse = await build({
    ...commonOptions,
    entryPoints: { [path.basename(firstUseFile, '.js')]: 'first-use-entry' },
    outdir,
    external: logtoProvidedPackages,
    plugins: [firstUseEntry, phoneMetadataFromFile, directInternalImports],
  });
  await writePhoneMetadata(outdir);
  // Which source files put code (not just imports of Logto's packages) into lib/index.js: esbuild
  // heads each file's part of the output with a `// <path>` comment.
  const startupCode = new Set();
  const indexSource = readFileSync(path.join(outdir, 'index.js'), 'utf8');
  for (const [, input, part] of indexSource.matchAll(
    /^\/\/ (packages\/\S+\.ts)\n([\s\S]*?)(?=^\/\/ packages\/|^export \{|(?![\s\S]))/gm
  )) {
    if (part.replaceAll(/^import[^;]*;$/gm, '').trim()) {
      startupCode.add(input);
    }
  }
  const lazyInputs = new Set(
    Object.values(onFirstUse.metafile.outputs).flatMap((output) => Object.keys(output.inputs))
  );
  for (const input of startupCode) {
    if (lazyInputs.has(input) && holdsState(readFileSync(path.join(root, input), 'utf8'))) {
      throw new Error(
        `${name}: ${input} holds module state and is bundled both into lib/index.js and into lib/${firstUseFile}; import it only from one side`
      );
    }
  }
  await assertNoRequire(name, outdir);
  console.log(`built ${name}`);
};

const only = process.argv.slice(2);

for (const target of targets) {
  if (only.length > 0 && !only.includes(target.name)) {
    continue;
  }
  if (target.connector) {
    await buildConnector(target.name);
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
    ...commonOptions,
    metafile: false,
    entryPoints,
    outdir,
    external: target.external,
    // Bundled CommonJS helpers call `require`; give ESM output one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  if (entryPoints.bin) {
    const binFile = path.join(outdir, 'bin.js');
    const source = await readFile(binFile, 'utf8');
    await writeFile(binFile, `#!/usr/bin/env node\n${source}`);
    await chmod(binFile, 0o755);
  }
  console.log(`built ${target.name}`);
}
