import { parseConfig } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';

import { configGuard, type AliyunSmsConfig } from '../src/config.js';
import { defaultTemplates } from '../src/metadata.js';

const credentials = {
  accessKeyId: 'LTAI5tExampleKeyId',
  accessKeySecret: 'ExampleSecretValue',
  signName: '阿里云短信测试',
};
const requiredTemplates = [
  { usageType: 'SignIn', templateCode: 'SMS_1' },
  { usageType: 'Register', templateCode: 'SMS_1' },
  { usageType: 'ForgotPassword', templateCode: 'SMS_1' },
  { usageType: 'Generic', templateCode: 'SMS_1' },
];
const base = { ...credentials, templates: requiredTemplates };

const parse = (raw: unknown): AliyunSmsConfig => parseConfig(configGuard, raw);

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

// The official connector's Console default (its form's defaultValue) once the keys are filled in.
const officialConsoleDefault = {
  ...credentials,
  templates: [
    'SignIn',
    'Register',
    'ForgotPassword',
    'OrganizationInvitation',
    'Generic',
    'UserPermissionValidation',
    'BindNewIdentifier',
    'MfaVerification',
    'BindMfa',
  ].map((usageType) => ({ usageType, templateCode: '<template-code>' })),
  strictPhoneRegionNumberCheck: false,
};

// The official connector's own test config: legacy `type: 2` and a { china, overseas } code.
const officialLegacyConfig = {
  accessKeyId: 'accessKeyId',
  accessKeySecret: 'accessKeySecret',
  signName: 'signName',
  templates: [
    { type: 2, usageType: 'SignIn', templateCode: 'TemplateCode' },
    {
      type: 2,
      usageType: 'Register',
      templateCode: { china: 'TemplateCode1', overseas: 'TemplateCode2' },
    },
    { type: 2, usageType: 'ForgotPassword', templateCode: 'TemplateCode' },
    { type: 2, usageType: 'Generic', templateCode: 'TemplateCode' },
  ],
};

describe('official connector configs validate unchanged', () => {
  it('the Console default with all nine usage types', () => {
    const config = parse(officialConsoleDefault);
    expect(config.templates).toHaveLength(9);
    expect(config.templates[0]).toEqual({
      usageType: 'SignIn',
      templateCode: '<template-code>',
      codeParamName: 'code',
    });
    expect(config.strictPhoneRegionNumberCheck).toBe(false);
  });

  it('legacy `type: 2` entries are accepted and dropped; {china, overseas} codes kept', () => {
    const config = parse(officialLegacyConfig);
    expect(config.templates[1]).toEqual({
      usageType: 'Register',
      templateCode: { china: 'TemplateCode1', overseas: 'TemplateCode2' },
      codeParamName: 'code',
    });
    expect(config.templates.every((template) => !('type' in template))).toBe(true);
  });

  it.each([
    ['absent', undefined, true],
    ['false', false, false],
    ['true', true, true],
  ])('strictPhoneRegionNumberCheck %s → %s', (_label, value, expected) => {
    const config = parse({
      ...officialLegacyConfig,
      ...(value === undefined ? {} : { strictPhoneRegionNumberCheck: value }),
    });
    expect(config.strictPhoneRegionNumberCheck).toBe(expected);
  });

  it('fills every new key with its default', () => {
    expect(parse(base)).toEqual({
      ...credentials,
      templates: requiredTemplates.map((template) => ({ ...template, codeParamName: 'code' })),
      strictPhoneRegionNumberCheck: true,
      endpoint: 'https://dysmsapi.aliyuncs.com',
      signatureAlgorithm: 'ACS3-HMAC-SHA256',
      timeout: 10_000,
    });
  });

  it('our own Console default validates', () => {
    expect(() => parse({ ...credentials, templates: defaultTemplates })).not.toThrow();
  });
});

