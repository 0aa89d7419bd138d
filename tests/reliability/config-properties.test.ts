/**
 * Arbitrary JSON as connector config, property-based. Network is disabled with nock: a mutated
 * config may point `endpoint` anywhere, so a guard that let a bad endpoint through must fail the
 * test here, not reach a real host. nock answers every provider/loopback request with a success,
 * so a config the guard accepts must lead to a successful send.
 *
 * This file uses nock and therefore no real sockets.
 */
import { ConnectorErrorCodes, type SmsConnector } from '@logto/connector-kit';
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { asLogtoPassesIt, configArbitrary, knownDefect } from './support/config-arbitraries.js';
import {
  aliyunSuccess,
  baseAliyun,
  baseConfigOf,
  baseTencent,
  baseYunpian,
  createConnectorOf,
  hostileExamples,
  successOf,
  tencentSuccess,
  yunpianSuccess,
} from './support/config-cases.js';
import {
  aliyunConfig,
  connectorErrorOf,
  errorData,
  formOnlyConnector,
  isConnectorError,
  requiredUsageTypes,
  sendData,
  settle,
  tencentConfig,
  yunpianConfig,
  type Provider,
} from './support/env.js';

// Nock tests a RegExp base path against the host name, the origin and "METHOD origin/path", so
// these match a host wherever it appears. (Plain http to a provider host is refused by the guard,
// which the endpoint tests below check explicitly.)
const aliyunHosts = /(?:^|\/\/)dysmsapi[a-z0-9.-]*\.aliyuncs\.com(?::\d+)?(?:\/|$)/;
const yunpianHosts = /(?:^|\/\/)(?:[a-z0-9-]+\.)+yunpian\.com(?::\d+)?(?:\/|$)/;
const tencentHosts = /(?:^|\/\/)sms(?:\.[a-z0-9-]+)?\.tencentcloudapi\.com(?::\d+)?(?:\/|$)/;
const loopbackHosts = /(?:^|\/\/)(?:localhost|127\.0\.0\.1|\[?::1\]?)(?::\d+)?(?:\/|$)/;

/** Every request that reached an interceptor, and every one that matched none (net connect is off). */
const requests: string[] = [];
const unmatched: string[] = [];
nock.emitter.on(
  'no match',
  (request: { method?: string; href?: string; path?: string; options?: { href?: string } }) => {
    unmatched.push(
      `${request.method ?? '?'} ${request.href ?? request.options?.href ?? request.path ?? '?'}`
    );
  }
);

/** A nock reply that records the request and answers the provider's success. */
const record = (fixed?: Provider) =>
  function (this: { req: { headers: Record<string, unknown> } }, uri: string) {
    // At a loopback '/', Aliyun and Tencent share the path, as in the emulator: Tencent's calls carry X-TC-Action.
    const provider =
      fixed ?? (this.req.headers['x-tc-action'] === undefined ? 'aliyun' : 'tencent');
    requests.push(`${provider} ${String(this.req.headers.host)}${uri}`);
    return [200, successOf[provider]] as [number, unknown];
  };

const providerScopes = () => {
  return [
    nock(aliyunHosts).persist().post('/').query(true).reply(record('aliyun')),
    nock(yunpianHosts).persist().post('/v2/sms/single_send.json').reply(record('yunpian')),
    nock(tencentHosts).persist().post('/').reply(record('tencent')),
    // More specific path first: nock stops at the first interceptor whose origin and path prefix fit.
    nock(loopbackHosts).persist().post('/v2/sms/single_send.json').reply(record('yunpian')),
    nock(loopbackHosts).persist().post('/').query(true).reply(record()),
  ];
};

