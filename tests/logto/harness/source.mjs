/**
 * Where the Logto source comes from and what identifies it. A source is either a tarball laid out
 * like the shared fixture (`<top>/LICENSE`, `<top>/tsup.shared.config.ts`, `<top>/packages/core`)
 * or a Logto checkout (a directory holding `packages/core`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The fixture this repository's CI uses: `<repo>/../shared/fixtures/logto/logto-core-*.tgz`. */
export const defaultSourceFor = (repoRoot) => {
  const directory = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'logto');
  if (!existsSync(directory)) {
    return undefined;
  }
  const tarballs = readdirSync(directory)
    .filter((name) => /^logto-core-.*\.tgz$/.test(name))
    .sort();
  return tarballs.length > 0 ? path.join(directory, tarballs.at(-1)) : undefined;
};

/**
 * `--source <path>` wins over `LOGTO_SOURCE`, which wins over the fixture beside the repository.
 *
 * @returns {{ path: string, kind: 'tarball' | 'checkout', origin: string } | undefined}
 * @throws {Error} when a given path does not exist or is neither a tarball nor a Logto checkout
 */
export const resolveSource = (argv, env, repoRoot) => {
  const flag = argv.indexOf('--source');
  const given = flag >= 0 ? argv[flag + 1] : env.LOGTO_SOURCE || undefined;
  const origin = flag >= 0 ? '--source' : env.LOGTO_SOURCE ? 'LOGTO_SOURCE' : 'the shared fixture';
  const candidate = given ? path.resolve(given) : defaultSourceFor(repoRoot);
  if (!candidate) {
    return undefined;
  }
  if (!existsSync(candidate)) {
    throw new Error(`Logto source ${candidate} (from ${origin}) does not exist`);
  }
  if (statSync(candidate).isFile()) {
    return { path: candidate, kind: 'tarball', origin };
  }
  if (existsSync(path.join(candidate, 'packages', 'core', 'package.json'))) {
    return { path: candidate, kind: 'checkout', origin };
  }
  throw new Error(
    `Logto source ${candidate} (from ${origin}) is neither a .tgz nor a Logto checkout (no packages/core/package.json)`
  );
};

/** What a checkout contributes to the build; everything else in it (other packages, UIs) is unused. */
export const checkoutParts = ['LICENSE', 'tsup.shared.config.ts', 'packages/core'];
const skippedInCore = new Set(['node_modules', 'build', 'connectors', 'lib', '.turbo']);

const walk = async (root, relative, into) => {
  const full = path.join(root, relative);
  if (!existsSync(full)) {
    return;
  }
  if (!statSync(full).isDirectory()) {
    into.push(relative);
    return;
  }
  for (const entry of (await readdir(full)).sort()) {
    if (relative === 'packages/core' && skippedInCore.has(entry)) {
      continue;
    }
    await walk(root, path.join(relative, entry), into);
  }
};

/** The files of a checkout that are copied into the build, relative to its root. */
export const checkoutFiles = async (root) => {
  const files = [];
  for (const part of checkoutParts) {
    await walk(root, part, files);
  }
  return files;
};

/**
 * A short hex key over the source's content and the files that shape the derived build (the
 * derivation code and the committed lockfile), so editing any of them rebuilds.
 */
export const sourceKey = async (source, shapingFiles) => {
  const hash = createHash('sha256');
  if (source.kind === 'tarball') {
    hash.update(await readFile(source.path));
  } else {
    for (const file of await checkoutFiles(source.path)) {
      hash.update(`${file}\0`);
      hash.update(await readFile(path.join(source.path, file)));
    }
  }
  for (const file of shapingFiles) {
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
};
