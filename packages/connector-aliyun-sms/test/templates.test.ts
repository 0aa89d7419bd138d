import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import type { AliyunSmsTemplate } from '../src/config.js';
import { chooseTemplate, templateCodeFor, templateParamFor } from '../src/templates.js';

const split: AliyunSmsTemplate = {
  usageType: 'Generic',
  templateCode: { china: 'SMS_CN', overseas: 'SMS_INTL' },
  codeParamName: 'code',
};
const single: AliyunSmsTemplate = {
  usageType: 'SignIn',
  templateCode: 'SMS_ONE',
  codeParamName: 'verifyCode',
};

const mainland = { region: 'mainland', readsAsMainland: true } as const;
const abroad = { region: 'international', readsAsMainland: false } as const;
// +1 415 555 0100 in Logto's format: digit for digit also a mainland China mobile on Aliyun's wire.
const lookalike = { region: 'international', readsAsMainland: true } as const;

describe('templateCodeFor', () => {
  it('a string code serves every region; a split code picks by region', () => {
    expect(templateCodeFor(single, mainland)).toBe('SMS_ONE');
    expect(templateCodeFor(single, abroad)).toBe('SMS_ONE');
    expect(templateCodeFor(split, mainland)).toBe('SMS_CN');
    expect(templateCodeFor(split, abroad)).toBe('SMS_INTL');
  });

  it('sends a number Aliyun would read as mainland only on the overseas template', () => {
    expect(templateCodeFor(split, lookalike)).toBe('SMS_INTL');
    expect(() => templateCodeFor(single, lookalike)).toThrow(
      expect.objectContaining({ code: ConnectorErrorCodes.InvalidRequestParameters })
    );
  });
});

describe('templateParamFor', () => {
  it('is exactly one string-valued key', () => {
    expect(templateParamFor(split, '000123')).toBe('{"code":"000123"}');
    expect(templateParamFor(single, 'AB12')).toBe('{"verifyCode":"AB12"}');
  });

  it('refuses to build a message without a code', () => {
    expect(() => templateParamFor(split, '')).toThrow(
      expect.objectContaining({ code: ConnectorErrorCodes.InsufficientRequestParameters })
    );
  });
});

describe('chooseTemplate', () => {
  it('falls back to Generic for an optional usage type', () => {
    expect(
      chooseTemplate([single, split], { usageType: 'BindMfa', code: '123456', recipient: abroad })
    ).toEqual({
      templateCode: 'SMS_INTL',
      templateParam: '{"code":"123456"}',
    });
  });

  it('TemplateNotFound when neither the usage type nor Generic exists', () => {
    let error: unknown;
    try {
      chooseTemplate([single], { usageType: 'Register', code: '123456', recipient: mainland });
    } catch (error_: unknown) {
      error = error_;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.TemplateNotFound);
  });
});
