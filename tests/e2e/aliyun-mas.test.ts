/**
 * The BUILT Aliyun MAS connector (npm-packed, loaded by @logto/cli's loader from a Logto-shaped
 * directory) against the emulator's SendSmsVerifyCode over real HTTP on 127.0.0.1: both signature
 * algorithms and STS, the mainland-only rule, the minutes variable, every error category, and
 * what lands in the inbox.
 */
import type { Sandbox } from '@logto-sms/sandbox';

import { beforeAll, describe, expect, it } from 'vitest';

import { connectorErrorOf, randomCode, senderFor, type LoadedConnector } from '../helpers/logto.js';
import { anyString } from '../support/index.js';

import { useEndToEndEnvironment } from './environment.js';
import { itMapsTransportFaults } from './transport-faults.js';

let mas: LoadedConnector;
let sandbox: Sandbox;
let limited: Sandbox;

// The official connector's four keys, as its README shows them, pointed at the emulator.
const configFor = (target: Sandbox, overrides: Record<string, unknown> = {}) => ({
  accessKeyId: 'LTAI5tSandboxKeyId0001',
  accessKeySecret: 'SandboxAccessKeySecret000000001',
  signName: '速通互联验证码',
  templates: [
    { usageType: 'SignIn', templateCode: '100001' },
    { usageType: 'Register', templateCode: '100001' },
    { usageType: 'ForgotPassword', templateCode: '100003' },
    { usageType: 'Generic', templateCode: '100001' },
  ],
  endpoint: target.url,
  ...overrides,
});

const environment = useEndToEndEnvironment();

beforeAll(() => {
  ({ sandbox, limited } = environment);
  mas = environment.logto.aliyunMas;
});

describe('successful sends', () => {
  it.each(['ACS3-HMAC-SHA256', 'HMAC-SHA1'] as const)(
    'mainland number, signed with %s',
    async (signatureAlgorithm) => {
      const sender = await senderFor(mas, configFor(sandbox, { signatureAlgorithm }));
      const code = randomCode();
      const result = (await sender.signIn('8613800138000', {
        code,
        locale: 'zh-CN',
        uiLocales: 'zh-CN en',
        link: 'https://x',
      })) as Record<string, unknown>;
      expect(result).toEqual({ bizId: anyString, requestId: anyString });
      expect(sandbox.inbox.list()).toEqual([
        expect.objectContaining({
          provider: 'aliyun-mas',
          to: '13800138000',
          text: `【速通互联验证码】您的验证码为${code}，10分钟内有效，请勿泄露。`,
          code,
          template: '100001',
          signName: '速通互联验证码',
          signatureAlgorithm,
          requestId: result.requestId,
        }),
      ]);
    }
  );

  // eslint-disable-next-line no-template-curly-in-string -- names the literal ${min} variable of a MAS system template
  it('STS temporary credentials; the usage type picks the system template; codeValidMinutes sets ${min}', async () => {
    const sender = await senderFor(
      mas,
      configFor(sandbox, {
        accessKeyId: 'STS.SandboxTempKeyId0001',
        accessKeySecret: 'SandboxStsSecret0000000000001',
        securityToken: 'SandboxStsToken-0001',
        codeValidMinutes: 15,
      })
    );
    const code = randomCode();
    await sender.signIn('8613900139000', { code }, 'ForgotPassword');
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({
        credential: 'STS.SandboxTempKeyId0001',
        template: '100003',
        text: `【速通互联验证码】您正在重置密码，验证码为${code}，15分钟内有效。`,
      }),
    ]);
  });

  it("the Console's Send button with the official connector's saved config", async () => {
    const sender = await senderFor(mas, configFor(sandbox));
    await sender.consoleTest('8613800138000');
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({ to: '13800138000', code: '000000', template: '100001' }),
    ]);
  });
});

describe('errors, mapped to ConnectorError codes', () => {
  it.each(['85261234567', '14155550100', '447400123456'])(
    'InvalidRequestParameters before any request: %s is not a mainland number',
    async (to) => {
      const sender = await senderFor(mas, configFor(sandbox));
      const error = await connectorErrorOf(async () => sender.signIn(to, { code: randomCode() }));
      expect(error.code).toBe('invalid_request_parameters');
      expect(error.data.errorDescription).toMatch(/Aliyun SMS connector/);
      expect(sandbox.inbox.count()).toBe(0);
    }
  );

  it("RateLimitExceeded: the emulator's per-number interval (biz.FREQUENCY)", async () => {
    const sender = await senderFor(mas, configFor(limited));
    await sender.signIn('8613912345678', { code: randomCode() });
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613912345678', { code: randomCode() })
    );
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data).toMatchObject({
      providerCode: 'biz.FREQUENCY',
      httpStatus: 200,
      requestId: anyString,
    });
    expect(limited.inbox.count()).toBe(1);
  });

  it('InvalidConfig: a signature that is not a current gift signature', async () => {
    const sender = await senderFor(mas, configFor(sandbox, { signName: 'Logto测试' }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data.providerCode).toBe('isv.SMS_SIGNATURE_ILLEGAL');
    expect(error.data.hint).toMatch(/赠送签名配置/);
  });

  it('InvalidConfig: an own template code instead of a system template', async () => {
    const templates = configFor(sandbox).templates.map((template) => ({
      ...template,
      templateCode: 'SMS_900001',
    }));
    const sender = await senderFor(mas, configFor(sandbox, { templates }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data.providerCode).toBe('isv.SMS_TEMPLATE_ILLEGAL');
  });

  it('InvalidConfig: a wrong AccessKey secret → SignatureDoesNotMatch, neither secret nor code echoed', async () => {
    const wrongSecret = 'CanaryWrongMasSecret00000000001';
    const sender = await senderFor(mas, configFor(sandbox, { accessKeySecret: wrongSecret }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: '975310' })
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data.providerCode).toBe('SignatureDoesNotMatch');
    const everything = `${error.message} ${JSON.stringify(error.data)}`;
    expect(everything).not.toContain(wrongSecret);
    expect(everything).not.toContain('975310');
  });

  it('UsageLimitExceeded: isv.OUT_OF_SERVICE from the service', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'isv.OUT_OF_SERVICE' });
    const sender = await senderFor(mas, configFor(sandbox));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('usage_limit_exceeded');
  });

  it('InvalidConfig: an endpoint that is not the documented host', async () => {
    const sender = await senderFor(
      mas,
      configFor(sandbox, { endpoint: 'https://dypnsapi-attacker.oss-cn-hangzhou.aliyuncs.com' })
    );
    const error = await connectorErrorOf(async () => sender.consoleTest('8613800138000'));
    expect(error.code).toBe('invalid_config');
  });

  itMapsTransportFaults({
    provider: 'aliyun',
    sandbox: () => sandbox,
    sender: async (overrides) => senderFor(mas, configFor(sandbox, overrides)),
  });
});
