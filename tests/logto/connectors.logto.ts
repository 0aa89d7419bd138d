/**
 * Every connector of this repository inside a real Logto core (started by tests/logto/run.mjs):
 * listed by the Management API, the Console's test call, a passwordless sign-in and a sign-up
 * through the Experience API ending in an ID token, and what the operator (Console) and the end
 * user (sign-in page) are shown when the provider refuses, limits, or hangs.
 */
import { startSandbox, type Sandbox, type SandboxMessage } from '@logto-sms/sandbox';
import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { required } from '../support/values.js';

import { connectorsUnderTest, type ConnectorConfig } from './connectors.js';
import { readEnvironment } from './support/environment.js';
import { startPhoneInteraction, verificationIdOf } from './support/experience.js';
import type { JsonResponse } from './support/http.js';
import { errorDescriptionOf, logtoMessages, logtoShows } from './support/logto-errors.js';
import {
  connectManagementApi,
  type ApiResponse,
  type ManagementApi,
} from './support/management.js';

const environment = readEnvironment();
const redirectUri = 'http://127.0.0.1:9/callback';

let api: ManagementApi;
let sandbox: Sandbox;
let appId: string;

/** Every response Logto gave in a failure case, checked for secrets at the end of each connector. */
const failureResponses: Array<ApiResponse | JsonResponse> = [];

let sequence = 0;
/** A mainland number never used before in this run (Logto and the emulator limit per number). */
const freshMainlandPhone = () => {
  sequence += 1;
  return `86139${String(Date.now() % 1e5).padStart(5, '0')}${String(sequence % 1000).padStart(3, '0')}`;
};

const nationalPart = (digits: string) => (digits.startsWith('86') ? digits.slice(2) : digits);

const messageFor = async (
  provider: string,
  phone: string,
  since: number
): Promise<SandboxMessage> => {
  const message = await sandbox.inbox.waitForMessage({ since }, 15_000);
  expect(message.provider).toBe(provider);
  expect(message.to.replaceAll(/\D/g, '')).toMatch(new RegExp(`${nationalPart(phone)}$`));
  return message;
};

const idGuard = z.object({ id: z.string() });

/** The fields of a connector's `metadata` export that Logto's listing must repeat. */
const connectorModuleGuard = z.object({
  metadata: z.object({
    id: z.string(),
    name: z.record(z.string()),
    description: z.record(z.string()),
    formItems: z.array(z.unknown()).optional(),
  }),
});

beforeAll(async () => {
  api = await connectManagementApi(environment);
  sandbox = await startSandbox();
  const app = idGuard.parse(
    await api.ok('POST', '/applications', {
      name: 'logto-sms e2e',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: [redirectUri], postLogoutRedirectUris: [] },
    })
  );
  appId = app.id;
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.faults.clear();
});

it('installs every connector package of this repository, each with an entry in tests/logto/connectors.ts', () => {
  expect(environment.connectors.length).toBeGreaterThan(0);
  const missing = environment.connectors.filter(
    ({ packageDirectory }) => !connectorsUnderTest[packageDirectory]
  );
  expect(
    missing.map((item) => item.packageDirectory),
    'add these to connectorsUnderTest in tests/logto/connectors.ts'
  ).toEqual([]);
});

