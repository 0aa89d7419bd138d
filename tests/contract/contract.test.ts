/**
 * The contract every connector package keeps, run over all of them. A connector joins by adding
 * `test/contract-fixture.ts` (see ./fixture.ts); a connector package without one fails this suite.
 */
import {
  addConnectorToHost,
  createLogtoHost,
  factoryFor,
  loadLikeLogto,
  type HostedConnector,
  type LoadResult,
  type LogtoHost,
} from '@logto-sms/cli';

import {
  ConnectorErrorCodes,
  connectorMetadataGuard,
  type SmsConnector,
} from '@logto/connector-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { ensureBuilt } from '../helpers/build.js';
import {
  captureOutput,
  closedPortUrl,
  closeLoopbackServers,
  connectorWithoutSavedConfig,
  connectorWithSavedConfig,
  hostileEcho,
  jsonOf,
  leaksIn,
  leaksInError,
  rejectionOf,
  sendData,
  startHungServer,
  startScriptedServer,
  type Leak,
} from '../support/index.js';

import { contractCanaries, contractCode, discoverFixtures } from './discover.js';
import { configKeysOf, issuePaths, requestFields, requestText, volatileFields } from './inspect.js';

const { fixtures, missing } = await discoverFixtures();

/** A fresh contract payload per send, so no send sees another's object. */
const contractPayload = (): Record<string, unknown> => ({ code: contractCode });

// Logto's loader caches its result per process: install and load every connector in one go.
let host: LogtoHost | undefined;
let load: LoadResult;
const hosted = new Map<string, HostedConnector>();

beforeAll(async () => {
  await ensureBuilt(fixtures.map(({ packageName }) => packageName));
  host = await createLogtoHost();
  for (const { packageName, directory } of fixtures) {
    hosted.set(packageName, await addConnectorToHost(host, { kind: 'directory', path: directory }));
  }
  load = await loadLikeLogto(host);
}, 240_000);

afterAll(async () => {
  await host?.dispose();
});

afterEach(async () => {
  await closeLoopbackServers();
});

it('every connector package has a test/contract-fixture.ts', () => {
  expect(
    missing,
    `connector packages without test/contract-fixture.ts: ${missing.join(', ')}`
  ).toEqual([]);
  expect(fixtures.length).toBeGreaterThan(0);
});

// Usage types Logto added after the first four; a connector must send them with its Generic template.
const newerUsageTypes = [
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
  'OrganizationInvitation',
];

// Neither a Logto phone number nor anything routePhoneNumber may guess one from.
const malformedNumbers: unknown[] = [
  '',
  '   ',
  'abc',
  '+',
  '12345',
  '1380013800a',
  '86 138 0013 8000 9999 9',
  '8612345678901',
  13_800_138_000,
  null,
];

const missingCodePayloads: Array<Record<string, unknown> | undefined> = [
  {},
  { code: '' },
  { code: null },
  undefined,
];