describe('credentials and signature name', () => {
  it('trims values and drops an empty STS token (a cleared Console field)', () => {
    const config = parse({
      ...base,
      accessKeyId: '  LTAI5tExampleKeyId \n',
      signName: ' 阿里云短信测试 ',
      securityToken: '  ',
    });
    expect(config.accessKeyId).toBe('LTAI5tExampleKeyId');
    expect(config.signName).toBe('阿里云短信测试');
    expect(config.securityToken).toBeUndefined();
  });

  it('keeps an STS token', () => {
    expect(parse({ ...base, securityToken: 'CAIS-token' }).securityToken).toBe('CAIS-token');
    expect(
      parse({ ...base, accessKeyId: 'STS.NUxxx', securityToken: 'CAIS-token' }).accessKeyId
    ).toBe('STS.NUxxx');
  });

  it('an STS AccessKey without its token is refused with a hint', () => {
    expect(issuesOf({ ...base, accessKeyId: 'STS.NUxxx' })).toEqual([
      'securityToken: accessKeyId starts with "STS.", so it is a temporary credential: also fill in securityToken (the STS token), or use a RAM user AccessKey.',
    ]);
  });

  it('requires non-empty keys and signature', () => {
    expect(issuesOf({ ...base, accessKeyId: '', accessKeySecret: ' ', signName: '' })).toEqual([
      'accessKeyId: accessKeyId is required.',
      'accessKeySecret: accessKeySecret is required.',
      'signName: signName is required.',
    ]);
    expect(issuesOf({ templates: requiredTemplates })).toEqual([
      'accessKeyId: accessKeyId is required.',
      'accessKeySecret: accessKeySecret is required.',
      'signName: signName is required.',
    ]);
  });

  it('refuses a secret with a space inside (a bad paste)', () => {
    expect(issuesOf({ ...base, accessKeySecret: 'abc def' })).toEqual([
      'accessKeySecret: accessKeySecret may only contain letters, digits and ASCII symbols, without spaces or line breaks; copy it again from the Aliyun console.',
    ]);
  });

  it('refuses credentials beyond printable ASCII (they could not travel in a header)', () => {
    expect(issuesOf({ ...base, accessKeyId: 'LTAI密钥', securityToken: '令牌' })).toEqual([
      'accessKeyId: accessKeyId may only contain letters, digits and ASCII symbols, without spaces or line breaks; copy it again from the Aliyun console.',
      'securityToken: securityToken may only contain letters, digits and ASCII symbols, without spaces or line breaks.',
    ]);
  });

  it('refuses 【】 in signName and says Aliyun adds them', () => {
    const [issue] = issuesOf({ ...base, signName: '【阿里云短信测试】' });
    expect(issue).toMatch(/^signName: .*without 【】.*Aliyun adds the brackets itself/);
  });
});

const withName = (codeParamName: unknown) => ({
  ...base,
  templates: [
    ...requiredTemplates.slice(0, 3),
    { usageType: 'Generic', templateCode: 'SMS_1', codeParamName },
  ],
});

describe('templates', () => {
  it('names the missing required usage types', () => {
    expect(
      issuesOf({ ...base, templates: [{ usageType: 'SignIn', templateCode: 'SMS_1' }] })
    ).toEqual([
      'templates: Add a Generic template (the older name "Test" also works): every usage type without its own template uses it. Register, SignIn, ForgotPassword templates are recommended, not required.',
    ]);
  });

  it('rejects two templates for the same usage type and locale', () => {
    expect(
      issuesOf({
        ...base,
        templates: [
          ...requiredTemplates,
          { usageType: 'SignIn', templateCode: 'SMS_2', locale: 'en' },
          { usageType: 'SignIn', templateCode: 'SMS_3', locale: 'EN' },
        ],
      })
    ).toEqual([
      'templates.5: Templates 4 and 5 both cover usageType "SignIn" with locale "EN"; keep one.',
    ]);
    expect(
      issuesOf({
        ...base,
        templates: [...requiredTemplates, { usageType: 'Generic', templateCode: 'SMS_2' }],
      })
    ).toEqual([
      'templates.4: Templates 3 and 4 both cover usageType "Generic" without a locale; keep one.',
    ]);
  });

  it('reads templates pasted as JSON text', () => {
    expect(parse({ ...base, templates: JSON.stringify(requiredTemplates) }).templates).toHaveLength(
      4
    );
    expect(issuesOf({ ...base, templates: 'SMS_1' })).toEqual([
      'templates: Expected array, received string',
    ]);
  });

  it('allows the same usage type once per locale', () => {
    const config = parse({
      ...base,
      templates: [
        ...requiredTemplates,
        { usageType: 'SignIn', templateCode: 'SMS_EN', locale: 'en' },
        { usageType: 'SignIn', templateCode: 'SMS_ZH', locale: 'zh-CN' },
      ],
    });
    expect(config.templates).toHaveLength(6);
  });

  it('rejects unknown usage types, bad locales and empty template codes', () => {
    expect(
      issuesOf({
        ...base,
        templates: [
          ...requiredTemplates,
          { usageType: 'Login', templateCode: 'SMS_1' },
          { usageType: 'SignIn', templateCode: 'SMS_1', locale: 'english please' },
          { usageType: 'BindMfa', templateCode: '' },
          { usageType: 'BindMfa', templateCode: { china: 'SMS_1' } },
        ],
      })
    ).toEqual([
      expect.stringMatching(/^templates\.4\.usageType: Unknown usageType\. Use one of: .*SignIn/),
      'templates.5.locale: Use a language tag such as "en", "zh-CN" or "zh-Hant-TW".',
      'templates.6.templateCode: templateCode is required.',
      'templates.7.templateCode: templateCode is the Aliyun template code (e.g. "SMS_154950909") or { "china": "<code for mainland numbers>", "overseas": "<code for other numbers>" }.',
    ]);
  });

  it('codeParamName defaults to code, accepts variable names and refuses anything else', () => {
    expect(parse(withName('verifyCode')).templates[3]?.codeParamName).toBe('verifyCode');
    expect(parse(withName('sms_code2')).templates[3]?.codeParamName).toBe('sms_code2');
    expect(parse(withName('')).templates[3]?.codeParamName).toBe('code');
    // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax, as a wrong name
    for (const bad of ['${code}', '1code', 'my-code', 'code name', 'a'.repeat(33)]) {
      expect(issuesOf(withName(bad))).toEqual([
        expect.stringMatching(
          /^templates\.3\.codeParamName: codeParamName is the variable name inside \$\{…\}/
        ),
      ]);
    }
  });
});