beforeAll(() => {
  nock.disableNetConnect();
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

beforeEach(() => {
  requests.length = 0;
  unmatched.length = 0;
});

afterEach(() => {
  expect(unmatched).toEqual([]);
});

const guards: Record<Provider, SmsConnector['configGuard']> = {
  aliyun: (await formOnlyConnector('aliyun')).configGuard,
  yunpian: (await formOnlyConnector('yunpian')).configGuard,
  tencent: (await formOnlyConnector('tencent')).configGuard,
};

// Fixed, so a run is reproducible; FC_SEED explores others. fast-check names the seed and path of
// any counterexample in the failure message.
const propertySeed = Number(process.env.FC_SEED ?? 20_261_130);

// ------------------------------------------------------------------ properties

const validSend = sendData('8613800138000', '123456', 'SignIn');

const configWith = (provider: Provider, endpoint: string) =>
  provider === 'aliyun'
    ? aliyunConfig({ endpoint })
    : provider === 'yunpian'
      ? yunpianConfig({ endpoint })
      : tencentConfig({ endpoint });

/** A provider's base config with a 2 s timeout, for the transport cases. */
const config = (provider: Provider) => ({ ...baseConfigOf[provider](), timeout: 2000 });

const networkError = (code: string) => Object.assign(new Error(`${code} (simulated)`), { code });

describe('with nock answering every provider and loopback request with a success', () => {
  let scopes: nock.Scope[] = [];
  beforeAll(() => {
    scopes = providerScopes();
  });
  afterAll(() => {
    // Each persisted interceptor was exercised at least once below.
    const pending = scopes
      .filter((scope) => !scope.isDone())
      .flatMap((scope) => scope.pendingMocks());
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  describe.each<Provider>(['aliyun', 'yunpian', 'tencent'])(
    '%s: arbitrary JSON as config',
    (provider) => {
      it('is either a valid config that sends, or InvalidConfig with no request — never another exception', async () => {
        const guard = guards[provider];
        const viaForm = await formOnlyConnector(provider);
        await fc.assert(
          fc.asyncProperty(
            configArbitrary(provider),
            fc.boolean(),
            async (generated, savedConfig) => {
              // Two defects are pinned by the dedicated tests below; keep them from masking others here.
              fc.pre(!knownDefect(provider, generated));
              // What Logto hands a connector has been through JSON (the Console's form and the stored
              // config alike): Infinity, NaN and undefined never arrive as such.
              const config = asLogtoPassesIt(generated);
              const before = requests.length;
              // Both ways Logto hands over a config: the Console's unsaved form, and getConfig at sign-in.
              // (An absent form config means "read the saved one", so null/undefined go through getConfig.)
              const viaGetConfig = savedConfig || config === null || config === undefined;
              const connector = viaGetConfig
                ? await createConnectorOf[provider]({ getConfig: async () => config })
                : viaForm;
              const outcome = await settle(async () =>
                viaGetConfig
                  ? connector.sendMessage(validSend)
                  : connector.sendMessage(validSend, config)
              );
              const made = requests.length - before;
              const valid = guard.safeParse(config).success;

              if (!outcome.ok) {
                const error = outcome.error as { name?: string; message?: string };
                expect(
                  isConnectorError(outcome.error),
                  `${error.name ?? ''}: ${error.message ?? ''}`
                ).toBe(true);
              }
              if (valid) {
                const detail = outcome.ok
                  ? ''
                  : JSON.stringify({
                      code: connectorErrorOf(outcome).code,
                      data: errorData(connectorErrorOf(outcome)),
                    });
                expect(outcome.ok, `accepted config failed to send: ${detail}`).toBe(true);
                expect(made).toBe(1);
              } else {
                expect(outcome.ok).toBe(false);
                expect(connectorErrorOf(outcome).code).toBe(ConnectorErrorCodes.InvalidConfig);
                expect(made).toBe(0);
              }
            }
          ),
          {
            numRuns: 300,
            seed: propertySeed,
            examples: hostileExamples[provider].map(
              (config) => [config, false] as [unknown, boolean]
            ),
          }
        );
      });
    }
  );

  describe('config text that cannot go on the wire is InvalidConfig, before any request', () => {
    const lone = '\uD800';
    const defects: Array<{ provider: Provider; field: string; config: Record<string, unknown> }> = [
      {
        provider: 'aliyun',
        field: 'signName with a lone surrogate',
        config: { ...baseAliyun(), signName: `Logto${lone}` },
      },
      {
        provider: 'aliyun',
        field: 'accessKeySecret with a lone surrogate',
        config: { ...baseAliyun(), accessKeySecret: `secret${lone}` },
      },
      {
        provider: 'aliyun',
        field: 'accessKeyId with a lone surrogate',
        config: { ...baseAliyun(), accessKeyId: `LTAI5t${lone}` },
      },
      {
        provider: 'aliyun',
        field: 'securityToken with a lone surrogate',
        config: { ...baseAliyun(), securityToken: `token${lone}` },
      },
      {
        provider: 'aliyun',
        field: 'templateCode with a lone surrogate',
        config: {
          ...baseAliyun(),
          templates: requiredUsageTypes.map((usageType) => ({
            usageType,
            templateCode: `SMS_${lone}`,
          })),
        },
      },
      {
        provider: 'aliyun',
        field: 'accessKeyId beyond Latin-1 (V3 sends it in a header)',
        config: { ...baseAliyun(), accessKeyId: 'LTAI密钥' },
      },
      {
        provider: 'aliyun',
        field: 'securityToken beyond Latin-1 (V3 sends it in a header)',
        config: { ...baseAliyun(), securityToken: '令牌' },
      },
      {
        provider: 'yunpian',
        field: 'apikey with a lone surrogate',
        config: { ...baseYunpian(), apikey: `key${lone}` },
      },
      {
        provider: 'tencent',
        field: 'signName with a lone surrogate',
        config: { ...baseTencent(), signName: `腾讯云${lone}` },
      },
      {
        provider: 'tencent',
        field: 'accessKeySecret with a lone surrogate',
        config: { ...baseTencent(), accessKeySecret: `secret${lone}` },
      },
      {
        provider: 'tencent',
        field: 'fixedParams with a lone surrogate',
        config: {
          ...baseTencent(),
          templates: requiredUsageTypes.map((usageType) => ({
            usageType,
            templateCode: '1',
            fixedParams: [`5${lone}`],
          })),
        },
      },
      {
        provider: 'tencent',
        field: 'securityToken beyond Latin-1 (sent in X-TC-Token)',
        config: { ...baseTencent(), securityToken: '令牌' },
      },
      {
        provider: 'yunpian',
        field: 'template content with a lone surrogate (only U+FFFD could be sent)',
        config: {
          ...baseYunpian(),
          templates: requiredUsageTypes.map((usageType) => ({
            usageType,
            content: `【签名】验证码#code#${lone}`,
          })),
        },
      },
    ];

    it.each(defects)('$provider: $field', async ({ provider, config }) => {
      const connector = await formOnlyConnector(provider);
      const outcome = await settle(async () => connector.sendMessage(validSend, config));
      const error = connectorErrorOf(outcome);
      expect({ code: error.code, data: error.data }).toMatchObject({
        code: ConnectorErrorCodes.InvalidConfig,
      });
      expect(requests).toEqual([]);
    });
  });

  describe('endpoint: plain http is only for loopback', () => {
    const offMachine = [
      'http://dysmsapi.aliyuncs.com',
      'http://sms.yunpian.com',
      'http://sms.tencentcloudapi.com',
      'https://sms.tencentcloudapi.com.evil.example',
      'https://cvm.tencentcloudapi.com',
      'http://example.com',
      'http://10.0.0.1:4010',
      'http://192.168.1.10',
      'http://0.0.0.0:4010',
      'http://[::ffff:10.0.0.1]',
      'http://localhost.example.com',
      'http://127.0.0.1.nip.io',
      'http://localhost@evil.example',
      'HTTP://EXAMPLE.COM',
      'ftp://127.0.0.1',
      'file:///etc/passwd',
      // eslint-disable-next-line no-script-url -- a hostile endpoint the guard must refuse, never evaluated
      'javascript:alert(1)',
    ];

    it.each(
      offMachine.flatMap((endpoint) =>
        (['aliyun', 'yunpian', 'tencent'] as const).map((provider) => ({ provider, endpoint }))
      )
    )(
      '$provider refuses $endpoint with InvalidConfig before any request',
      async ({ provider, endpoint }) => {
        const config = configWith(provider, endpoint);
        const connector = await formOnlyConnector(provider);
        const outcome = await settle(async () => connector.sendMessage(validSend, config));
        expect(connectorErrorOf(outcome).code).toBe(ConnectorErrorCodes.InvalidConfig);
        expect(requests).toEqual([]);
      }
    );

    it.each([
      'http://127.0.0.1:4010',
      'http://localhost:4010',
      'http://[::1]:4010',
      'https://127.0.0.1:4010',
    ])('every connector accepts the loopback emulator endpoint %s', async (endpoint) => {
      for (const provider of ['aliyun', 'yunpian', 'tencent'] as const) {
        const config = configWith(provider, endpoint);
        const connector = await formOnlyConnector(provider);
        const outcome = await settle(async () => connector.sendMessage(validSend, config));
        expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      }
      expect(requests).toHaveLength(3);
    });
  });
});

// Sms-core's retry rule, seen through the connectors, for failures a loopback emulator cannot
// produce with a provider host name: DNS answers for the real endpoints.
describe('transport classification through the connectors (nock)', () => {
  const cases = [
    {
      provider: 'aliyun' as const,
      origin: 'https://dysmsapi.aliyuncs.com',
      path: '/',
      body: aliyunSuccess,
    },
    {
      provider: 'yunpian' as const,
      origin: 'https://sms.yunpian.com',
      path: '/v2/sms/single_send.json',
      body: yunpianSuccess,
    },
    {
      provider: 'tencent' as const,
      origin: 'https://sms.tencentcloudapi.com',
      path: '/',
      body: tencentSuccess,
    },
  ];
  beforeEach(() => {
    nock.cleanAll();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it.each(cases)(
    '$provider: ENOTFOUND twice → General "nothing was sent", exactly two attempts',
    async ({ provider, origin, path }) => {
      const scope = nock(origin)
        .post(path)
        .query(true)
        .replyWithError(networkError('ENOTFOUND'))
        .post(path)
        .query(true)
        .replyWithError(networkError('ENOTFOUND'));
      const connector = await formOnlyConnector(provider);
      const outcome = await settle(async () => connector.sendMessage(validSend, config(provider)));
      const error = connectorErrorOf(outcome);
      expect(error.code).toBe(ConnectorErrorCodes.General);
      expect(String(errorData(error).errorDescription)).toMatch(
        /ENOTFOUND[\s\S]*nothing was sent/i
      );
      expect(scope.isDone()).toBe(true);
    }
  );

  it.each(cases)(
    '$provider: EAI_AGAIN then an answer → sent once, by the single safe retry',
    async ({ provider, origin, path, body }) => {
      const scope = nock(origin)
        .post(path)
        .query(true)
        .replyWithError(networkError('EAI_AGAIN'))
        .post(path)
        .query(true)
        .reply(200, body);
      const connector = await formOnlyConnector(provider);
      const outcome = await settle(async () => connector.sendMessage(validSend, config(provider)));
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      expect(scope.isDone()).toBe(true);
    }
  );

  it.each(cases)(
    '$provider: ECONNRESET → General, never retried',
    async ({ provider, origin, path }) => {
      const scope = nock(origin).post(path).query(true).replyWithError(networkError('ECONNRESET'));
      const connector = await formOnlyConnector(provider);
      const outcome = await settle(async () => connector.sendMessage(validSend, config(provider)));
      const error = connectorErrorOf(outcome);
      expect(error.code).toBe(ConnectorErrorCodes.General);
      expect(String(errorData(error).errorDescription)).toMatch(
        /ECONNRESET[\s\S]*may or may not have been sent/i
      );
      expect(scope.isDone()).toBe(true);
      // A retry would have found no interceptor: the afterEach check on unmatched requests catches it.
    }
  );
});