describe.each(environment.connectors)('$name in Logto core', ({ packageDirectory }) => {
  const entry = connectorsUnderTest[packageDirectory];
  const knownEntry = () =>
    required(entry, `an entry for ${packageDirectory} in tests/logto/connectors.ts`);
  let metadata: z.infer<typeof connectorModuleGuard>['metadata'];
  let config: ConnectorConfig;
  const secrets = () => {
    const values = [
      ...(entry?.secretKeys ?? []).map((key) => config[key]),
      ...Object.values(entry?.wrongSecret ?? {}),
    ];
    return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
  };
  const testCall = async (phone: string, overrides: ConnectorConfig = {}) =>
    api.call('POST', `/connectors/${metadata.id}/test`, {
      phone,
      config: { ...config, ...overrides },
    });

  beforeAll(async () => {
    if (!entry) {
      throw new Error(`no entry for ${packageDirectory} in tests/logto/connectors.ts`);
    }
    ({ metadata } = connectorModuleGuard.parse(await import(`@logto-sms/${packageDirectory}`)));
    config = entry.config(sandbox);
  });

  it('is listed by GET /api/connector-factories with our id and metadata', async () => {
    const factories = z
      .array(z.record(z.unknown()))
      .parse(await api.ok('GET', '/connector-factories'));
    const factory = factories.find((item) => item.id === metadata.id);
    expect(factory).toMatchObject({
      id: metadata.id,
      type: 'Sms',
      name: metadata.name,
      description: metadata.description,
      formItems: metadata.formItems,
      isDemo: false,
    });
    expect(metadata.id).toMatch(/^logto-sms-/);
  });

  it('the Console test call (POST /api/connectors/:factoryId/test) delivers 000000 to the inbox', async () => {
    const phone = freshMainlandPhone();
    const since = Date.now();
    const response = await testCall(phone);
    expect(response.status).toBe(204);
    expect((await messageFor(knownEntry().provider, phone, since)).code).toBe('000000');
    expect(sandbox.inbox.list({ since })).toHaveLength(1);
  });

  describe('as the tenant SMS connector with phone sign-in enabled', () => {
    let connectorRowId: string;
    const saveConfig = async (overrides: ConnectorConfig) =>
      api.ok('PATCH', `/connectors/${connectorRowId}`, { config: { ...config, ...overrides } });

    beforeAll(async () => {
      // Creating an SMS connector replaces the previous one: one working SMS connector per tenant.
      ({ id: connectorRowId } = idGuard.parse(
        await api.ok('POST', '/connectors', { connectorId: metadata.id, config })
      ));
      await api.ok('PATCH', '/sign-in-exp', {
        signUp: { identifiers: ['phone'], password: false, verify: true },
        signIn: {
          methods: [
            {
              identifier: 'phone',
              password: false,
              verificationCode: true,
              isPasswordPrimary: false,
            },
          ],
        },
      });
    });

    it('passwordless sign-in: the real code from the inbox ends in an ID token for that user and phone', async () => {
      const phone = freshMainlandPhone();
      const user = idGuard.parse(await api.ok('POST', '/users', { primaryPhone: phone }));
      const interaction = await startPhoneInteraction(
        { endpoint: environment.endpoint, appId, redirectUri },
        'SignIn',
        phone
      );
      const since = Date.now();
      const sent = await interaction.sendCode();
      expect(sent.status).toBe(200);
      const message = await messageFor(knownEntry().provider, phone, since);
      expect(message.code).toMatch(/^\d{6}$/);
      const { idToken } = await interaction.finish(
        verificationIdOf(sent),
        required(message.code, 'a code in the delivered message')
      );
      expect(idToken).toMatchObject({
        sub: user.id,
        phone_number: phone,
        aud: appId,
        iss: `${environment.endpoint}/oidc`,
      });
      // One code, one message: no retry sent a second one.
      expect(sandbox.inbox.list({ since })).toHaveLength(1);
    });

    it('sign-up of a new phone number: the code from the inbox creates the user and ends in its ID token', async () => {
      const phone = freshMainlandPhone();
      const interaction = await startPhoneInteraction(
        { endpoint: environment.endpoint, appId, redirectUri },
        'Register',
        phone
      );
      const since = Date.now();
      const sent = await interaction.sendCode();
      expect(sent.status).toBe(200);
      const message = await messageFor(knownEntry().provider, phone, since);
      const { idToken } = await interaction.finish(
        verificationIdOf(sent),
        required(message.code, 'a code in the delivered message')
      );
      expect(idToken).toMatchObject({ phone_number: phone, aud: appId });
      const users = await api.ok('GET', `/users?search=${phone}`);
      expect(users).toEqual([expect.objectContaining({ id: idToken.sub, primaryPhone: phone })]);
    });

    /** Logto's answer to the Console's "Send" with a config patch, and to a sign-in with it saved. */
    const bothWays = async (phone: string, overrides: ConnectorConfig, arrange?: () => void) => {
      arrange?.();
      const operator = await testCall(phone, overrides);
      await saveConfig(overrides);
      try {
        arrange?.();
        const interaction = await startPhoneInteraction(
          { endpoint: environment.endpoint, appId, redirectUri },
          'SignIn',
          phone
        );
        const endUser = await interaction.sendCode();
        failureResponses.push(operator, endUser);
        return { operator, endUser };
      } finally {
        await saveConfig({});
      }
    };

    describe('what the operator (Console test call) and the end user (Experience API) see', () => {
      it('a wrong secret: 400 connector.invalid_config, "The connector\'s config is invalid.", for both', async () => {
        const { operator, endUser } = await bothWays(
          freshMainlandPhone(),
          knownEntry().wrongSecret
        );
        for (const response of [operator, endUser]) {
          expect(logtoShows(response)).toEqual({
            status: 400,
            code: 'connector.invalid_config',
            message: logtoMessages.invalidConfig,
          });
          // The fix hint travels in data.errorDescription (the Console's details), never the secret.
          expect(errorDescriptionOf(response)).toMatch(/secret|apikey|key/i);
        }
      });

      it('a rate limit: 429 connector.rate_limit_exceeded, "Trigger rate limit. Please try again later.", for both', async () => {
        const phone = freshMainlandPhone();
        expect((await testCall(phone)).status).toBe(204);
        const operator = await testCall(phone);
        const interaction = await startPhoneInteraction(
          { endpoint: environment.endpoint, appId, redirectUri },
          'SignIn',
          freshMainlandPhone()
        );
        expect((await interaction.sendCode()).status).toBe(200);
        const endUser = await interaction.sendCode();
        failureResponses.push(operator, endUser);
        for (const response of [operator, endUser]) {
          expect(logtoShows(response)).toEqual({
            status: 429,
            code: 'connector.rate_limit_exceeded',
            message: logtoMessages.rateLimitExceeded,
          });
        }
      });

      if (entry?.refusedNumber) {
        const refused = entry.refusedNumber;
        it(`a number refused by configuration: ${refused.shows.status} ${String(refused.shows.code)}, "${String(refused.shows.message)}"`, async () => {
          const since = Date.now();
          const { operator, endUser } = await bothWays(refused.digits, refused.patch);
          for (const response of [operator, endUser]) {
            expect(logtoShows(response)).toEqual(refused.shows);
            expect(errorDescriptionOf(response)).toBe(refused.text);
          }
          expect(sandbox.inbox.list({ since })).toEqual([]);
        });
      }

      it('a hung provider: 400 connector.general, "Error occurred in connector: No answer from … before the timeout …", for both', async () => {
        const { operator, endUser } = await bothWays(
          freshMainlandPhone(),
          { timeout: 1500 },
          () => {
            sandbox.faults.clear();
            sandbox.faults.add({
              provider: knownEntry().faultProvider ?? knownEntry().provider,
              kind: 'hang',
              sticky: true,
            });
          }
        );
        for (const response of [operator, endUser]) {
          const description = errorDescriptionOf(response);
          expect(description).toMatch(/^No answer from .+ before the timeout/);
          expect(logtoShows(response)).toEqual({
            status: 400,
            code: 'connector.general',
            message: logtoMessages.general(description),
          });
        }
      });
    });

    it('no secret appears in any failure response Logto gave, nor in its log', async () => {
      const log = await readFile(environment.logtoLog, 'utf8');
      expect(failureResponses.length).toBeGreaterThan(0);
      for (const secret of secrets()) {
        for (const response of failureResponses) {
          expect(response.text).not.toContain(secret);
        }
        expect(log).not.toContain(secret);
      }
      for (const secret of [environment.managementSecret, environment.databasePassword]) {
        for (const response of failureResponses) {
          expect(response.text).not.toContain(secret);
        }
      }
    });
  });
});