describe('endpoint', () => {
  it.each([
    'https://dysmsapi.aliyuncs.com',
    'https://dysmsapi.ap-southeast-1.aliyuncs.com',
    'https://dysmsapi.ap-southeast-5.aliyuncs.com',
    'https://dysmsapi.eu-central-1.aliyuncs.com',
    'https://dysmsapi.us-east-1.aliyuncs.com',
    'https://dysmsapi-xman.cn-hongkong.aliyuncs.com',
    'https://dysmsapi-proxy.cn-beijing.aliyuncs.com',
    'https://dysmsapi-xman.vpc-proxy.aliyuncs.com',
    'https://dysmsapi-xman-vpc.ap-southeast-5.aliyuncs.com',
    'https://dysmsapi-xman-vpc.eu-central-1.aliyuncs.com',
    'http://127.0.0.1:4010',
    'http://localhost:4010',
  ])('accepts %s', (endpoint) => {
    expect(parse({ ...base, endpoint }).endpoint).toBe(endpoint);
  });

  it('normalises a trailing slash and upper case, and treats an empty field as the default', () => {
    expect(parse({ ...base, endpoint: 'https://DYSMSAPI.aliyuncs.com/' }).endpoint).toBe(
      'https://dysmsapi.aliyuncs.com'
    );
    expect(parse({ ...base, endpoint: '' }).endpoint).toBe('https://dysmsapi.aliyuncs.com');
  });

  it.each([
    ['https://example.com', /endpoint host "example.com" is not an Aliyun SMS endpoint/],
    ['https://dysmsapi.aliyuncs.com.evil.example', /is not an Aliyun SMS endpoint/],
    ['https://ecs.aliyuncs.com', /is not an Aliyun SMS endpoint/],
    [
      'http://dysmsapi.aliyuncs.com',
      /must use https:\/\/; http:\/\/ is only allowed for a local emulator/,
    ],
    ['http://192.168.1.10:4010', /must use https:\/\//],
    ['https://dysmsapi.aliyuncs.com/sms', /bare origin/],
    ['dysmsapi.aliyuncs.com', /must be a URL/],
    ['ftp://dysmsapi.aliyuncs.com', /must start with https:\/\//],
  ])('refuses %s', (endpoint, message) => {
    const issues = issuesOf({ ...base, endpoint });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^endpoint: /);
    expect(issues[0]).toMatch(message);
  });
});

describe('signatureAlgorithm and timeout', () => {
  it('accepts both algorithms', () => {
    expect(parse({ ...base, signatureAlgorithm: 'HMAC-SHA1' }).signatureAlgorithm).toBe(
      'HMAC-SHA1'
    );
    expect(parse({ ...base, signatureAlgorithm: 'ACS3-HMAC-SHA256' }).signatureAlgorithm).toBe(
      'ACS3-HMAC-SHA256'
    );
  });

  it('refuses any other algorithm without echoing it', () => {
    expect(issuesOf({ ...base, signatureAlgorithm: 'HMAC-SHA256' })).toEqual([
      'signatureAlgorithm: Use one of: ACS3-HMAC-SHA256, HMAC-SHA1.',
    ]);
    // Logto validates with configGuard directly when the config is saved.
    const direct = configGuard.safeParse({ ...base, signatureAlgorithm: 'HMAC-SHA256' });
    expect(direct.success).toBe(false);
    expect(direct.error?.issues.map(({ message }) => message)).toEqual([
      'signatureAlgorithm must be one of: ACS3-HMAC-SHA256, HMAC-SHA1.',
    ]);
  });

  it('bounds the timeout and reads a numeric string', () => {
    expect(parse({ ...base, timeout: 2500 }).timeout).toBe(2500);
    expect(parse({ ...base, timeout: '3000' }).timeout).toBe(3000);
    expect(issuesOf({ ...base, timeout: 50 })).toEqual([
      'timeout: timeout must be at least 100 ms.',
    ]);
    expect(issuesOf({ ...base, timeout: 600_000 })).toEqual([
      'timeout: timeout must be at most 60000 ms (one minute).',
    ]);
    expect(issuesOf({ ...base, timeout: 'soon' })).toEqual([
      'timeout: timeout is a number of milliseconds, e.g. 10000.',
    ]);
  });
});

describe('allowedCountries', () => {
  it('is optional, and normalised when present', () => {
    expect(parse(base).allowedCountries).toBeUndefined();
    expect(parse({ ...base, allowedCountries: ['cn', 'HK', 'CN'] }).allowedCountries).toEqual([
      'CN',
      'HK',
    ]);
  });

  it('names the field for a code that is not ISO 3166-1 alpha-2', () => {
    expect(issuesOf({ ...base, allowedCountries: ['UK'] })).toEqual([
      'allowedCountries.0: allowedCountries: "UK" is not an ISO 3166-1 alpha-2 code; use "GB".',
    ]);
  });
});
