import { createRedactor, type ProviderErrorData } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { rejectionOf } from '../../../tests/support/index.js';
import { checkResponse, errorRules, ruleForCode } from '../src/errors.js';
import { readResponse } from '../src/response.js';

import {
  answer,
  connectorWith,
  fixedClock,
  interceptDypns,
  sendData,
  vectorConfig,
} from './helpers.js';

const redactor = createRedactor(['testsecret', '123456']);
const requestId = 'F655A8D5-B967-440B-8683-DAD6FF8DE990';
const refusal = (code: string, status = 200) => ({
  status,
  body: JSON.stringify({
    Code: code,
    Message: `message for ${code}`,
    RequestId: requestId,
    Success: false,
  }),
});
const errorOf = (response: { status: number; body: string }) => {
  try {
    checkResponse(response, redactor);
  } catch (error: unknown) {
    return error as { code: ConnectorErrorCodes; data: ProviderErrorData };
  }
  throw new Error('expected an error');
};

describe('the code table (prefixes stripped before matching)', () => {
  it.each([
    ['biz.FREQUENCY', ConnectorErrorCodes.RateLimitExceeded],
    ['FREQUENCY_FAIL', ConnectorErrorCodes.RateLimitExceeded],
    ['isv.BUSINESS_LIMIT_CONTROL', ConnectorErrorCodes.RateLimitExceeded],
    ['BUSINESS_LIMIT_CONTROL', ConnectorErrorCodes.RateLimitExceeded],
    ['Throttling.User', ConnectorErrorCodes.RateLimitExceeded],
    ['isv.OUT_OF_SERVICE', ConnectorErrorCodes.UsageLimitExceeded],
    ['OutOfService', ConnectorErrorCodes.UsageLimitExceeded],
    ['RESOURCE_NOT_ENOUGH', ConnectorErrorCodes.UsageLimitExceeded],
    ['isv.AMOUNT_NOT_ENOUGH', ConnectorErrorCodes.UsageLimitExceeded],
    ['isv.DAY_LIMIT_CONTROL', ConnectorErrorCodes.UsageLimitExceeded],
    ['SignatureDoesNotMatch', ConnectorErrorCodes.InvalidConfig],
    ['InvalidAccessKeyId.NotFound', ConnectorErrorCodes.InvalidConfig],
    ['InvalidSecurityToken.Expired', ConnectorErrorCodes.InvalidConfig],
    ['isv.RAM_PERMISSION_DENY', ConnectorErrorCodes.InvalidConfig],
    ['RamPermissionDeny', ConnectorErrorCodes.InvalidConfig],
    ['Forbidden.RAM', ConnectorErrorCodes.InvalidConfig],
    ['isv.PRODUCT_UNSUBSCRIBE', ConnectorErrorCodes.InvalidConfig],
    ['Unsupported.Account', ConnectorErrorCodes.InvalidConfig],
    ['OFFER_NOT_ORDER_STATUS', ConnectorErrorCodes.InvalidConfig],
    ['InvalidAccountStatus', ConnectorErrorCodes.InvalidConfig],
    ['InvalidSignName', ConnectorErrorCodes.InvalidConfig],
    ['isv.SMS_SIGNATURE_ILLEGAL', ConnectorErrorCodes.InvalidConfig],
    ['SmsSignNameNotExist', ConnectorErrorCodes.InvalidConfig],
    ['isv.SMS_TEMPLATE_ILLEGAL', ConnectorErrorCodes.InvalidConfig],
    ['isv.TEMPLATE_MISSING_PARAMETERS', ConnectorErrorCodes.InvalidConfig],
    ['isv.VERIFY_SCHEME_NOT_EXIST', ConnectorErrorCodes.InvalidConfig],
    ['isv.DENY_IP_RANGE', ConnectorErrorCodes.InvalidConfig],
    ['InvalidApi.NotFound', ConnectorErrorCodes.InvalidConfig],
    ['isv.MOBILE_NUMBER_ILLEGAL', ConnectorErrorCodes.InvalidRequestParameters],
    ['MOBILE_NUMBER_ILLEGAL', ConnectorErrorCodes.InvalidRequestParameters],
    ['isv.INVALID_PARAMETERS', ConnectorErrorCodes.InvalidRequestParameters],
    ['SECURITY_INTERCEPTED', ConnectorErrorCodes.InvalidRequestParameters],
    ['MissingPhoneNumber', ConnectorErrorCodes.InvalidRequestParameters],
    ['InvalidParameter', ConnectorErrorCodes.InvalidRequestParameters],
    ['isp.SYSTEM_ERROR', ConnectorErrorCodes.General],
    ['InternalError', ConnectorErrorCodes.General],
    ['InvalidTimeStamp.Expired', ConnectorErrorCodes.General],
    ['SignatureNonceUsed', ConnectorErrorCodes.General],
    ['isv.SOMETHING_NEW', ConnectorErrorCodes.General],
  ])('%s → %s', (code, expected) => {
    expect(ruleForCode(code).errorCode).toBe(expected);
    const error = errorOf(refusal(code));
    expect(error.code).toBe(expected);
    expect(error.data).toMatchObject({
      provider: 'aliyun-mas',
      providerCode: code,
      requestId,
      httpStatus: 200,
      hint: ruleForCode(code).hint,
    });
  });

  it('every row has a hint that says what to do', () => {
    for (const rule of errorRules) {
      expect(rule.hint.length, String(rule.match)).toBeGreaterThan(40);
    }
  });

  it('prefixed and bare spellings land on the same row', () => {
    for (const code of [
      'MOBILE_NUMBER_ILLEGAL',
      'BUSINESS_LIMIT_CONTROL',
      'OUT_OF_SERVICE',
      'RAM_PERMISSION_DENY',
      'FREQUENCY',
    ]) {
      for (const prefix of ['isv.', 'isp.', 'biz.']) {
        expect(ruleForCode(`${prefix}${code}`)).toBe(ruleForCode(code));
      }
    }
  });
});

