// Spawning bounded child processes: every child gets a deadline and is killed (by its own pid) when
// it overruns, so a hung run cannot outlive the bench.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const harnessFile = (name) => fileURLToPath(new URL(name, import.meta.url));

/** Runs a script with an IPC channel; resolves with the first message it sends, after it exits. */
export const runWithMessage = (script, args, { env, timeoutMs = 120_000, execArgv = [] } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, harnessFile(script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (message) => {
      reply ??= message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (reply === undefined) {
        reject(new Error(`${script} exited with ${signal ?? code} without a result`));
      } else {
        resolve(reply);
      }
    });
  });

/** Runs a script to completion; resolves with its stdout and the wall-clock time spawn → exit. */
export const runTimed = (script, args, { timeoutMs = 60_000 } = {}) =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [harnessFile(script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      if (code === 0) {
        resolve({ stdout, wallMs });
      } else {
        reject(new Error(`${script} exited with ${signal ?? code}`));
      }
    });
  });

/** Starts the long-lived emulator process and resolves once it reports its ports. */
export const startServer = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [harnessFile('server.mjs'), ...args], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const pending = [];
    child.on('message', (message) => {
      if (message.type === 'ready') {
        resolve({
          ...message,
          counts: () =>
            new Promise((resolve) => {
              pending.push(resolve);
              child.send({ type: 'counts' });
            }),
          close: () =>
            new Promise((resolve) => {
              if (child.exitCode !== null) {
                resolve();
                return;
              }
              const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.send({ type: 'close' });
            }),
        });
      } else if (message.type === 'counts') {
        pending.shift()?.(message);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`emulator process exited early (${code})`)));
  });
