/**
 * The BUILT Aliyun connector (npm-packed, loaded by @logto/cli's loader from a Logto-shaped
 * directory) against the emulator over real HTTP on 127.0.0.1: successes with both signature
 * algorithms and STS, locale templates, every error category, and what lands in the inbox.
 */
import type { Sandbox } from '@logto-sms/sandbox';

import { beforeAll, describe, expect, it } from 'vitest';

import { connectorErrorOf, randomCode, senderFor, type LoadedConnector } from '../helpers/logto.js';

import { useEndToEndEnvironment } from './environment.js';
import { itMapsTransportFaults } from './transport-faults.js';

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];
const accessKeyId = 'LTAI5tSandboxKeyId0001';
const accessKeySecret = 'SandboxAccessKeySecret000000001';

let aliyun: LoadedConnector;
// Rate limits off, so tests can reuse numbers; `limited` has Aliyun's real per-number flow control.
let sandbox: Sandbox;
let limited: Sandbox;

const configFor = (target: Sandbox, overrides: Record<string, unknown> = {}) => ({
  accessKeyId,
  accessKeySecret,
  signName: 'Logto测试',
  endpoint: target.url,
  templates: usageTypes.map((usageType) => ({
    usageType,
    templateCode: { china: 'SMS_900001', overseas: 'SMS_900002' },
  })),
  ...overrides,
});

const environment = useEndToEndEnvironment();

beforeAll(() => {
  ({ sandbox, limited } = environment);
  aliyun = environment.logto.aliyun;
});

describe('successful sends', () => {
  it.each(['ACS3-HMAC-SHA256', 'HMAC-SHA1'] as const)(
    'mainland number, signed with %s',
    async (signatureAlgorithm) => {
      const sender = await senderFor(aliyun, configFor(sandbox, { signatureAlgorithm }));
      const code = randomCode();
      const result = (await sender.signIn('8613800138000', {
        code,
        locale: 'zh-CN',
        uiLocales: 'zh-CN en',
      })) as Record<string, unknown>;
      expect(result.bizId).toEqual(expect.any(String));
      expect(result.requestId).toEqual(expect.any(String));
      const messages = sandbox.inbox.list();
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        provider: 'aliyun',
        to: '13800138000',
        text: `【Logto测试】您的验证码为${code}，5分钟内有效，请勿泄露。`,
        code,
        template: 'SMS_900001',
        signName: 'Logto测试',
        credential: accessKeyId,
        signatureAlgorithm,
        requestId: result.requestId,
      });
    }
  );

  it.each(['ACS3-HMAC-SHA256', 'HMAC-SHA1'] as const)(
    'overseas number, signed with %s',
    async (signatureAlgorithm) => {
      const sender = await senderFor(aliyun, configFor(sandbox, { signatureAlgorithm }));
      const code = randomCode();
      await sender.signIn('85261234567', { code, locale: 'en' });
      expect(sandbox.inbox.list()).toEqual([
        expect.objectContaining({
          to: '85261234567',
          text: `【Logto测试】Your verification code is ${code}. It expires in 5 minutes.`,
          code,
          template: 'SMS_900002',
          signatureAlgorithm,
        }),
      ]);
    }
  );

  it.each(['ACS3-HMAC-SHA256', 'HMAC-SHA1'] as const)(
    'STS temporary credentials, signed with %s',
    async (signatureAlgorithm) => {
      const sender = await senderFor(
        aliyun,
        configFor(sandbox, {
          accessKeyId: 'STS.SandboxTempKeyId0001',
          accessKeySecret: 'SandboxStsSecret0000000000001',
          securityToken: 'SandboxStsToken-0001',
          signatureAlgorithm,
        })
      );
      const code = randomCode();
      await sender.signIn('8613800138000', { code });
      expect(sandbox.inbox.list()).toEqual([
        expect.objectContaining({
          credential: 'STS.SandboxTempKeyId0001',
          code,
          signatureAlgorithm,
        }),
      ]);
    }
  );

  it("the Console's Send button: Generic, code 000000, unsaved config as the second argument", async () => {
    const sender = await senderFor(aliyun, configFor(sandbox));
    await sender.consoleTest('8613800138000');
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({ to: '13800138000', code: '000000', template: 'SMS_900001' }),
    ]);
  });

  it('picks the locale template, falling back to the default one', async () => {
    const sender = await senderFor(
      aliyun,
      configFor(sandbox, {
        templates: [
          ...usageTypes.map((usageType) => ({
            usageType,
            templateCode: { china: 'SMS_900001', overseas: 'SMS_900002' },
          })),
          {
            usageType: 'SignIn',
            locale: 'en',
            templateCode: { china: 'SMS_900003', overseas: 'SMS_900002' },
          },
        ],
      })
    );
    const english = randomCode();
    await sender.signIn('8613800138000', { code: english, locale: 'en-US' });
    const chinese = randomCode();
    await sender.signIn('8613800138000', { code: chinese, locale: 'zh-CN' });
    const [latest, first] = sandbox.inbox.list();
    expect(first).toMatchObject({
      template: 'SMS_900003',
      text: `【Logto测试】Your verification code is ${english}.`,
      code: english,
    });
    expect(latest).toMatchObject({ template: 'SMS_900001', code: chinese });
  });
});

describe('errors, mapped to ConnectorError codes', () => {
  it("RateLimitExceeded: the emulator's real per-number flow control (1 per minute)", async () => {
    const sender = await senderFor(aliyun, configFor(limited));
    await sender.signIn('8613912345678', { code: randomCode() });
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613912345678', { code: randomCode() })
    );
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data.providerCode).toBe('isv.BUSINESS_LIMIT_CONTROL');
    expect(limited.inbox.count()).toBe(1);
  });

  it('UsageLimitExceeded: isv.AMOUNT_NOT_ENOUGH', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'isv.AMOUNT_NOT_ENOUGH' });
    const sender = await senderFor(aliyun, configFor(sandbox));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('usage_limit_exceeded');
    expect(error.data.providerCode).toBe('isv.AMOUNT_NOT_ENOUGH');
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('InvalidConfig: a wrong AccessKey secret → SignatureDoesNotMatch, and the secret is not echoed', async () => {
    const wrongSecret = 'CanaryWrongSecret000000000000001';
    const sender = await senderFor(aliyun, configFor(sandbox, { accessKeySecret: wrongSecret }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: '246810' })
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data.providerCode).toBe('SignatureDoesNotMatch');
    const everything = `${error.message} ${JSON.stringify(error.data)}`;
    expect(everything).not.toContain(wrongSecret);
    expect(everything).not.toContain('246810');
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('InvalidConfig: a config that fails the guard, passed by the Console', async () => {
    const sender = await senderFor(aliyun, configFor(sandbox, { signName: '' }));
    const error = await connectorErrorOf(async () => sender.consoleTest('8613800138000'));
    expect(error.code).toBe('invalid_config');
  });

  it.each([['12345'], ['86123']])('InvalidRequestParameters: malformed number %s', async (to) => {
    const sender = await senderFor(aliyun, configFor(sandbox));
    const error = await connectorErrorOf(async () => sender.signIn(to, { code: randomCode() }));
    expect(error.code).toBe('invalid_request_parameters');
    expect(sandbox.inbox.count()).toBe(0);
  });

  itMapsTransportFaults({
    provider: 'aliyun',
    sandbox: () => sandbox,
    sender: async (overrides) => senderFor(aliyun, configFor(sandbox, overrides)),
  });
});
