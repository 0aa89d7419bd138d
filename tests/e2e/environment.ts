/**
 * What every e2e file needs: both connectors built, packed and loaded by Logto's own loader, and
 * two emulators — `sandbox` with rate limits off (tests can reuse numbers) and `limited` with the
 * providers' real per-number limits. Inboxes and faults are cleared before each test.
 */
import { startSandbox, type Sandbox } from '@logto-sms/sandbox';

import { afterAll, beforeAll, beforeEach } from 'vitest';

import { loadBuiltConnectors, type LogtoWithConnectors } from '../helpers/logto.js';

export type EndToEndEnvironment = {
  logto: LogtoWithConnectors;
  sandbox: Sandbox;
  limited: Sandbox;
};

/**
 * Registers the hooks. The returned object's fields are ready from the file's own `beforeAll` on;
 * reading one earlier throws.
 */
export const useEndToEndEnvironment = (): EndToEndEnvironment => {
  let started: EndToEndEnvironment | undefined;
  const current = (): EndToEndEnvironment => {
    if (!started) {
      throw new Error('the e2e environment is read before its beforeAll hook ran');
    }
    return started;
  };
  const environment: EndToEndEnvironment = {
    get logto() {
      return current().logto;
    },
    get sandbox() {
      return current().sandbox;
    },
    get limited() {
      return current().limited;
    },
  };

  beforeAll(async () => {
    const [logto, sandbox, limited] = await Promise.all([
      loadBuiltConnectors(),
      startSandbox({ config: { rateLimits: { enabled: false } } }),
      startSandbox(),
    ]);
    started = { logto, sandbox, limited };
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
