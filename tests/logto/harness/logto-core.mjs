/**
 * One Logto core instance for one run: a Logto-shaped directory in the run's temporary folder
 * (core's build copied, its node_modules linked from the cache, an empty `connectors/`), a seeded
 * database, and the server bound to 127.0.0.1 on free ports.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { freePort } from './ports.mjs';
import { runToEnd, startProcess } from './processes.mjs';

const preload = pathToFileURL(fileURLToPath(new URL('bind-loopback.mjs', import.meta.url))).href;

/**
 * Core finds connectors next to its own build (`<core>/connectors`, from the real path of
 * `build/index.js`), so the build is copied (5 MB) rather than linked; node_modules (350 MB) is
 * linked. The directory lives outside the repository, so a connector that forgot to bundle a
 * dependency cannot fall back to the repository's node_modules.
 *
 * @returns {Promise<{ coreDirectory: string, connectorsDirectory: string }>}
 */
export const prepareCoreDirectory = async ({ cachedCore, runDirectory }) => {
  const coreDirectory = path.join(runDirectory, 'logto', 'packages', 'core');
  await mkdir(path.join(coreDirectory, 'connectors'), { recursive: true });
  for (const entry of ['package.json', 'build', 'static']) {
    if (existsSync(path.join(cachedCore, entry))) {
      await cp(path.join(cachedCore, entry), path.join(coreDirectory, entry), { recursive: true });
    }
  }
  await symlink(
    path.join(cachedCore, 'node_modules'),
    path.join(coreDirectory, 'node_modules'),
    'dir'
  );
  return { coreDirectory, connectorsDirectory: path.join(coreDirectory, 'connectors') };
};

/** `logto db seed --swe` from the `@logto/cli` 1.43.0 that core itself depends on. */
export const seedDatabase = async ({ node, coreDirectory, databaseUrl, logFile }) => {
  await runToEnd({
    name: 'logto db seed',
    command: node,
    args: [
      path.join(coreDirectory, 'node_modules', '@logto', 'cli', 'bin', 'logto.js'),
      'db',
      'seed',
      '--swe',
    ],
    cwd: coreDirectory,
    env: { ...process.env, DB_URL: databaseUrl, CI: 'true' },
    logFile,
    timeoutMs: 5 * 60_000,
  });
};

/** The seeded admin-tenant machine-to-machine app's secret, read with core's own `pg` client. */
export const readManagementSecret = async ({ node, coreDirectory, databaseUrl, logFile }) => {
  const script = [
    "import pg from 'pg';",
    'const client = new pg.Client({ connectionString: process.env.DB_URL });',
    'await client.connect();',
    "const { rows } = await client.query(\"select secret from applications where tenant_id = 'admin' and id = 'm-default'\");",
    'await client.end();',
    "process.stdout.write('SECRET=' + rows[0].secret + '\\n');",
  ].join('\n');
  // Written to the log file like everything else; the log is in the run's temporary folder.
  const output = await runToEnd({
    name: 'read m-default secret',
    command: node,
    args: ['--input-type=module', '-e', script],
    cwd: coreDirectory,
    env: { ...process.env, DB_URL: databaseUrl },
    logFile,
  });
  const match = /SECRET=(\S+)/.exec(output);
  if (!match) {
    throw new Error('the seeded database has no m-default application');
  }
  return match[1];
};

const waitForStatus = async (endpoint, exited, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  const exitedFirst = (async () => {
    await exited;
    return 'exited';
  })();
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${endpoint}/api/status`);
      if (response.status === 204 || response.ok) {
        return true;
      }
    } catch {
      // Not listening yet
    }
    const pause = new Promise((resolve) => {
      setTimeout(resolve, 250, 'paused');
    });
    if ((await Promise.race([exitedFirst, pause])) === 'exited') {
      return false;
    }
  }
  return false;
};

/**
 * Starts core (`NODE_ENV=production node --import bind-loopback .`) and waits for `/api/status`.
 *
 * @returns {Promise<{ endpoint: string, adminEndpoint: string }>}
 */
export const startLogto = async ({ node, coreDirectory, databaseUrl, logFile, readLog }) => {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const [port, adminPort] = [await freePort(), await freePort()];
    const endpoint = `http://127.0.0.1:${port}`;
    const adminEndpoint = `http://127.0.0.1:${adminPort}`;
    const server = startProcess({
      name: 'logto',
      command: node,
      args: ['--import', preload, '.'],
      cwd: coreDirectory,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DB_URL: databaseUrl,
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        ENDPOINT: endpoint,
        ADMIN_ENDPOINT: adminEndpoint,
      },
      logFile,
    });
    if (await waitForStatus(endpoint, server.exited, 120_000)) {
      return { endpoint, adminEndpoint };
    }
    await server.stop();
    const log = await readLog();
    if (!log.includes('EADDRINUSE')) {
      throw new Error(`Logto core did not start; its log ends with:\n${log.slice(-3000)}`);
    }
    // A port was taken between freePort() and listen(): try other ports.
  }
  throw new Error('Logto core could not get free ports in three attempts');
};
