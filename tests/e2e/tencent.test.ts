/**
 * The BUILT Tencent connector (npm-packed, loaded by @logto/cli's loader from a Logto-shaped
 * directory) against the emulator over real HTTP on 127.0.0.1: TC3 signatures checked by the
 * emulator's own verifier, domestic and international templates and sign names, STS, locale
 * templates, fixedParams, each error category, and the inbox contents.
 */
import type { Sandbox } from '@logto-sms/sandbox';

import { beforeAll, describe, expect, it } from 'vitest';

import { connectorErrorOf, randomCode, senderFor, type LoadedConnector } from '../helpers/logto.js';
import { anyString, stringMatching } from '../support/index.js';

import { useEndToEndEnvironment } from './environment.js';
import { itMapsTransportFaults } from './transport-faults.js';

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];
const key = {
  accessKeyId: 'AKIDSandboxSecretId0001',
  accessKeySecret: 'SandboxSecretKey00000000000000001',
};
const sts = {
  accessKeyId: 'AKIDSandboxTmpSecretId0001',
  accessKeySecret: 'SandboxTmpSecretKey0000000000001',
  securityToken: 'SandboxTencentStsToken-0001',
};

let tencent: LoadedConnector;
let sandbox: Sandbox;
let limited: Sandbox;

const configFor = (target: Sandbox, overrides: Record<string, unknown> = {}) => ({
  ...key,
  sdkAppId: '1400000001',
  signName: 'Logto测试',
  overseasSignName: 'LogtoSandbox',
  region: 'ap-guangzhou',
  endpoint: target.url,
  templates: usageTypes.map((usageType) => ({
    usageType,
    templateCode: { china: '900001', overseas: '900002' },
  })),
  ...overrides,
});

const environment = useEndToEndEnvironment();

beforeAll(() => {
  ({ sandbox, limited } = environment);
  tencent = environment.logto.tencent;
});

describe('successful sends', () => {
  it('mainland number: +86, domestic template and signature; uiLocales never reaches Tencent', async () => {
    const sender = await senderFor(tencent, configFor(sandbox));
    const code = randomCode();
    const result = (await sender.signIn('8613800138000', {
      code,
      locale: 'zh-CN',
      uiLocales: 'zh-CN en',
    })) as Record<string, unknown>;
    const [message] = sandbox.inbox.list();
    expect(sandbox.inbox.count()).toBe(1);
    expect(message).toMatchObject({
      provider: 'tencent',
      to: '+8613800138000',
      text: `【Logto测试】您的验证码为${code}，5分钟内有效，请勿泄露。`,
      code,
      template: '900001',
      signName: 'Logto测试',
      credential: key.accessKeyId,
      signatureAlgorithm: 'TC3-HMAC-SHA256',
    });
    expect(result).toEqual({
      serialNo: stringMatching(/^5000:/),
      requestId: message!.requestId,
    });
  });

  it.each([
    ['16502530000', '+16502530000'],
    ['85261234567', '+85261234567'],
    ['447400123456', '+447400123456'],
  ])(
    'international number %s: sent as %s on the international template and signature',
    // eslint-disable-next-line unicorn/prevent-abbreviations -- E.164 is the number format's name, not an abbreviation
    async (to, e164) => {
      const sender = await senderFor(tencent, configFor(sandbox));
      const code = randomCode();
      await sender.signIn(to, { code });
      expect(sandbox.inbox.list()).toEqual([
        expect.objectContaining({
          to: e164,
          code,
          template: '900002',
          signName: 'LogtoSandbox',
          text: `【LogtoSandbox】Your verification code is ${code}. It expires in 5 minutes.`,
        }),
      ]);
    }
  );

  it('without overseasSignName an international message goes out unsigned', async () => {
    const sender = await senderFor(tencent, configFor(sandbox, { overseasSignName: undefined }));
    const code = randomCode();
    await sender.signIn('16502530000', { code });
    expect(sandbox.inbox.list()[0]).toMatchObject({
      signName: '',
      text: `Your verification code is ${code}. It expires in 5 minutes.`,
    });
  });

  it('STS temporary credentials, and the Console "Send" button (unsaved config, Generic)', async () => {
    const sender = await senderFor(tencent, configFor(sandbox, sts));
    await sender.consoleTest('8613800138000');
    expect(sandbox.inbox.list()[0]).toMatchObject({
      credential: sts.accessKeyId,
      code: '000000',
      template: '900001',
    });
  });

  it('locale templates and fixedParams: {2} filled from the template entry', async () => {
    const sender = await senderFor(
      tencent,
      configFor(sandbox, {
        templates: [
          ...usageTypes.map((usageType) => ({
            usageType,
            templateCode: { china: '900001', overseas: '900002' },
          })),
          {
            usageType: 'SignIn',
            locale: 'zh-CN',
            templateCode: { china: '900003', overseas: '900002' },
            fixedParams: ['10'],
          },
        ],
      })
    );
    const code = randomCode();
    await sender.signIn('8613800138000', { code, locale: 'zh-CN' });
    expect(sandbox.inbox.list()[0]).toMatchObject({
      template: '900003',
      text: `【Logto测试】您的验证码为${code}，10分钟内有效。`,
    });
  });

  it("the official connector's config shape (one template ID, nine usage types) works unchanged", async () => {
    const sender = await senderFor(tencent, {
      ...key,
      sdkAppId: '1400000001',
      signName: 'Logto测试',
      region: 'ap-guangzhou',
      endpoint: sandbox.url,
      templates: [
        'SignIn',
        'Register',
        'ForgotPassword',
        'Generic',
        'OrganizationInvitation',
        'UserPermissionValidation',
        'BindNewIdentifier',
        'MfaVerification',
        'BindMfa',
      ].map((usageType) => ({ usageType, templateCode: '900001' })),
    });
    const code = randomCode();
    await sender.signIn('8613800138000', { code }, 'MfaVerification');
    expect(sandbox.inbox.list()[0]).toMatchObject({ to: '+8613800138000', code });
  });
});

