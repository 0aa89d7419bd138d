/**
 * Every long-lived process and temporary directory the suite creates is registered here, so one
 * `cleanUp()` stops them all: on success, on failure, and on Ctrl-C / SIGTERM / SIGHUP. Children
 * run in their own process group (detached) so that a group kill also reaches their children
 * (PostgreSQL's backends, npm's node), and so that Ctrl-C in the terminal reaches only us: we then
 * stop them in order instead of racing them.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

/** @type {Array<() => Promise<void>>} newest first */
const cleanups = [];
let cleaning;

/** Registers a cleanup step; they run newest first. */
export const onCleanUp = (step) => {
  cleanups.unshift(step);
};

/** Runs every registered step once (later calls wait for the first). Never throws. */
export const cleanUp = () => {
  cleaning ??= (async () => {
    for (const step of cleanups.splice(0)) {
      try {
        await step();
      } catch (error) {
        console.error(
          `cleanup step failed: ${error instanceof Error ? error.message : String(error)}`
        );
      }
    }
  })();
  return cleaning;
};

/** Removes `directory` at clean-up. */
export const removeAtCleanUp = (directory) =>
  onCleanUp(async () => rm(directory, { recursive: true, force: true }));

const signalExitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

let interrupted = false;

/** True once a terminating signal arrived: failures after that are the interruption, not findings. */
export const wasInterrupted = () => interrupted;

/** On a terminating signal: clean up, call `beforeExit`, then exit with the conventional 128+n status. */
export const cleanUpOnSignals = (beforeExit = () => {}) => {
  for (const [signal, exitCode] of Object.entries(signalExitCodes)) {
    process.once(signal, async () => {
      interrupted = true;
      console.error(`\n${signal}: stopping everything this run started…`);
      // Never rejects (each step's failure is caught and printed), so this always goes on to exit.
      await cleanUp();
      beforeExit();
      process.exit(exitCode);
    });
  }
};

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to the whole group, then SIGKILL after `graceMs` if anything in it is still there. */
const stopGroup = async (child, graceMs) => {
  const { pid } = child;
  // Once the leader has exited and been reaped its pid may be reused by an unrelated process on
  // this shared machine, so an exited child's group is never signalled. (PostgreSQL's backends
  // exit with their postmaster; core and the build tools leave no children of their own.)
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => {
    child.once('exit', resolve);
  });
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // The group is already gone
  }
  const timer = new Promise((resolve) => {
    setTimeout(resolve, graceMs, 'timeout');
  });
  if ((await Promise.race([exited, timer])) === 'timeout' || isAlive(-pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone
    }
  }
};

/**
 * Starts a long-lived process in its own group, its output appended to `logFile`, stopped at
 * clean-up. `onOutput` sees every chunk (readiness checks).
 *
 * @param {{ name: string, command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv, logFile: string, uid?: number, gid?: number, graceMs?: number, onOutput?: (text: string) => void }} options
 * @returns {{ child: import('node:child_process').ChildProcess, exited: Promise<number | null>, stop: () => Promise<void> }}
 */
export const startProcess = ({
  name,
  command,
  args,
  cwd,
  env,
  logFile,
  uid,
  gid,
  graceMs = 5000,
  onOutput,
}) => {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd,
    env,
    uid,
    gid,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      log.write(chunk);
      onOutput?.(chunk.toString('utf8'));
    });
  }
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      log.write(`\n[${name}] failed to start: ${error.message}\n`);
      resolve(null);
    });
    child.once('exit', (code) => resolve(code));
  });
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      await stopGroup(child, graceMs);
      await new Promise((resolve) => {
        log.end(resolve);
      });
    })();
    return stopping;
  };
  onCleanUp(stop);
  return { child, exited, stop };
};

/**
 * Runs a command to completion (own group, killed at clean-up if still running), output to
 * `logFile`. Rejects with the log's tail when it fails, so CI shows why.
 *
 * @param {{ name: string, command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv, logFile: string, uid?: number, gid?: number, timeoutMs?: number }} options
 */
export const runToEnd = async ({ timeoutMs = 15 * 60_000, ...options }) => {
  let output = '';
  const started = startProcess({
    ...options,
    onOutput(text) {
      output = (output + text).slice(-4000);
    },
  });
  // Never rejects: stopGroup ignores a group that is already gone.
  const timer = setTimeout(async () => started.stop(), timeoutMs);
  const code = await started.exited;
  clearTimeout(timer);
  await started.stop();
  if (code !== 0) {
    throw new Error(`${options.name} failed (exit ${code}); last output:\n${output}`);
  }
  return output;
};
