import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  loadSandboxConfigFile,
  SandboxConfigError,
  SandboxListenError,
  startSandbox,
  type Sandbox,
} from '../src/index.js';

describe('startSandbox errors a caller can tell apart', () => {
  let running: Sandbox;
  let directory: string;

  beforeAll(async () => {
    running = await startSandbox();
    directory = await mkdtemp(path.join(os.tmpdir(), 'sandbox-errors-'));
  });

  afterAll(async () => {
    await running.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('SandboxListenError with EADDRINUSE for a port in use', async () => {
    const error: unknown = await startSandbox({ port: running.port }).then(
      async (unexpected) => {
        await unexpected.close();
        throw new Error('a second sandbox listened on the same port');
      },
      (error_: unknown) => error_
    );
    expect(error).toBeInstanceOf(SandboxListenError);
    expect(error).toMatchObject({ code: 'EADDRINUSE', host: '127.0.0.1', port: running.port });
  });

  it('SandboxConfigError naming the path for an invalid config', async () => {
    // Only an untyped (JavaScript) caller can pass this.
    const notAnArray: unknown = 'none';
    const error: unknown = await startSandbox({
      config: { yunpian: { accounts: notAnArray as never } },
    }).catch((error_: unknown) => error_);
    expect(error).toBeInstanceOf(SandboxConfigError);
    expect((error as Error).message).toMatch(/^config\.yunpian\.accounts must be/);
  });

  it('SandboxConfigError with the file for an unreadable, non-JSON or invalid config file', async () => {
    const notJson = path.join(directory, 'not.json');
    const invalid = path.join(directory, 'invalid.json');
    await writeFile(notJson, '{ nope');
    await writeFile(invalid, JSON.stringify({ yunpian: { accounts: 'none' } }));
    for (const file of [path.join(directory, 'missing.json'), notJson, invalid]) {
      const error: unknown = await loadSandboxConfigFile(file).catch((error_: unknown) => error_);
      expect(error, file).toBeInstanceOf(SandboxConfigError);
      expect(error, file).toMatchObject({ file });
      expect((error as Error).message, file).toContain(file);
    }
  });
});
