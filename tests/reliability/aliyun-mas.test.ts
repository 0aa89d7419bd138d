/**
 * The Aliyun MAS connector under the reliability suite's conditions, over real sockets against the
 * emulator's SendSmsVerifyCode (no nock): canary secrets through every fault kind and provider
 * error, concurrent sends each delivered exactly once, and the retry rule (never a second code
 * after a response timeout; one retry when nothing was sent).
 */
import createAliyunMasConnector from '@logto-sms/connector-aliyun-mas';
import { startSandbox, type FaultSpec, type Sandbox } from '@logto-sms/sandbox';

import { ConnectorErrorCodes, type SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canaries, hostileEcho, leaksInError } from '../support/canaries.js';

import {
  closedPortUrl,
  connectorErrorOf,
  errorData,
  mainlandNumber,
  sendData,
  settle,
  sleep,
} from './support/env.js';

const longTermKeyId = 'LTAI5tMasProbeKey0001';
const stsKeyId = 'STS.MasProbeTempKey0001';
const timeout = 500;

let sandbox: Sandbox;
let refused: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    config: {
      aliyun: {
        accessKeys: [{ accessKeyId: longTermKeyId, accessKeySecret: canaries.accessKeySecret }],
        stsCredentials: [
          {
            accessKeyId: stsKeyId,
            accessKeySecret: canaries.stsSecret,
            securityToken: canaries.securityToken,
          },
        ],
      },
      rateLimits: { enabled: false },
    },
  });
  refused = await closedPortUrl();
});

afterAll(async () => {
  await sandbox.close();
});

type Credentials = {
  label: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
};
const longTerm: Credentials = {
  label: 'AccessKey',
  accessKeyId: longTermKeyId,
  accessKeySecret: canaries.accessKeySecret,
};
const sts: Credentials = {
  label: 'STS',
  accessKeyId: stsKeyId,
  accessKeySecret: canaries.stsSecret,
  securityToken: canaries.securityToken,
};

const masConfig = (
  credentials: Credentials,
  extra: Record<string, unknown> = {}
): Record<string, unknown> => ({
  accessKeyId: credentials.accessKeyId,
  accessKeySecret: credentials.accessKeySecret,
  ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
  signName: '速通互联验证码',
  templates: ['Register', 'SignIn', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: '100001',
  })),
  endpoint: sandbox.url,
  timeout: 10_000,
  ...extra,
});

const connectorFor = async (config: unknown): Promise<SmsConnector> =>
  createAliyunMasConnector({ getConfig: async () => config });

let sequence = 0;
const nextNumber = () => {
  sequence += 1;
  return mainlandNumber(88, sequence);
};

const send = async (
  config: Record<string, unknown>,
  to = nextNumber(),
  code: string = canaries.code
) => (await connectorFor(config)).sendMessage(sendData(to, code));

const faulted = async (config: Record<string, unknown>, fault: Omit<FaultSpec, 'to'>) => {
  const to = nextNumber();
  sandbox.faults.add({ ...fault, provider: 'aliyun', to });
  return send(config, to);
};

const secretsOf = (credentials: Credentials) =>
  [credentials.accessKeySecret, credentials.securityToken, canaries.code].filter(
    (value): value is string => value !== undefined
  );