/** Sends with `config` and checks the ConnectorError `code` (and, if given, its provider fields). */
const expectError = async (
  config: Record<string, unknown>,
  to: string,
  code: string,
  providerCode?: string
) => {
  const sender = await senderFor(tencent, config);
  const error = await connectorErrorOf(async () => sender.signIn(to, { code: randomCode() }));
  expect(error.code).toBe(code);
  if (providerCode) {
    expect(error.data).toMatchObject({
      provider: 'tencent',
      providerCode,
      httpStatus: 200,
      requestId: anyString,
      hint: anyString,
    });
  }
  return error;
};

describe('errors, as Logto sees them', () => {
  it('a wrong SecretKey → invalid_config (AuthFailure.SignatureFailure)', async () => {
    await expectError(
      configFor(sandbox, { accessKeySecret: 'WrongSecretKey000000000000000001' }),
      '8613800138000',
      'invalid_config',
      'AuthFailure.SignatureFailure'
    );
  });

  it('an STS key without its token → invalid_config (AuthFailure.TokenFailure)', async () => {
    await expectError(
      configFor(sandbox, { ...sts, securityToken: undefined }),
      '8613800138000',
      'invalid_config',
      'AuthFailure.TokenFailure'
    );
  });

  it('an unknown SdkAppId → invalid_config', async () => {
    await expectError(
      configFor(sandbox, { sdkAppId: '1400999999' }),
      '8613800138000',
      'invalid_config',
      'InvalidParameterValue.SdkAppIdNotExist'
    );
  });

  it('an unserved region → invalid_config (UnsupportedRegion)', async () => {
    await expectError(
      configFor(sandbox, { region: 'eu-moscow' }),
      '8613800138000',
      'invalid_config',
      'UnsupportedRegion'
    );
  });

  it('a domestic template ID for everyone → the international number fails as invalid_config, never misdelivered', async () => {
    const config = configFor(sandbox, {
      templates: usageTypes.map((usageType) => ({ usageType, templateCode: '900001' })),
    });
    await expectError(
      config,
      '16502530000',
      'invalid_config',
      'FailedOperation.TemplateIncorrectOrUnapproved'
    );
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('an unapproved sign name → invalid_config', async () => {
    await expectError(
      configFor(sandbox, { signName: '别人的签名' }),
      '8613800138000',
      'invalid_config',
      'FailedOperation.SignatureIncorrectOrUnapproved'
    );
  });

  it('a second code within 30 s → rate_limit_exceeded, one delivery', async () => {
    const sender = await senderFor(tencent, configFor(limited));
    await sender.signIn('8613800138011', { code: randomCode() });
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138011', { code: randomCode() })
    );
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.data.providerCode).toBe('LimitExceeded.PhoneNumberThirtySecondLimit');
    expect(limited.inbox.count()).toBe(1);
  });

  it('RequestLimitExceeded once is retried (re-signed) and delivered once', async () => {
    sandbox.faults.add({ provider: 'tencent', kind: 'error', code: 'RequestLimitExceeded' });
    const sender = await senderFor(tencent, configFor(sandbox));
    await sender.signIn('8613800138000', { code: randomCode() });
    expect(sandbox.inbox.count()).toBe(1);
  });

  it.each([
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'usage_limit_exceeded'],
    ['FailedOperation.PhoneNumberInBlacklist', 'invalid_request_parameters'],
    ['InternalError.Timeout', 'general'],
  ])('%s → %s', async (providerCode, code) => {
    sandbox.faults.add({ provider: 'tencent', kind: 'error', code: providerCode });
    await expectError(configFor(sandbox), '8613800138000', code, providerCode);
  });

  it('a malformed number → invalid_request_parameters before any request', async () => {
    const sender = await senderFor(tencent, configFor(sandbox));
    const error = await connectorErrorOf(async () =>
      sender.signIn('86123', { code: randomCode() })
    );
    expect(error.code).toBe('invalid_request_parameters');
  });
});

describe('transport faults', () => {
  itMapsTransportFaults({
    provider: 'tencent',
    sandbox: () => sandbox,
    sender: async (overrides = {}) => senderFor(tencent, configFor(sandbox, overrides)),
  });
});
