import { startSandbox, type Sandbox } from '@logto-sms/sandbox';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach } from 'vitest';

import { prepareCli } from './run-cli.js';

export type SendEnvironment = {
  /** The emulator (rate limits off); inbox and faults are cleared before each test. */
  sandbox: Sandbox;
  /** A scratch directory for config files and tarballs, removed afterwards. */
  directory: string;
  /** Writes a config file (JSON, or the text as given) into the scratch directory. */
  writeConfig: (name: string, config: unknown) => Promise<string>;
};

/** Hooks for a file that runs `logto-sms send`; the object is filled in before the file's own `beforeAll`. */
export const useSendEnvironment = (prefix: string): SendEnvironment => {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions, no-restricted-syntax -- sandbox and directory are filled in by the beforeAll below, before any test reads them
  const environment = {
    writeConfig: async (name: string, config: unknown) => {
      const file = path.join(environment.directory, name);
      await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
      return file;
    },
  } as SendEnvironment;

  beforeAll(async () => {
    [environment.sandbox, environment.directory] = await Promise.all([
      startSandbox({ config: { rateLimits: { enabled: false } } }),
      mkdtemp(path.join(os.tmpdir(), prefix)),
      prepareCli(),
    ]);
  });

  afterAll(async () => {
    await environment.sandbox.close();
    if (environment.directory) {
      await rm(environment.directory, { recursive: true, force: true });
    }
  });

  beforeEach(() => {
    environment.sandbox.inbox.clear();
    environment.sandbox.faults.clear();
  });

  return environment;
};
