import { parseConfig } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';

import { configGuard, tencentSmsHosts } from '../src/config.js';
import { chooseTemplate } from '../src/templates.js';

import { officialConfig, vectorConfig } from './helpers.js';

const issuesOf = (config: unknown): string[] => {
  try {
    parseConfig(configGuard, config);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidConfig);
    return ((error as ConnectorError).data as ZodError).issues.map(
      ({ path, message }) => `${path.join('.')}: ${message}`
    );
  }
  return [];
};

describe('the official connector config', () => {
  it('validates unchanged, with the defaults filled in', () => {
    const parsed = parseConfig(configGuard, officialConfig);
    expect(parsed).toMatchObject({
      accessKeyId: officialConfig.accessKeyId,
      accessKeySecret: officialConfig.accessKeySecret,
      signName: '腾讯云',
      sdkAppId: '1400006666',
      region: 'ap-guangzhou',
      endpoint: 'https://sms.tencentcloudapi.com',
      timeout: 10_000,
      strictPhoneRegionNumberCheck: true,
    });
    expect(parsed.templates).toHaveLength(9);
    expect(parsed.securityToken).toBeUndefined();
    expect(parsed.overseasSignName).toBeUndefined();
  });

  it('needs only a Generic template, and reads the older name Test as Generic', () => {
    expect(
      issuesOf({ ...officialConfig, templates: [{ usageType: 'Generic', templateCode: '1110' }] })
    ).toEqual([]);
    const older = parseConfig(configGuard, {
      ...officialConfig,
      templates: [
        { usageType: 'Register', templateCode: '1111' },
        { usageType: 'SignIn', templateCode: '1112' },
        { usageType: 'Test', templateCode: '1113' },
      ],
    });
    expect(
      chooseTemplate(older.templates, {
        usageType: 'MfaVerification',
        code: '123456',
        region: 'mainland',
      }).templateId
    ).toBe('1113');
    expect(
      chooseTemplate(older.templates, { usageType: 'Generic', code: '123456', region: 'mainland' })
        .templateId
    ).toBe('1113');
  });

  it('region defaults to ap-guangzhou when missing or cleared', () => {
    const { region: _region, ...withoutRegion } = officialConfig;
    expect(parseConfig(configGuard, withoutRegion).region).toBe('ap-guangzhou');
    expect(parseConfig(configGuard, { ...officialConfig, region: '' }).region).toBe('ap-guangzhou');
  });

  it('reads numeric ids typed as JSON numbers as their text', () => {
    const parsed = parseConfig(configGuard, {
      ...officialConfig,
      sdkAppId: 1_400_006_666,
      templates: officialConfig.templates.map((template) => ({ ...template, templateCode: 1110 })),
    });
    expect(parsed.sdkAppId).toBe('1400006666');
    expect(parsed.templates[0]?.templateCode).toBe('1110');
  });
});

describe('the added keys', () => {
  it('accepts templateCode { china, overseas }, locale, fixedParams, securityToken, overseasSignName, timeout', () => {
    const parsed = parseConfig(configGuard, {
      ...vectorConfig,
      securityToken: 'token+/=',
      overseasSignName: 'Acme',
      timeout: '5000',
      templates: [
        ...vectorConfig.templates,
        { usageType: 'SignIn', locale: 'en', templateCode: '1111', fixedParams: ['5'] },
      ],
    });
    expect(parsed).toMatchObject({
      securityToken: 'token+/=',
      overseasSignName: 'Acme',
      timeout: 5000,
    });
    expect(parsed.templates[4]).toEqual({
      usageType: 'SignIn',
      locale: 'en',
      templateCode: '1111',
      fixedParams: ['5'],
    });
  });

  it.each(tencentSmsHosts.map((host) => [host]))('accepts the documented host %s', (host) => {
    expect(
      parseConfig(configGuard, { ...vectorConfig, endpoint: `https://${host}` }).endpoint
    ).toBe(`https://${host}`);
  });

  it.each(['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010'])(
    'accepts the loopback emulator %s',
    (endpoint) => {
      expect(issuesOf({ ...vectorConfig, endpoint })).toEqual([]);
    }
  );
});

