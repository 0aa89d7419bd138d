// Exact signed requests: V3 sends reproduce the fact sheet's Vector 1 and 3 (minimal-header
// variants) byte for byte; V1 sends are checked against the vector-tested primitives.
import { signV1Params } from '@logto-sms/aliyun-pop';

import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aliyunDypnsVectors } from '../../../tests/fixtures/vectors/aliyun-vectors.js';
import { rejectionOf } from '../../../tests/support/index.js';

import {
  connectorWith,
  fixedClock,
  formOf,
  interceptDypns,
  ok,
  queryOf,
  sendData,
  vectorConfig,
} from './helpers.js';

const vector = (prefix: string) => {
  const found = aliyunDypnsVectors.v3.find(({ name }) => name.startsWith(prefix));
  if (!found) {
    throw new Error(prefix);
  }
  return found;
};

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('V3 (default): the request is the fact sheet’s vector', () => {
  it('Vector 1, minimal headers: POST / with the parameters in the query and an empty body', async () => {
    const expected = vector('1: minimal headers');
    const { scope, calls } = interceptDypns([ok()]);
    const result = await connectorWith(vectorConfig, fixedClock).sendMessage(
      sendData('8613800138000')
    );
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      bizId: '112231421412414124123^4',
      requestId: 'A1B2C3D4-0000-4000-8000-000000000001',
    });

    const [call] = calls;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/?${expected.canonicalQuery}`);
    expect(call?.body).toBe('');
    for (const [name, value] of Object.entries(expected.headers)) {
      expect(call?.headers[name], name).toBe(value);
    }
    expect(call?.headers.authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${expected.signedHeaders},Signature=${expected.signature}`
    );
    expect(call?.headers.accept).toBe('application/json');
  });

  it('Vector 3, minimal headers: the STS token travels in a signed header', async () => {
    const expected = vector('3: V3 with an STS token, minimal');
    const { scope, calls } = interceptDypns([ok()]);
    await connectorWith(
      { ...vectorConfig, securityToken: 'test-sts-token' },
      fixedClock
    ).sendMessage(sendData('8613800138000'));
    expect(scope.isDone()).toBe(true);
    expect(calls[0]?.headers['x-acs-security-token']).toBe('test-sts-token');
    expect(calls[0]?.headers.authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${expected.signedHeaders},Signature=${expected.signature}`
    );
  });
});

describe('V1 (HMAC-SHA1)', () => {
  it('sends every parameter and the percent-encoded signature as a form body', async () => {
    const { scope, calls } = interceptDypns([ok()]);
    await connectorWith(
      { ...vectorConfig, signatureAlgorithm: 'HMAC-SHA1' },
      fixedClock
    ).sendMessage(sendData('8613800138000'));
    expect(scope.isDone()).toBe(true);
    const [call] = calls;
    expect(call?.path).toBe('/');
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const { Signature, ...params } = formOf(call?.body ?? '');
    expect(params).toEqual({
      AccessKeyId: 'testid',
      Action: 'SendSmsVerifyCode',
      CountryCode: '86',
      Format: 'JSON',
      PhoneNumber: '13800138000',
      SignName: '速通互联验证码',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      TemplateCode: '100001',
      TemplateParam: '{"code":"123456","min":"5"}',
      Timestamp: '2024-01-01T00:00:00Z',
      Version: '2017-05-25',
    });
    expect(call?.body).toBe(signV1Params('POST', params, 'testsecret').encoded);
    expect(Signature).toBe(signV1Params('POST', params, 'testsecret').signature);
  });
});

const sendWith = async (
  config: Record<string, unknown>,
  payload: Record<string, unknown>,
  type = TemplateType.Generic
) => {
  const { scope, calls } = interceptDypns([ok()]);
  await connectorWith({ ...vectorConfig, ...config }, fixedClock).sendMessage(
    sendData('8613800138000', payload, type)
  );
  expect(scope.isDone()).toBe(true);
  return queryOf(calls[0]?.path ?? '');
};

describe('what goes into TemplateParam', () => {
  it('the code and the minutes only: nothing else from the payload', async () => {
    const query = await sendWith(
      {},
      { code: '123456', locale: 'en', uiLocales: 'fr', link: 'https://x.example', extra: 'leak' }
    );
    expect(query.TemplateParam).toBe('{"code":"123456","min":"5"}');
  });

  it("the minutes default to Logto's 10-minute code lifetime", async () => {
    const { codeValidMinutes: _minutes, ...withoutMinutes } = vectorConfig;
    const { scope, calls } = interceptDypns([ok()]);
    await connectorWith(withoutMinutes, fixedClock).sendMessage(sendData('8613800138000'));
    expect(scope.isDone()).toBe(true);
    expect(queryOf(calls[0]?.path ?? '').TemplateParam).toBe('{"code":"123456","min":"10"}');
  });

  it("a template's fixedParams are added and may replace the minutes", async () => {
    const templates = [
      ...vectorConfig.templates.filter(({ usageType }) => usageType !== 'SignIn'),
      { usageType: 'SignIn', templateCode: '100009', fixedParams: { product: 'Logto', min: '3' } },
    ];
    const query = await sendWith({ templates }, { code: '654321' }, TemplateType.SignIn);
    expect(query.TemplateCode).toBe('100009');
    expect(JSON.parse(query.TemplateParam ?? '')).toEqual({
      code: '654321',
      min: '3',
      product: 'Logto',
    });
  });

  it('never sends the generator parameters', async () => {
    const query = await sendWith({}, { code: '123456' });
    expect(Object.keys(query).sort()).toEqual([
      'CountryCode',
      'PhoneNumber',
      'SignName',
      'TemplateCode',
      'TemplateParam',
    ]);
  });

  it('picks the template by usage type, then Generic', async () => {
    const templates = [
      ...vectorConfig.templates.filter(({ usageType }) => usageType !== 'ForgotPassword'),
      { usageType: 'ForgotPassword', templateCode: '100003' },
    ];
    expect(
      (await sendWith({ templates }, { code: '123456' }, TemplateType.ForgotPassword)).TemplateCode
    ).toBe('100003');
    expect(
      (await sendWith({ templates }, { code: '123456' }, TemplateType.BindMfa)).TemplateCode
    ).toBe('100001');
  });
});

describe('routing: mainland China numbers only', () => {
  it.each([
    ['8613800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 139 0013 9000', '13900139000'],
    ['(+86) 199 0000 0000', '19900000000'],
  ])('%s → PhoneNumber %s, CountryCode 86', async (to, national) => {
    const { scope, calls } = interceptDypns([ok()]);
    await connectorWith(vectorConfig, fixedClock).sendMessage(sendData(to));
    expect(scope.isDone()).toBe(true);
    expect(queryOf(calls[0]?.path ?? '')).toMatchObject({
      CountryCode: '86',
      PhoneNumber: national,
    });
  });

  it('a bare 11-digit mainland number is accepted only with strictPhoneRegionNumberCheck off', async () => {
    const { scope } = interceptDypns([ok()]);
    await connectorWith(
      { ...vectorConfig, strictPhoneRegionNumberCheck: false },
      fixedClock
    ).sendMessage(sendData('13800138000'));
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    '85261234567',
    '14155550100',
    '+44 7700 900123',
    '13800138000',
    '8610123456789',
    '86123',
  ])(
    '%s is refused before any request, naming the Aliyun SMS connector or the number problem',
    async (to) => {
      const { scope } = interceptDypns([ok()]);
      const error = await rejectionOf(async () =>
        connectorWith(vectorConfig, fixedClock).sendMessage(sendData(to))
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      expect(scope.isDone()).toBe(false);
      expect(scope.pendingMocks()).toHaveLength(1);
    }
  );

  it('the refusal of a number abroad names the Aliyun SMS connector', async () => {
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig, fixedClock).sendMessage(sendData('85261234567'))
    );
    expect((error.data as { errorDescription: string }).errorDescription).toMatch(
      /mainland China.*Aliyun SMS connector \(logto-sms-aliyun\)/
    );
  });
});