describe.each(fixtures)('$packageName', ({ fixture, directory }) => {
  const configFor = (endpoint: string, patch: Record<string, unknown> = {}) => ({
    ...fixture.config(endpoint, contractCanaries),
    ...patch,
  });
  const connector = async (endpoint: string, patch?: Record<string, unknown>) =>
    connectorWithSavedConfig(fixture.createConnector, configFor(endpoint, patch));
  const successServer = async () => startScriptedServer([fixture.success]);

  it('names its own folder', () => {
    expect(directory.endsWith(`/packages/${fixture.packageName}`)).toBe(true);
  });

  describe('loading', () => {
    it("loads through Logto's loader from a packed install, without a warning, and sends from there", async () => {
      const installed = hosted.get(fixture.packageName)!;
      const factory = factoryFor(load, installed);
      expect(factory, load.logs.map(({ text }) => text).join(' | ')).toBeDefined();
      expect(load.logs).toEqual([]);
      const source = await connectorWithoutSavedConfig(fixture.createConnector);
      expect(factory!.metadata.id).toBe(source.metadata.id);

      const server = await successServer();
      const packed = (await factory!.createConnector({
        getConfig: async () => configFor(server.url),
      })) as SmsConnector;
      await expect(
        packed.sendMessage(sendData(fixture.numbers.mainland, { code: contractCode }))
      ).resolves.toBeDefined();
      expect(server.requests).toHaveLength(1);
    });

    it('reads no config and makes no request while Logto creates it', async () => {
      const getConfig = vi.fn(async () => {
        throw new Error('no config at load time');
      });
      const server = await successServer();
      await fixture.createConnector({ getConfig });
      expect(getConfig).not.toHaveBeenCalled();
      expect(server.requests).toEqual([]);
    });
  });

  describe('metadata', () => {
    it("passes connector-kit's connectorMetadataGuard", async () => {
      const { metadata } = await connectorWithoutSavedConfig(fixture.createConnector);
      const parsed = connectorMetadataGuard.safeParse(metadata);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
    });

    it('is named and described in en and zh-CN', async () => {
      const { metadata } = await connectorWithoutSavedConfig(fixture.createConnector);
      for (const phrases of [metadata.name, metadata.description]) {
        expect(phrases.en.trim()).toBeTruthy();
        expect(phrases['zh-CN']?.trim()).toBeTruthy();
      }
    });

    it('has one form item with a description for every config key, and none for anything else', async () => {
      const { metadata, configGuard } = await connectorWithoutSavedConfig(fixture.createConnector);
      const items = metadata.formItems ?? [];
      expect(items.map(({ key }) => key).sort()).toEqual(configKeysOf(configGuard).sort());
      for (const item of items) {
        expect(item.description?.trim(), item.key).toBeTruthy();
      }
    });
  });

  describe('refusals before the network', () => {
    it.each(
      fixture.invalidConfigs.map((entry) => ({
        ...entry,
        label: `${entry.field}: ${JSON.stringify(entry.patch)}`,
      }))
    )(
      'invalid config $label → invalid_config naming $field, no request',
      async ({ patch, field }) => {
        const server = await successServer();
        const error = await rejectionOf(
          (await connector(server.url, patch)).sendMessage(sendData(fixture.numbers.mainland))
        );
        expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
        const paths = issuePaths(error.data);
        expect(
          paths.some((path) => path === field || path.startsWith(`${field}.`)),
          `issue paths: ${paths.join(', ')}`
        ).toBe(true);
        expect(server.requests).toEqual([]);
      }
    );

    it('gives every invalid config case a field', () => {
      expect(fixture.invalidConfigs.length).toBeGreaterThan(0);
    });

    it.each(malformedNumbers.map((to) => ({ to, label: JSON.stringify(to) })))(
      'malformed number $label → invalid_request_parameters, no request',
      async ({ to }) => {
        const server = await successServer();
        const error = await rejectionOf((await connector(server.url)).sendMessage(sendData(to)));
        expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
        expect(server.requests).toEqual([]);
      }
    );

    it.each(
      missingCodePayloads.map((payload) => ({
        payload,
        label: jsonOf(payload) ?? 'no payload',
      }))
    )('payload $label → insufficient_request_parameters, no request', async ({ payload }) => {
      const server = await successServer();
      const data = { ...sendData(fixture.numbers.mainland), payload };
      const error = await rejectionOf((await connector(server.url)).sendMessage(data as never));
      expect(error.code).toBe(ConnectorErrorCodes.InsufficientRequestParameters);
      expect(server.requests).toEqual([]);
    });
  });

  describe('what reaches the provider', () => {
    const numbers = [fixture.numbers.mainland, fixture.numbers.international].filter(
      (to): to is string => to !== undefined
    );

    it.each(numbers)('keeps locale, uiLocales and link away from the provider (%s)', async (to) => {
      const server = await successServer();
      const payload = {
        code: contractCode,
        locale: 'qaa-lcmarker',
        uiLocales: 'qab-uimarker en',
        link: 'https://127.0.0.1/linkmarker',
      };
      await (await connector(server.url)).sendMessage(sendData(to, payload));
      expect(server.requests).toHaveLength(1);
      const seen = requestText(server.requests[0]!).toLowerCase();
      for (const marker of ['lcmarker', 'uimarker', 'linkmarker']) {
        expect(seen).not.toContain(marker);
      }
      expect(seen).toContain(contractCode.toLowerCase());
    });

    it(`sends ${newerUsageTypes.join(', ')} with the Generic template`, async () => {
      const server = await successServer();
      const sender = await connector(server.url);
      const send = async (type: string) => {
        await sender.sendMessage(sendData(fixture.numbers.mainland, { code: contractCode }, type));
        return requestFields(server.requests.at(-1)!);
      };
      // Two Generic sends and one after the rest: whatever differs among them (a nonce, a
      // timestamp, a signature) is per-request noise; time only moves forward, so a field equal in
      // the second and last Generic sends is also equal in every send between them.
      const generic = [await send('Generic'), await send('Generic')];
      const signIn = await send('SignIn');
      const newer = new Map<string, Map<string, string>>();
      for (const type of newerUsageTypes) {
        newer.set(type, await send(type));
      }
      generic.push(await send('Generic'));
      const noise = volatileFields(generic);
      const stable = (fields: Map<string, string>) =>
        Object.fromEntries([...fields].filter(([name]) => !noise.has(name)));

      // The comparison can tell templates apart: the fixture gives SignIn its own.
      expect(stable(signIn)).not.toEqual(stable(generic[0]!));
      for (const [type, fields] of newer) {
        expect(stable(fields), type).toEqual(stable(generic[0]!));
      }
    });

    it('ends within timeout + 1 s with exactly one request when the provider stays silent', async () => {
      const silent = await startHungServer();
      const timeout = 1000;
      const started = performance.now();
      const error = await rejectionOf(
        (await connector(silent.url, { timeout })).sendMessage(sendData(fixture.numbers.mainland))
      );
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(timeout + 1000);
      expect(error.code).not.toBe(ConnectorErrorCodes.InvalidConfig);
      // A retry sent late would show up here.
      await new Promise((resolve) => {
        setTimeout(resolve, 300);
      });
      expect(silent.requests).toHaveLength(1);
    });
  });

  describe('secrets', () => {
    // Only the canaries the fixture's config holds (YunPian has no token): a provider echoing a
    // value the connector was never given is not a leak.
    const configText = JSON.stringify(fixture.config('http://127.0.0.1:9', contractCanaries));
    const secrets = [
      ...[contractCanaries.secret, contractCanaries.token].filter((canary) =>
        configText.includes(JSON.stringify(canary).slice(1, -1))
      ),
      contractCode,
    ];

    type Scenario = { name: string; run: () => Promise<unknown> };

    it('leave no canary secret or code in any error, result or log line, and nothing is logged', async () => {
      const output = captureOutput();
      output.start();
      const leaks: Leak[] = [];
      const echo = hostileEcho(secrets);
      const answers = [
        {
          name: 'HTTP 500 echoing the secrets',
          answer: { status: 500, headers: { 'content-type': 'text/plain' }, body: echo },
        },
        {
          name: 'HTTP 400 echoing the secrets',
          answer: { status: 400, headers: { 'content-type': 'text/html' }, body: `<p>${echo}</p>` },
        },
        // JSON that is not the provider's envelope, quoting the secrets as a JSON serializer does.
        {
          name: 'HTTP 200 JSON quoting the secrets',
          answer: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ echo: secrets.join(' ') }),
          },
        },
        ...(fixture.refusal
          ? [{ name: 'a provider refusal quoting the secrets', answer: fixture.refusal(echo) }]
          : []),
      ];
      const send = async (
        endpoint: string,
        patch: Record<string, unknown> = {},
        to = fixture.numbers.mainland,
        payload: Record<string, unknown> | undefined = contractPayload()
      ) => (await connector(endpoint, patch)).sendMessage({ ...sendData(to), payload } as never);
      const scenarios: Scenario[] = [
        { name: 'success', run: async () => send((await successServer()).url) },
        ...answers.map(({ name, answer }) => ({
          name,
          run: async () => send((await startScriptedServer([answer])).url),
        })),
        {
          name: 'silent provider',
          run: async () => send((await startHungServer()).url, { timeout: 500 }),
        },
        { name: 'closed port', run: async () => send(await closedPortUrl()) },
        ...fixture.invalidConfigs.map(({ patch, field }) => ({
          name: `invalid ${field}`,
          run: async () => send('http://127.0.0.1:9', patch),
        })),
        ...malformedNumbers.map((to) => ({
          name: `number ${JSON.stringify(to)}`,
          run: async () => send('http://127.0.0.1:9', {}, to as string),
        })),
        {
          name: 'no code',
          run: async () => send('http://127.0.0.1:9', {}, fixture.numbers.mainland, {}),
        },
        {
          name: 'Console test with the unsaved config',
          run: async () => {
            const server = await startScriptedServer([answers[0]!.answer]);
            return (await connectorWithoutSavedConfig(fixture.createConnector)).sendMessage(
              sendData(fixture.numbers.mainland, { code: contractCode }, 'Generic'),
              configFor(server.url)
            );
          },
        },
      ];
      try {
        for (const { name, run } of scenarios) {
          const outcome = await run().then(
            (value) => ({ value }),
            (error: unknown) => ({ error })
          );
          if ('error' in outcome) {
            leaks.push(
              ...leaksInError(outcome.error, secrets).map((leak) => ({
                ...leak,
                where: `${name}: ${leak.where}`,
              }))
            );
          } else {
            leaks.push(...leaksIn(jsonOf(outcome.value) ?? '', secrets, `${name}: result`));
          }
        }
      } finally {
        output.stop();
      }
      for (const line of [...output.consoleLines, ...output.stdioChunks]) {
        leaks.push(...leaksIn(line, secrets, 'log'));
      }
      expect(leaks).toEqual([]);
      expect(output.consoleLines).toEqual([]);
    });
  });
});