describe('what counts as success', () => {
  it('Code OK with Success true on HTTP 200', () => {
    const body = JSON.stringify({
      Code: 'OK',
      Success: true,
      RequestId: requestId,
      Model: { BizId: 'b^1', VerifyCode: '999999' },
    });
    expect(checkResponse({ status: 200, body }, redactor)).toEqual({ bizId: 'b^1', requestId });
  });

  it.each([
    ['Success false', { Code: 'OK', Success: false, RequestId: requestId }],
    ['Success missing', { Code: 'OK', RequestId: requestId }],
    ['Success as text', { Code: 'OK', Success: 'true', RequestId: requestId }],
  ])('Code OK with %s is not a success', (_name, body) => {
    const error = errorOf({ status: 200, body: JSON.stringify(body) });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(error.data.errorDescription).toMatch(/did not confirm the send/);
    expect(error.data).toMatchObject({ providerCode: 'OK', requestId });
  });

  it('Model.VerifyCode is never read', () => {
    const parsed = readResponse(
      JSON.stringify({ Code: 'OK', Success: true, Model: { VerifyCode: '424242', BizId: 'x' } })
    );
    expect(JSON.stringify(parsed)).not.toContain('424242');
  });

  it('HTTP 5xx is General and says the code may have gone out', () => {
    const error = errorOf({
      status: 503,
      body: JSON.stringify({ Code: 'ServiceUnavailable', Message: 'busy', RequestId: requestId }),
    });
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({ httpStatus: 503, providerCode: 'ServiceUnavailable' });
    expect(error.data.hint).toMatch(/may or may not have been sent/);
  });

  it.each([
    ['an HTML page', 200, '<html>proxy</html>'],
    ['JSON without Code', 200, '{"ok":true}'],
    ['a redirect', 302, '{"Code":"OK","Success":true}'],
    ['OK on a 4xx', 400, '{"Code":"OK","Success":true}'],
  ])('%s is InvalidResponse', (_name, status, body) => {
    expect(errorOf({ status, body }).code).toBe(ConnectorErrorCodes.InvalidResponse);
  });

  it('a gateway error on 4xx is read from the body, without the echoed string-to-sign', () => {
    const error = errorOf({
      status: 400,
      body: JSON.stringify({
        Code: 'SignatureDoesNotMatch',
        Message:
          'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&TemplateParam%3D%257B%2522code%2522%253A%2522123456%2522',
        RequestId: requestId,
      }),
    });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data.providerMessage).toBe(
      'Specified signature is not matched with our calculation.'
    );
    expect(JSON.stringify(error.data)).not.toContain('123456');
  });
});

describe('through the connector', () => {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('a business refusal on HTTP 200 reaches Logto as the mapped ConnectorError', async () => {
    const { scope } = interceptDypns([
      answer(200, {
        Code: 'biz.FREQUENCY',
        Message: 'too often',
        RequestId: requestId,
        Success: false,
      }),
    ]);
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig, fixedClock).sendMessage(sendData('8613800138000'))
    );
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(error.data).toMatchObject({ providerCode: 'biz.FREQUENCY', requestId, httpStatus: 200 });
  });
});
