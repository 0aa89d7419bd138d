import { parseConfig } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ZodError } from 'zod';

import { errorData, rejectionOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';
import { configGuard } from '../src/config.js';

import {
  allUsageTypes,
  apikey,
  baseConfig,
  connectorWith,
  mockYunpian,
  successBody,
} from './helpers.js';

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

/** What the official connector's Console form saves by default, plus its two optional keys. */
const officialConfig = {
  apikey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  templates: allUsageTypes.map((usageType) => ({
    usageType,
    content: '您的验证码是 {{code}}。如非本人操作，请忽略本短信',
  })),
  enableInternational: false,
  unsupportedCountriesMsg: '暂不支持向海外号码发送短信',
};

/** Zod issues of an invalid config, as `path: message` lines. */
const issuesOf = (config: unknown): string[] => {
  try {
    parseConfig(configGuard, config);
  } catch (error: unknown) {
    expect(error).toMatchObject({ code: ConnectorErrorCodes.InvalidConfig });
    const { data } = error as { data: unknown };
    expect(data).toBeInstanceOf(ZodError);
    return (data as ZodError).issues.map(({ path, message }) => `${path.join('.')}: ${message}`);
  }
  throw new Error('expected the config to be refused');
};

const parse = (config: unknown) => parseConfig(configGuard, config);

describe('config guard', () => {
  test('accepts the official connector config unchanged, with our defaults filled in', () => {
    expect(parse(officialConfig)).toEqual({
      ...officialConfig,
      strictPhoneRegionNumberCheck: true,
      endpoint: 'https://sms.yunpian.com',
      timeout: 10_000,
    });
  });

  test('accepts the official config without its optional keys (international off by default)', () => {
    const {
      enableInternational: _intl,
      unsupportedCountriesMsg: _message,
      ...minimal
    } = officialConfig;
    const parsed = parse(minimal);
    expect(parsed.enableInternational).toBe(false);
    expect(parsed.unsupportedCountriesMsg).toBeUndefined();
  });

  test('ignores keys it does not know (old or future config stays valid)', () => {
    expect(parse({ ...baseConfig(), somethingElse: 1 })).not.toHaveProperty('somethingElse');
  });

  test('trims apikey and refuses a missing, empty or non-string one', () => {
    expect(parse(baseConfig({ apikey: `  ${apikey}\n` })).apikey).toBe(apikey);
    expect(issuesOf(baseConfig({ apikey: '   ' }))).toEqual([
      'apikey: apikey is empty: copy the API key from the YunPian console (账户设置 → 子帐户管理).',
    ]);
    const { apikey: _omitted, ...withoutKey } = baseConfig();
    expect(issuesOf(withoutKey)[0]).toMatch(/^apikey: apikey is required/);
    expect(issuesOf(baseConfig({ apikey: 42 }))[0]).toMatch(
      /^apikey: apikey is the YunPian API key/
    );
  });

  test('accepts an apikey that is not 32 hex characters (YunPian decides; the form warns)', () => {
    expect(parse(baseConfig({ apikey: 'not-hex' })).apikey).toBe('not-hex');
  });

  test('names every missing required usage type', () => {
    const templates = [{ usageType: 'SignIn', content: '验证码#code#' }];
    expect(issuesOf(baseConfig({ templates }))).toEqual([
      'templates: Add a Generic template (the older name "Test" also works): every usage type without its own template uses it. Register, SignIn, ForgotPassword templates are recommended, not required.',
    ]);
  });

  test('refuses two templates for the same usage type and locale, allows different locales', () => {
    const templates = [
      ...(baseConfig().templates as unknown[]),
      { usageType: 'SignIn', content: 'Your code is {{code}}', locale: 'en' },
      { usageType: 'SignIn', content: 'Code: {{code}}', locale: 'EN' },
    ];
    expect(issuesOf(baseConfig({ templates }))).toEqual([
      'templates.5: Templates 4 and 5 both cover usageType "SignIn" with locale "EN"; keep one.',
    ]);
    expect(() => parse(baseConfig({ templates: templates.slice(0, 5) }))).not.toThrow();
  });

  test('refuses an unknown usage type and a malformed locale', () => {
    const templates = [
      ...(baseConfig().templates as unknown[]),
      { usageType: 'Login', content: '#code#' },
      { usageType: 'SignIn', content: '#code#', locale: 'english please' },
    ];
    const issues = issuesOf(baseConfig({ templates }));
    expect(issues[0]).toMatch(/^templates\.4\.usageType: Unknown usageType\. Use one of: /);
    expect(issues[1]).toMatch(/^templates\.5\.locale: Use a language tag/);
  });

  test.each([
    ['{{code}}', '您的验证码是{{code}}'],
    ['#code#', '您的验证码是#code#'],
    ['the placeholder only', '#code#'],
  ])('accepts content with one %s placeholder', (_name, content) => {
    const templates = [...(baseConfig().templates as unknown[]), { usageType: 'BindMfa', content }];
    expect(() => parse(baseConfig({ templates }))).not.toThrow();
  });

  test.each([
    [
      'no placeholder',
      '您的验证码是123456',
      /^templates\.4\.content: content has no verification-code placeholder\. Write \{\{code\}\} \(Logto style\) or #code#/,
    ],
    [
      'a spaced placeholder',
      '您的验证码是{{ code }}',
      /has no verification-code placeholder.*take no spaces/,
    ],
    [
      'an upper-case placeholder',
      '您的验证码是#CODE#',
      /has no verification-code placeholder.*case-sensitive/,
    ],
    [
      'two placeholders',
      '验证码{{code}}，再说一遍{{code}}',
      /^templates\.4\.content: content has 2 code placeholders; keep exactly one\./,
    ],
    ['one of each kind', '验证码#code#（{{code}}）', /content has 2 code placeholders/],
    ['an empty text', '', /has no verification-code placeholder/],
  ])('refuses content with %s, explaining the placeholder', (_name, content, message) => {
    const templates = [...(baseConfig().templates as unknown[]), { usageType: 'BindMfa', content }];
    const issues = issuesOf(baseConfig({ templates }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(message);
  });

  test('keeps content byte for byte (no trimming)', () => {
    const content = '  【示例】\r\n您的验证码是 #code#。\t ';
    const templates = [...(baseConfig().templates as unknown[]), { usageType: 'BindMfa', content }];
    expect(parse(baseConfig({ templates })).templates[4]?.content).toBe(content);
  });

  test('unsupportedCountriesMsg: kept as written, blank or null means "use the default"', () => {
    expect(
      parse(baseConfig({ unsupportedCountriesMsg: ' 暂不支持 ' })).unsupportedCountriesMsg
    ).toBe(' 暂不支持 ');
    expect(
      parse(baseConfig({ unsupportedCountriesMsg: '' })).unsupportedCountriesMsg
    ).toBeUndefined();
    expect(
      parse(baseConfig({ unsupportedCountriesMsg: null })).unsupportedCountriesMsg
    ).toBeUndefined();
    expect(issuesOf(baseConfig({ unsupportedCountriesMsg: 5 }))[0]).toMatch(
      /^unsupportedCountriesMsg: /
    );
  });

  test('enableInternational and strictPhoneRegionNumberCheck are booleans with defaults', () => {
    expect(parse(baseConfig())).toMatchObject({
      enableInternational: false,
      strictPhoneRegionNumberCheck: true,
    });
    expect(
      parse(baseConfig({ enableInternational: true, strictPhoneRegionNumberCheck: false }))
    ).toMatchObject({
      enableInternational: true,
      strictPhoneRegionNumberCheck: false,
    });
    expect(issuesOf(baseConfig({ enableInternational: 'yes' }))).toEqual([
      'enableInternational: enableInternational is true or false.',
    ]);
    expect(issuesOf(baseConfig({ strictPhoneRegionNumberCheck: 'no' }))[0]).toMatch(
      /^strictPhoneRegionNumberCheck: /
    );
  });

  test.each([
    [undefined, 'https://sms.yunpian.com'],
    ['', 'https://sms.yunpian.com'],
    [null, 'https://sms.yunpian.com'],
    ['https://us.yunpian.com', 'https://us.yunpian.com'],
    ['https://US.Yunpian.com/', 'https://us.yunpian.com'],
    [' https://sms.yunpian.com ', 'https://sms.yunpian.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('endpoint %j becomes %s', (endpoint, expected) => {
    expect(parse(baseConfig({ endpoint })).endpoint).toBe(expected);
  });

  test.each([
    ['http://sms.yunpian.com', /must use https:\/\//],
    ['https://sms.yunpian.com.evil.example', /is not a YunPian host/],
    // Only the two documented SMS API hosts: other yunpian.com services and any deeper or
    // bare name are not where single_send lives.
    ['https://vsms.yunpian.com', /is not a YunPian host/],
    ['https://voice.yunpian.com', /is not a YunPian host/],
    ['https://www.yunpian.com', /is not a YunPian host/],
    ['https://yunpian.com', /is not a YunPian host/],
    ['https://attacker.sms.yunpian.com', /is not a YunPian host/],
    ['https://sms-yunpian.com', /is not a YunPian host/],
    ['https://evilyunpian.com', /is not a YunPian host/],
    ['https://yunpian.com.cn', /is not a YunPian host/],
    ['https://sms.yunpian.com/v2/sms/single_send.json', /bare origin/],
    ['https://user:pass@sms.yunpian.com', /bare origin/],
    ['ftp://sms.yunpian.com', /must start with https:\/\//],
    ['sms.yunpian.com', /must be a URL/],
  ])('refuses endpoint %s', (endpoint, message) => {
    const issues = issuesOf(baseConfig({ endpoint }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^endpoint: /);
    expect(issues[0]).toMatch(message);
  });

  test('timeout: default, bounds, Console blanks and digit strings', () => {
    expect(parse(baseConfig()).timeout).toBe(10_000);
    expect(parse(baseConfig({ timeout: '' })).timeout).toBe(10_000);
    expect(parse(baseConfig({ timeout: '5000' })).timeout).toBe(5000);
    expect(parse(baseConfig({ timeout: 100 })).timeout).toBe(100);
    expect(parse(baseConfig({ timeout: 60_000 })).timeout).toBe(60_000);
    expect(issuesOf(baseConfig({ timeout: 99 }))).toEqual([
      'timeout: timeout must be at least 100 ms.',
    ]);
    expect(issuesOf(baseConfig({ timeout: 60_001 }))).toEqual([
      'timeout: timeout must be at most 60000 ms (one minute).',
    ]);
    expect(issuesOf(baseConfig({ timeout: 1000.5 }))).toEqual([
      'timeout: timeout is a whole number of milliseconds.',
    ]);
    expect(issuesOf(baseConfig({ timeout: 'soon' }))[0]).toMatch(
      /^timeout: timeout is a number of milliseconds/
    );
  });

  test('refuses a config that is not an object', () => {
    expect(issuesOf(undefined)).toHaveLength(1);
    expect(issuesOf('apikey')).toHaveLength(1);
  });
});

const withSignIn = (content: unknown) => ({
  ...baseConfig(),
  templates: [
    ...(baseConfig().templates as Array<Record<string, unknown>>).slice(1),
    { usageType: 'SignIn', content },
  ],
});

describe('content per region', () => {
  test('accepts separate domestic and international texts', () => {
    const result = configGuard.safeParse(
      withSignIn({ china: '验证码#code#', overseas: 'Code {{code}}' })
    );
    expect(result.success).toBe(true);
  });

  test.each([
    [{ china: '验证码#code#' }, 'content is the approved template text, or { "china"'],
    [
      { china: '验证码#code#', overseas: 'no placeholder' },
      'content.overseas has no verification-code placeholder',
    ],
    [{ china: '#code##code#', overseas: 'Code #code#' }, 'content.china has 2 code placeholders'],
    [42, 'content is the approved template text, or { "china"'],
  ])('explains a bad content %j', (content, message) => {
    const result = configGuard.safeParse(withSignIn(content));
    expect(result.success).toBe(false);
    expect(
      result.success ? '' : result.error.issues.map((issue) => issue.message).join(' | ')
    ).toContain(message);
  });
});

describe('config as sendMessage reads it', () => {
  beforeEach(() => {
    nock.disableNetConnect();
    unmatchedRequests.length = 0;
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test('the Console "Send" button passes the unsaved config; an invalid one is InvalidConfig and sends nothing', async () => {
    const connector = await connectorWith();
    const error = await rejectionOf(
      connector.sendMessage(
        { to: '8613800138000', type: 'Generic' as never, payload: { code: '000000' } },
        baseConfig({ endpoint: 'https://example.com' })
      )
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toBeInstanceOf(ZodError);
    expect(unmatchedRequests).toEqual([]);
  });

  test('the official config sends through the Console "Send" button', async () => {
    const { scope, captured } = mockYunpian(200, successBody);
    const connector = await connectorWith();
    await expect(
      connector.sendMessage(
        { to: '8613800138000', type: 'Generic' as never, payload: { code: '000000' } },
        officialConfig
      )
    ).resolves.toEqual({
      sid: '3310228982',
      count: 1,
      fee: 0.05,
      mobile: '13800138000',
      template: anyText,
    });
    expect(scope.isDone()).toBe(true);
    expect(new URLSearchParams(captured[0]?.body).get('text')).toBe(
      '您的验证码是 000000。如非本人操作，请忽略本短信'
    );
  });

  test('a saved config that getConfig cannot read is refused before any request', async () => {
    const connector = await connectorWith({ apikey });
    const error = await rejectionOf(
      connector.sendMessage({
        to: '8613800138000',
        type: 'SignIn' as never,
        payload: { code: '123456' },
      })
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(errorData(error)).toBeInstanceOf(ZodError);
    expect(unmatchedRequests).toEqual([]);
  });
});

describe('allowedCountries', () => {
  test('is optional, and normalised when present', () => {
    expect(parse(baseConfig()).allowedCountries).toBeUndefined();
    expect(parse(baseConfig({ allowedCountries: '["cn", "mo"]' })).allowedCountries).toEqual([
      'CN',
      'MO',
    ]);
  });

  test('names the field for an empty list', () => {
    expect(issuesOf(baseConfig({ allowedCountries: [] }))[0]).toMatch(
      /^allowedCountries: allowedCountries is empty/
    );
  });
});