describe('invalid configs name the field and the fix', () => {
  it.each([
    [{ accessKeyId: '' }, 'accessKeyId: accessKeyId is required.'],
    [
      { accessKeySecret: 'with space' },
      'accessKeySecret: accessKeySecret may only contain letters, digits and ASCII symbols',
    ],
    [{ securityToken: 'tok en' }, 'securityToken: securityToken may only contain'],
    [{ sdkAppId: 'app-1' }, 'sdkAppId: sdkAppId is the numeric ID'],
    [{ sdkAppId: undefined }, 'sdkAppId: sdkAppId is required.'],
    [{ signName: '【腾讯云】' }, 'signName: signName is the approved signature text without 【】'],
    [
      { overseasSignName: '[Acme]' },
      'overseasSignName: overseasSignName is the approved signature text',
    ],
    [{ region: 'Guangzhou' }, 'region: region is a Tencent Cloud region id'],
    [
      { endpoint: 'https://sms.tencentcloudapi.com.evil.example' },
      'endpoint: endpoint host "sms.tencentcloudapi.com.evil.example" is not a Tencent Cloud SMS API host',
    ],
    [
      { endpoint: 'https://cvm.tencentcloudapi.com' },
      'endpoint: endpoint host "cvm.tencentcloudapi.com" is not',
    ],
    [
      { endpoint: 'https://sms.ap-nowhere.tencentcloudapi.com' },
      'endpoint: endpoint host "sms.ap-nowhere.tencentcloudapi.com" is not',
    ],
    [{ endpoint: 'http://sms.tencentcloudapi.com' }, 'endpoint: endpoint must use https://'],
    [{ endpoint: 'https://sms.tencentcloudapi.com/v3' }, 'endpoint: endpoint is a bare origin'],
    [{ timeout: 10 }, 'timeout: timeout must be at least 100 ms.'],
    [
      { templates: [] },
      'templates: Add a Generic template (the older name "Test" also works): every usage type without its own template uses it. Register, SignIn, ForgotPassword templates are recommended, not required.',
    ],
    [
      { templates: [{ usageType: 'SignIn', templateCode: '1110' }] },
      'templates: Add a Generic template (the older name "Test" also works)',
    ],
  ])('%j → %s', (patch, expected) => {
    const issues = issuesOf({ ...vectorConfig, ...patch });
    expect(
      issues.some((issue) => issue.startsWith(expected)),
      issues.join('\n')
    ).toBe(true);
  });

  it.each([
    [{ templateCode: 'SMS_1' }, 'templates.3.templateCode'],
    [{ templateCode: { china: '1110' } }, 'templates.3.templateCode'],
    [{ templateCode: '1110', fixedParams: [5] }, 'templates.3.fixedParams.0'],
    [{ templateCode: '1110', fixedParams: 'five' }, 'templates.3.fixedParams'],
    [
      { templateCode: '1110', fixedParams: Array.from({ length: 10 }, () => '1') },
      'templates.3.fixedParams',
    ],
    [{ templateCode: '1110', locale: 'english please' }, 'templates.3.locale'],
  ])('template %j → an issue at %s', (template, path) => {
    const templates = [
      ...vectorConfig.templates.slice(0, 3),
      { usageType: 'Generic', ...template },
    ];
    const issues = issuesOf({ ...vectorConfig, templates });
    expect(
      issues.some((issue) => issue.startsWith(`${path}: `)),
      issues.join('\n')
    ).toBe(true);
  });

  it('never echoes the value typed into a field', () => {
    const secret = 'Gu5t9xGARNpq86cd98joQYCN3 EXAMPLE';
    const issues = issuesOf({
      ...vectorConfig,
      accessKeySecret: secret,
      sdkAppId: secret,
      region: secret,
      endpoint: secret,
    });
    expect(issues.length).toBeGreaterThan(2);
    expect(issues.join('\n')).not.toContain('Gu5t9x');
  });
});
