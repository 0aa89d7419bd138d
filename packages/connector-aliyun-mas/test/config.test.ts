import { parseConfig } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';

import { configGuard, type AliyunMasConfig } from '../src/config.js';
import { defaultTemplates } from '../src/metadata.js';

const parse = (raw: unknown): AliyunMasConfig => parseConfig(configGuard, raw);

/** The issues a Console user would see, as `path: message`. */
const issuesOf = (raw: unknown): string[] => {
  try {
    parse(raw);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConnectorError);
    const connectorError = error as ConnectorError;
    expect(connectorError.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(connectorError.data).toBeInstanceOf(ZodError);
    return (connectorError.data as ZodError).issues.map(
      ({ path, message }) => `${path.join('.')}: ${message}`
    );
  }
  throw new Error('expected the config to be rejected');
};

// The official @logto/connector-aliyun-sms-mas 1.1.2 config as its README and Console default save
// it: the four keys, all nine usage types with the system template codes (its own mapping,
// BindNewIdentifier → 100002), plus the option its repository test passes.
const officialExample = {
  accessKeyId: 'LTAI5tExampleKeyId',
  accessKeySecret: 'ExampleSecretValue',
  signName: '速通互联验证码',
  templates: [
    { usageType: 'Register', templateCode: '100001' },
    { usageType: 'SignIn', templateCode: '100001' },
    { usageType: 'ForgotPassword', templateCode: '100003' },
    { usageType: 'Generic', templateCode: '100001' },
    { usageType: 'UserPermissionValidation', templateCode: '100005' },
    { usageType: 'BindNewIdentifier', templateCode: '100002' },
    { usageType: 'OrganizationInvitation', templateCode: '100001' },
    { usageType: 'MfaVerification', templateCode: '100001' },
    { usageType: 'BindMfa', templateCode: '100001' },
  ],
  strictPhoneRegionNumberCheck: true,
};

describe('the official connector’s saved config', () => {
  it('validates unchanged and gets our defaults for the added keys', () => {
    const parsed = parse(officialExample);
    expect(parsed).toEqual({
      ...officialExample,
      templates: officialExample.templates.map((template) => ({ ...template })),
      codeValidMinutes: 10,
      endpoint: 'https://dypnsapi.aliyuncs.com',
      signatureAlgorithm: 'ACS3-HMAC-SHA256',
      timeout: 10_000,
    });
  });

  it('also as the Console stores it: a Json field as text, cleared optional fields as ""', () => {
    const parsed = parse({
      ...officialExample,
      templates: JSON.stringify(officialExample.templates),
      endpoint: '',
      timeout: '',
      codeValidMinutes: '',
      securityToken: '',
    });
    expect(parsed.templates).toHaveLength(9);
    expect(parsed.endpoint).toBe('https://dypnsapi.aliyuncs.com');
    expect(parsed.securityToken).toBeUndefined();
  });

  it('our form default is a valid config once the keys are filled in', () => {
    expect(
      parse({ ...officialExample, templates: defaultTemplates }).templates.map(
        ({ templateCode }) => templateCode
      )
    ).toEqual([
      '100001',
      '100001',
      '100003',
      '100001',
      '100001',
      '100005',
      '100004',
      '100001',
      '100001',
    ]);
  });
});

const withFixed = (fixedParams: unknown) => ({
  ...officialExample,
  templates: [
    ...officialExample.templates.slice(1),
    { usageType: 'Register', templateCode: '100001', fixedParams },
  ],
});

describe('refused configs name the field', () => {
  it.each([
    [{ accessKeyId: '' }, 'accessKeyId: accessKeyId is required.'],
    [{ accessKeySecret: 'has space' }, /^accessKeySecret: accessKeySecret may only contain/],
    [
      { signName: '【速通互联验证码】' },
      /^signName: signName is a gift signature name without 【】/,
    ],
    [{ accessKeyId: 'STS.abc' }, /^securityToken: accessKeyId starts with "STS."/],
    [{ codeValidMinutes: 0 }, 'codeValidMinutes: codeValidMinutes must be at least 1.'],
    [{ codeValidMinutes: 2.5 }, 'codeValidMinutes: codeValidMinutes is a whole number of minutes.'],
    [
      { endpoint: 'https://dysmsapi.aliyuncs.com' },
      /^endpoint: endpoint host "dysmsapi.aliyuncs.com" is not the Aliyun Message Authentication Service endpoint/,
    ],
    [
      { endpoint: 'https://dypnsapi-x.oss-cn-hangzhou.aliyuncs.com' },
      /^endpoint: endpoint host .* is not/,
    ],
    [{ endpoint: 'http://dypnsapi.aliyuncs.com' }, /^endpoint: endpoint must use https:\/\//],
    [{ signatureAlgorithm: 'MD5' }, 'signatureAlgorithm: Use one of: ACS3-HMAC-SHA256, HMAC-SHA1.'],
    [{ timeout: 50 }, 'timeout: timeout must be at least 100 ms.'],
  ])('%j', (patch, expected) => {
    const issues = issuesOf({ ...officialExample, ...patch });
    expect(issues).toHaveLength(1);
    if (typeof expected === 'string') {
      expect(issues[0]).toBe(expected);
    } else {
      expect(issues[0]).toMatch(expected);
    }
  });

  it('a template list without Generic, the one required usage type', () => {
    const templates = officialExample.templates.filter(({ usageType }) => usageType !== 'Generic');
    expect(issuesOf({ ...officialExample, templates })).toEqual([
      'templates: Add a Generic template (the older name "Test" also works): every usage type without its own template uses it. Register, SignIn, ForgotPassword templates are recommended, not required.',
    ]);
  });

  it('fixedParams may not set the code, and holds text under variable names', () => {
    expect(issuesOf(withFixed({ code: '000000' }))).toEqual([
      'templates.8.fixedParams: fixedParams may not set "code": it always holds Logto\'s verification code.',
    ]);
    expect(issuesOf(withFixed({ min: 5 }))[0]).toMatch(
      /^templates\.8\.fixedParams: fixedParams values must be text/
    );
    expect(issuesOf(withFixed({ 'not a name': 'x' }))[0]).toMatch(
      /fixedParams keys are template variable names/
    );
    expect(parse(withFixed({ product: 'Logto' })).templates[8]?.fixedParams).toEqual({
      product: 'Logto',
    });
  });

  it('never echoes a value typed into the wrong field', () => {
    const issues = issuesOf({ ...officialExample, signatureAlgorithm: 'ExampleSecretValue' });
    expect(issues.join('\n')).not.toContain('ExampleSecretValue');
  });
});