describe.each([longTerm, sts])('no canary escapes ($label)', (credentials) => {
  const secrets = secretsOf(credentials);

  it.each(['ACS3-HMAC-SHA256', 'HMAC-SHA1'])(
    'every fault kind and provider error, signed with %s',
    async (signatureAlgorithm) => {
      const config = (extra: Record<string, unknown> = {}) =>
        masConfig(credentials, { signatureAlgorithm, ...extra });
      const scenarios: Array<
        [
          name: string,
          run: () => Promise<unknown>,
          expected: ConnectorErrorCodes,
          providerCode?: string,
        ]
      > = [
        [
          'hang',
          async () => faulted(config({ timeout }), { kind: 'hang' }),
          ConnectorErrorCodes.General,
        ],
        ['reset', async () => faulted(config(), { kind: 'reset' }), ConnectorErrorCodes.General],
        [
          'html502',
          async () => faulted(config(), { kind: 'html502' }),
          ConnectorErrorCodes.General,
        ],
        [
          'truncated',
          async () => faulted(config(), { kind: 'truncated' }),
          ConnectorErrorCodes.InvalidResponse,
        ],
        [
          'non-json',
          async () => faulted(config(), { kind: 'non-json' }),
          ConnectorErrorCodes.InvalidResponse,
        ],
        [
          'empty',
          async () => faulted(config(), { kind: 'empty' }),
          ConnectorErrorCodes.InvalidResponse,
        ],
        [
          'unknown-shape',
          async () => faulted(config(), { kind: 'unknown-shape' }),
          ConnectorErrorCodes.InvalidResponse,
        ],
        [
          'huge',
          async () => faulted(config(), { kind: 'huge', sizeBytes: 3 * 1024 * 1024 }),
          ConnectorErrorCodes.InvalidResponse,
        ],
        ['refused', async () => send(config({ endpoint: refused })), ConnectorErrorCodes.General],
        ...(
          [
            ['biz.FREQUENCY', ConnectorErrorCodes.RateLimitExceeded],
            ['isv.BUSINESS_LIMIT_CONTROL', ConnectorErrorCodes.RateLimitExceeded],
            ['isv.OUT_OF_SERVICE', ConnectorErrorCodes.UsageLimitExceeded],
            ['isv.RAM_PERMISSION_DENY', ConnectorErrorCodes.InvalidConfig],
            ['isv.MOBILE_NUMBER_ILLEGAL', ConnectorErrorCodes.InvalidRequestParameters],
            ['isp.SYSTEM_ERROR', ConnectorErrorCodes.General],
            ['InternalError', ConnectorErrorCodes.General],
          ] as const
        ).map(
          ([code, expected]) =>
            [
              `${code} echoing the secrets`,
              async () => faulted(config(), { kind: 'error', code, message: hostileEcho(secrets) }),
              expected,
              code,
            ] as [string, () => Promise<unknown>, ConnectorErrorCodes, string]
        ),
        [
          'wrong secret',
          async () =>
            send(
              masConfig(
                { ...credentials, accessKeySecret: canaries.wrongSecret },
                { signatureAlgorithm }
              )
            ),
          ConnectorErrorCodes.InvalidConfig,
          'SignatureDoesNotMatch',
        ],
        [
          'not a gift signature',
          async () => send(config({ signName: 'Logto测试' })),
          ConnectorErrorCodes.InvalidConfig,
          'isv.SMS_SIGNATURE_ILLEGAL',
        ],
        [
          'a number abroad',
          async () => send(config(), '85261234567'),
          ConnectorErrorCodes.InvalidRequestParameters,
        ],
      ];

      for (const [name, run, expected, providerCode] of scenarios) {
        const error = connectorErrorOf(await settle(run));
        expect(error.code, name).toBe(expected);
        if (providerCode) {
          expect(errorData(error).providerCode, name).toBe(providerCode);
        }
        expect(leaksInError(error, [...secrets, canaries.wrongSecret]), name).toEqual([]);
      }
    }
  );
});

describe('concurrency', () => {
  it('60 simultaneous sign-ins: each code delivered exactly once, to its own number', async () => {
    const config = masConfig(longTerm);
    const sends = Array.from({ length: 60 }, (_, index) => ({
      to: mainlandNumber(89, index),
      code: String(100_000 + index),
    }));
    const outcomes = await Promise.all(
      sends.map(async ({ to, code }) => settle(async () => send(config, to, code)))
    );
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    const delivered = sandbox.inbox
      .list({ provider: 'aliyun-mas' })
      .filter(({ to }) => to.startsWith('13890'));
    expect(delivered).toHaveLength(60);
    for (const { to, code } of sends) {
      expect(
        delivered.filter((message) => message.to === to.slice(2)).map((message) => message.code)
      ).toEqual([code]);
    }
  });
});

describe('the retry rule', () => {
  it('a response timeout is not retried: the late answer delivers the one code, never a second', async () => {
    const to = nextNumber();
    sandbox.faults.add({ provider: 'aliyun', to, kind: 'delay', delayMs: timeout + 400 });
    const error = connectorErrorOf(
      await settle(async () => send(masConfig(longTerm, { timeout }), to))
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    await sleep(900);
    expect(sandbox.inbox.list({ to: to.slice(2) })).toHaveLength(1);
  });

  it('a gateway throttle is retried once, re-signed, and the second attempt delivers', async () => {
    const to = nextNumber();
    const fault = sandbox.faults.add({
      provider: 'aliyun',
      to,
      kind: 'error',
      code: 'Throttling.User',
    });
    await send(masConfig(longTerm), to);
    // The throttle answered the first attempt (the one-shot fault is used up) and the retry delivered.
    expect(sandbox.faults.list().map(({ id }) => id)).not.toContain(fault);
    expect(sandbox.inbox.list({ to: to.slice(2) })).toHaveLength(1);
  });
});
