/**
 * What every e2e file needs: both connectors built, packed and loaded by Logto's own loader, and
 * two emulators — `sandbox` with rate limits off (tests can reuse numbers) and `limited` with the
 * providers' real per-number limits. Inboxes and faults are cleared before each test.
 */
import { startSandbox, type Sandbox } from '@logto-sms/sandbox';

import { afterAll, beforeAll, beforeEach } from 'vitest';

import { loadBuiltConnectors, type LogtoWithConnectors } from '../helpers/logto.js';

export type E2eEnvironment = { logto: LogtoWithConnectors; sandbox: Sandbox; limited: Sandbox };

/** Registers the hooks; the returned object is filled in before the file's own `beforeAll` runs. */
export const useE2eEnvironment = (): E2eEnvironment => {
  const environment = {} as E2eEnvironment;

  beforeAll(async () => {
    [environment.logto, environment.sandbox, environment.limited] = await Promise.all([
      loadBuiltConnectors(),
      startSandbox({ config: { rateLimits: { enabled: false } } }),
      startSandbox(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([
      environment.sandbox.close(),
      environment.limited.close(),
      environment.logto.host.dispose(),
    ]);
  });

  beforeEach(() => {
    for (const target of [environment.sandbox, environment.limited]) {
      target.inbox.clear();
      target.faults.clear();
    }
  });

  return environment;
};
