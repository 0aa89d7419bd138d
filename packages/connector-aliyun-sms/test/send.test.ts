import { createHmac } from 'node:crypto';

import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { rejectionOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';

import {
  connectorWith,
  emptySha256,
  fixedClock,
  fixedNonce,
  formOf,
  interceptAliyun,
  ok,
  okAnswer,
  queryOf,
  sendData,
  vectorConfig,
} from './helpers.js';

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

const signNameEncoded = '%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95';
const vectorDQuery = `PhoneNumbers=13800138000&SignName=${signNameEncoded}&TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%22123456%22%7D`;

// Written independently of src/signer.ts, so the V1 request is not checked against itself.
const rfc3986 = (value: string) =>
  encodeURIComponent(value).replaceAll(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );

describe('the exact signed request', () => {
  it('V3 (default): POST / with the parameters in the query, empty body, and the Vector D signature', async () => {
    const { scope, calls } = interceptAliyun([ok()]);
    const result = await connectorWith(vectorConfig, fixedClock).sendMessage(
      sendData('8613800138000')
    );

    expect(result).toEqual({
      bizId: okAnswer.BizId,
      requestId: okAnswer.RequestId,
      phoneNumbers: anyText,
      templateCode: anyText,
    });
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/?${vectorDQuery}`);
    expect(call?.body).toBe('');
    expect(call?.headers).toMatchObject({
      host: 'dysmsapi.aliyuncs.com',
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-acs-signature-nonce': fixedNonce,
      'x-acs-content-sha256': emptySha256,
      accept: 'application/json',
      authorization:
        'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=6dd80cf851afd577f5ae46300ad39315bd7c068fc7d831ae5611acef453b414b',
    });
    expect(call?.headers).not.toHaveProperty('content-type');
    expect(call?.headers).not.toHaveProperty('x-acs-security-token');
  });

  it('V3 with STS: the Vector E signature and both STS headers', async () => {
    const { scope, calls } = interceptAliyun([ok()]);
    await connectorWith(
      { ...vectorConfig, securityToken: 'test-sts-token' },
      fixedClock
    ).sendMessage(sendData('8613800138000'));

    expect(scope.isDone()).toBe(true);
    expect(calls[0]?.headers).toMatchObject({
      'x-acs-accesskey-id': 'testid',
      'x-acs-security-token': 'test-sts-token',
      authorization:
        'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=746ceff56cfd8c2cc374c6f98888758161038a25a1e64cd0d802eb20e916953c',
    });
  });

  it('V1 (HMAC-SHA1): a form body with the common parameters, Format=JSON, and the percent-encoded signature', async () => {
    const { scope, calls } = interceptAliyun([ok()]);
    const result = await connectorWith(
      { ...vectorConfig, signatureAlgorithm: 'HMAC-SHA1' },
      fixedClock
    ).sendMessage(sendData('+86 138 0013 8000'));

    const canonical = `AccessKeyId=testid&Action=SendSms&Format=JSON&PhoneNumbers=13800138000&SignName=${signNameEncoded}&SignatureMethod=HMAC-SHA1&SignatureNonce=${fixedNonce}&SignatureVersion=1.0&TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%22123456%22%7D&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25`;
    const signature = createHmac('sha1', 'testsecret&')
      .update(`POST&%2F&${rfc3986(canonical)}`)
      .digest('base64');

    expect(result).toEqual({
      bizId: okAnswer.BizId,
      requestId: okAnswer.RequestId,
      phoneNumbers: anyText,
      templateCode: anyText,
    });
    expect(scope.isDone()).toBe(true);
    const [call] = calls;
    expect(call?.path).toBe('/');
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call?.headers).not.toHaveProperty('authorization');
    expect(call?.body).toBe(`${canonical}&Signature=${rfc3986(signature)}`);
  });

  it('V1 with STS: SecurityToken is a signed form parameter (Vector G layout)', async () => {
    const { scope, calls } = interceptAliyun([ok()]);
    await connectorWith(
      { ...vectorConfig, signatureAlgorithm: 'HMAC-SHA1', securityToken: 'test-sts-token' },
      fixedClock
    ).sendMessage(sendData('8613800138000'));

    expect(scope.isDone()).toBe(true);
    const body = calls[0]?.body ?? '';
    expect(body).toContain('&PhoneNumbers=13800138000&SecurityToken=test-sts-token&SignName=');
    const [canonical] = body.split('&Signature=');
    const signature = createHmac('sha1', 'testsecret&')
      .update(`POST&%2F&${rfc3986(canonical ?? '')}`)
      .digest('base64');
    expect(formOf(body).Signature).toBe(signature);
  });

  it('uses the endpoint host (and port) for a regional or local endpoint', async () => {
    const regional = interceptAliyun([ok()], {
      origin: 'https://dysmsapi.ap-southeast-1.aliyuncs.com',
    });
    await connectorWith(
      { ...vectorConfig, endpoint: 'https://dysmsapi.ap-southeast-1.aliyuncs.com' },
      fixedClock
    ).sendMessage(sendData('85261234567'));
    expect(regional.scope.isDone()).toBe(true);
    expect(regional.calls[0]?.headers.host).toBe('dysmsapi.ap-southeast-1.aliyuncs.com');

    const local = interceptAliyun([ok()], { origin: 'http://127.0.0.1:4010' });
    await connectorWith(
      { ...vectorConfig, endpoint: 'http://127.0.0.1:4010' },
      fixedClock
    ).sendMessage(sendData('85261234567'));
    expect(local.scope.isDone()).toBe(true);
    expect(local.calls[0]?.headers.host).toBe('127.0.0.1:4010');
  });

  it('the Console "Send" button: the unsaved config is used, not the saved one', async () => {
    const { scope, calls } = interceptAliyun([ok()]);
    const connector = connectorWith({ broken: true }, fixedClock);
    await connector.sendMessage(sendData('8613800138000', { code: '000000' }), vectorConfig);
    expect(scope.isDone()).toBe(true);
    expect(queryOf(calls[0]?.path ?? '').TemplateParam).toBe('{"code":"000000"}');
  });
});

describe('TemplateParam carries the code and nothing else', () => {
  it('drops uiLocales, locale, link and any extra payload key', async () => {
    const { scope, calls } = interceptAliyun([ok()]);
    await connectorWith(vectorConfig).sendMessage(
      sendData('8613800138000', {
        code: '012345',
        locale: 'zh-CN',
        uiLocales: 'zh-CN en',
        link: 'https://example.com/verify',
        extra: 'x',
        nested: { a: 1 },
      })
    );
    expect(scope.isDone()).toBe(true);
    // A string, so the leading zero survives.
    expect(queryOf(calls[0]?.path ?? '').TemplateParam).toBe('{"code":"012345"}');
  });

  // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax
  it('uses codeParamName for a template whose variable is not ${code}', async () => {
    const { scope, calls } = interceptAliyun([ok()]);
    await connectorWith({
      ...vectorConfig,
      templates: [
        ...vectorConfig.templates.slice(0, 3),
        { usageType: 'Generic', templateCode: 'SMS_9', codeParamName: 'verifyCode' },
      ],
    }).sendMessage(sendData('8613800138000', { code: '654321', uiLocales: 'en' }));
    expect(scope.isDone()).toBe(true);
    expect(queryOf(calls[0]?.path ?? '')).toMatchObject({
      TemplateCode: 'SMS_9',
      TemplateParam: '{"verifyCode":"654321"}',
    });
  });

  it.each([
    ['no payload code', {}],
    ['an empty code', { code: '' }],
  ])('%s → InsufficientRequestParameters, nothing sent', async (_label, payload) => {
    unmatchedRequests.length = 0;
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000', payload))
    );
    expect(error.code).toBe(ConnectorErrorCodes.InsufficientRequestParameters);
    expect(unmatchedRequests).toEqual([]);
  });
});

describe('template choice by usage type and locale', () => {
  const config = {
    ...vectorConfig,
    templates: [
      { usageType: 'SignIn', templateCode: 'SMS_SIGNIN' },
      { usageType: 'SignIn', templateCode: 'SMS_SIGNIN_EN', locale: 'en' },
      { usageType: 'SignIn', templateCode: 'SMS_SIGNIN_ZH', locale: 'zh-CN' },
      { usageType: 'Register', templateCode: 'SMS_REGISTER' },
      {
        usageType: 'ForgotPassword',
        templateCode: { china: 'SMS_FP_CN', overseas: 'SMS_FP_INTL' },
      },
      { usageType: 'Generic', templateCode: 'SMS_GENERIC' },
      { usageType: 'Generic', templateCode: 'SMS_GENERIC_JA', locale: 'ja' },
    ],
  };

  it.each([
    [TemplateType.SignIn, { locale: 'en' }, 'SMS_SIGNIN_EN'],
    [TemplateType.SignIn, { locale: 'en-US' }, 'SMS_SIGNIN_EN'],
    [TemplateType.SignIn, { locale: 'zh-CN' }, 'SMS_SIGNIN_ZH'],
    [TemplateType.SignIn, { locale: 'zh-TW' }, 'SMS_SIGNIN_ZH'],
    [TemplateType.SignIn, { locale: 'fr' }, 'SMS_SIGNIN'],
    [TemplateType.SignIn, {}, 'SMS_SIGNIN'],
    [TemplateType.SignIn, { uiLocales: 'en fr' }, 'SMS_SIGNIN_EN'],
    [TemplateType.Register, { locale: 'en' }, 'SMS_REGISTER'],
    [TemplateType.ForgotPassword, {}, 'SMS_FP_CN'],
    [TemplateType.MfaVerification, {}, 'SMS_GENERIC'],
    [TemplateType.MfaVerification, { locale: 'ja-JP' }, 'SMS_GENERIC_JA'],
    [TemplateType.BindMfa, { locale: 'en' }, 'SMS_GENERIC'],
    [TemplateType.Generic, { locale: 'ja' }, 'SMS_GENERIC_JA'],
  ])('%s with %j → %s', async (type, payload, templateCode) => {
    const { scope, calls } = interceptAliyun([ok()]);
    await connectorWith(config).sendMessage(
      sendData('8613800138000', { code: '123456', ...payload }, type)
    );
    expect(scope.isDone()).toBe(true);
    expect(queryOf(calls[0]?.path ?? '')).toMatchObject({
      TemplateCode: templateCode,
      TemplateParam: '{"code":"123456"}',
    });
  });
});

describe('phone-number routing on the wire', () => {
  const config = {
    ...vectorConfig,
    templates: [
      ...vectorConfig.templates.slice(0, 3),
      { usageType: 'Generic', templateCode: { china: 'SMS_CN', overseas: 'SMS_INTL' } },
    ],
  };

  it.each([
    // [to, strictPhoneRegionNumberCheck, PhoneNumbers, TemplateCode]
    ['8613800138000', true, '13800138000', 'SMS_CN'],
    ['+8613800138000', true, '13800138000', 'SMS_CN'],
    ['008613800138000', true, '13800138000', 'SMS_CN'],
    ['86 138 0013 8000', true, '13800138000', 'SMS_CN'],
    ['+86-138-0013-8000', true, '13800138000', 'SMS_CN'],
    ['8619912345678', true, '19912345678', 'SMS_CN'],
    ['85261234567', true, '85261234567', 'SMS_INTL'],
    ['85261234567', false, '85261234567', 'SMS_INTL'],
    ['16502530000', true, '16502530000', 'SMS_INTL'],
    ['447400123456', true, '447400123456', 'SMS_INTL'],
    ['+44 7400 123456', true, '447400123456', 'SMS_INTL'],
    ['00447400123456', false, '447400123456', 'SMS_INTL'],
    ['886912345678', true, '886912345678', 'SMS_INTL'],
    // Strict (the default): a bare number is read as carrying its country code (+1 415 555 0100).
    ['14155550100', true, '14155550100', 'SMS_INTL'],
    // Legacy mode: a bare 1[3-9]… number is mainland China — including a US number, the documented trade-off.
    ['13800138000', false, '13800138000', 'SMS_CN'],
    ['16502530000', false, '16502530000', 'SMS_CN'],
    ['8613800138000', false, '13800138000', 'SMS_CN'],
    ['+14155550100', false, '14155550100', 'SMS_INTL'],
  ])('%s (strict %s) → PhoneNumbers %s, %s', async (to, strict, phoneNumbers, templateCode) => {
    const { scope, calls } = interceptAliyun([ok()]);
    await connectorWith({ ...config, strictPhoneRegionNumberCheck: strict }).sendMessage(
      sendData(to)
    );
    expect(scope.isDone()).toBe(true);
    expect(queryOf(calls[0]?.path ?? '')).toMatchObject({
      PhoneNumbers: phoneNumbers,
      TemplateCode: templateCode,
    });
  });

  it('with the default settings no non-86 number is ever sent as mainland', async () => {
    for (const to of ['85261234567', '16502530000', '14155550100', '447400123456', '6591234567']) {
      const { scope, calls } = interceptAliyun([ok()]);

      await connectorWith(config).sendMessage(sendData(to));
      expect(scope.isDone()).toBe(true);
      expect(queryOf(calls[0]?.path ?? '')).toMatchObject({
        PhoneNumbers: to,
        TemplateCode: 'SMS_INTL',
      });
    }
  });

  it.each([
    ['letters', 'abc'],
    ['a letter inside', '1380013800a'],
    ['too short', '12345'],
    ['too long', '1234567890123456'],
    ['empty', ''],
    ['spaces only', '   '],
    ['86 but not a mainland mobile', '8612345'],
    ['86 with a landline', '861012345678'],
    ['national leading 0', '07400123456'],
    ['an unassigned +1 area code', '+13815550123'],
    ['86 with an unallocated mobile prefix', '8614012345678'],
    ['a premium-rate number', '449098790000'],
  ])('%s (%j) → InvalidRequestParameters before any request', async (_label, to) => {
    unmatchedRequests.length = 0;
    for (const strict of [true, false]) {
      const error = await rejectionOf(async () =>
        connectorWith({ ...config, strictPhoneRegionNumberCheck: strict }).sendMessage(sendData(to))
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    }
    expect(unmatchedRequests).toEqual([]);
  });

  it('refuses a +1 number that reads as a mainland mobile when only one templateCode exists', async () => {
    const singleCode = {
      ...config,
      templates: config.templates.map(({ usageType }) => ({ usageType, templateCode: 'SMS_ONE' })),
    };
    unmatchedRequests.length = 0;
    for (const to of ['16502530000', '+1 (415) 555-0100', '0013105550123']) {
      const error = await rejectionOf(async () =>
        connectorWith(singleCode).sendMessage(sendData(to))
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      expect(JSON.stringify(error.data)).toContain(
        'it could be delivered to a phone in China; it was not sent. What works'
      );
    }
    expect(unmatchedRequests).toEqual([]);
  });
});

describe('success answer', () => {
  it('returns exactly { bizId, requestId } and what was sent: PhoneNumbers and the template code', async () => {
    const { scope } = interceptAliyun([{ status: 200, body: { ...okAnswer, Extra: 'ignored' } }]);
    await expect(
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    ).resolves.toStrictEqual({
      bizId: okAnswer.BizId,
      requestId: okAnswer.RequestId,
      phoneNumbers: '13800138000',
      templateCode: anyText,
    });
    expect(scope.isDone()).toBe(true);
  });
});
