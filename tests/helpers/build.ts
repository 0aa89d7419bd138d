import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const packageDirectory = (name: string) => path.join(repoRoot, 'packages', name);

/** A buildable workspace package: a connector, `sandbox` or `cli`. */
type Target = string;

// Private library packages (sms-core and the like) have no build of their own: esbuild bundles
// them into whichever target imports them, so a change to one makes every connector stale.
const internalLibraries = readdirSync(path.join(repoRoot, 'packages')).filter(
  (name) =>
    !name.startsWith('connector-') &&
    !['sandbox', 'cli'].includes(name) &&
    existsSync(path.join(packageDirectory(name), 'src'))
);

// What esbuild bundles into each target's lib/: its own src plus the internal packages it imports.
const inputsOf = (target: Target): string[] => {
  if (target.startsWith('connector-')) {
    return [target, ...internalLibraries];
  }
  if (target === 'cli') {
    return ['cli', 'sandbox', ...internalLibraries];
  }
  return [target];
};

/** Every connector package in this repository, e.g. `connector-aliyun-sms`. */
export const connectorPackages: string[] = readdirSync(path.join(repoRoot, 'packages'))
  .filter(
    (name) =>
      name.startsWith('connector-') &&
      existsSync(path.join(packageDirectory(name), 'src', 'index.ts'))
  )
  .sort();

const newestMtime = (directory: string): number => {
  if (!existsSync(directory)) {
    return 0;
  }
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
};

const isStale = (target: Target): boolean => {
  const output = path.join(packageDirectory(target), 'lib', 'index.js');
  if (!existsSync(output)) {
    return true;
  }
  const built = statSync(output).mtimeMs;
  return inputsOf(target).some(
    (name) => newestMtime(path.join(packageDirectory(name), 'src')) > built
  );
};

// Test files run in parallel processes; a build deletes lib/ first, so two at once would race.
const lockDirectory = path.join(
  os.tmpdir(),
  `logto-sms-build-${Buffer.from(repoRoot).toString('hex').slice(-24)}.lock`
);

const withLock = async <T>(task: () => Promise<T>): Promise<T> => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDirectory);
      break;
    } catch {
      // A lock older than two minutes belongs to a crashed run.
      if (existsSync(lockDirectory) && Date.now() - statSync(lockDirectory).mtimeMs > 120_000) {
        rmSync(lockDirectory, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for the build lock ${lockDirectory}`);
      }
      await new Promise((resolve) => {
        setTimeout(resolve, 200);
      });
    }
  }
  try {
    return await task();
  } finally {
    rmSync(lockDirectory, { recursive: true, force: true });
  }
};

/**
 * Makes sure the given packages' lib/ builds exist and are newer than their sources, running
 * `node scripts/build.mjs <stale targets>` if not. `pnpm test` builds first, so this is normally a
 * no-op; it keeps `vitest run <file>` honest when run on its own.
 */
export const ensureBuilt = async (targets: readonly Target[]): Promise<void> => {
  if (!targets.some((target) => isStale(target))) {
    return;
  }
  await withLock(async () => {
    const stale = targets.filter((target) => isStale(target));
    if (stale.length === 0) {
      return;
    }
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ['scripts/build.mjs', ...stale],
        { cwd: repoRoot },
        (error, _stdout, stderr) => {
          if (error) {
            reject(new Error(`build failed: ${stderr || error.message}`));
          } else {
            resolve();
          }
        }
      );
    });
  });
};
