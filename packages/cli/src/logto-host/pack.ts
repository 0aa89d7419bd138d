import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { isRecord } from '../unknown-values.js';

import { run } from './exec.js';

export type PackedConnector = {
  /** Absolute path of the `.tgz`. */
  tarball: string;
  name: string;
  version: string;
  /** Paths inside the package, as npm reports them (no `package/` prefix). */
  files: string[];
  size: number;
  unpackedSize: number;
};

type NpmPackEntry = {
  name: string;
  version?: unknown;
  filename: string;
  files?: Array<{ path?: unknown }>;
  size?: unknown;
  unpackedSize?: unknown;
};

// `files` is npm's own list of objects; only the names decide whether there is a tarball.
const isPackEntry = (value: unknown): value is NpmPackEntry =>
  isRecord(value) && typeof value.filename === 'string' && typeof value.name === 'string';

const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * `npm pack` a package directory: the same tarball `npm publish` would upload and
 * `logto connector add` would download. Lifecycle scripts are skipped so packing never starts a
 * build behind the caller's back; build first.
 *
 * @returns the tarball path, name, version, file list and sizes (bytes) npm reported.
 * @throws Error when npm is missing or fails, or reports no tarball.
 */
export const packConnector = async (
  packageDirectory: string,
  destinationDirectory: string
): Promise<PackedConnector> => {
  await mkdir(destinationDirectory, { recursive: true });
  const { stdout } = await run(
    npmCommand,
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destinationDirectory],
    { cwd: packageDirectory }
  );
  let entries: unknown;
  try {
    entries = JSON.parse(stdout);
  } catch {
    throw new Error(`npm pack printed something that is not JSON: ${stdout.slice(0, 200)}`);
  }
  const first: unknown = Array.isArray(entries) ? entries[0] : undefined;
  if (!isPackEntry(first)) {
    throw new Error(`npm pack did not report a tarball for ${packageDirectory}`);
  }
  const entry = first;
  return {
    tarball: path.join(destinationDirectory, entry.filename),
    name: entry.name,
    version: String(entry.version),
    files: (entry.files ?? []).map((file) => String(file.path)),
    size: Number(entry.size ?? 0),
    unpackedSize: Number(entry.unpackedSize ?? 0),
  };
};
