import { createRedactor, type ProviderErrorData } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { checkResponse, errorRules } from '../src/errors.js';

import {
  connectorWith,
  errorBody,
  interceptTencent,
  rejectionOf,
  sendData,
  statusBody,
  successBody,
  vectorConfig,
} from './helpers.js';

const {
  RateLimitExceeded,
  UsageLimitExceeded,
  InvalidConfig,
  InvalidRequestParameters,
  General,
  InvalidResponse,
} = ConnectorErrorCodes;

const redactor = createRedactor([]);

const failureOf = (status: number, body: string): ConnectorError => {
  try {
    checkResponse({ status, body }, redactor);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected checkResponse to throw');
};

const dataOf = (error: ConnectorError) => error.data as ProviderErrorData;

// The mapping, code by code, for every code of the fact sheet's tables (§6.1, §6.2).
const expected: Array<[string, ConnectorErrorCodes]> = [
  ['LimitExceeded.PhoneNumberThirtySecondLimit', RateLimitExceeded],
  ['LimitExceeded.PhoneNumberOneHourLimit', RateLimitExceeded],
  ['LimitExceeded.PhoneNumberDailyLimit', RateLimitExceeded],
  ['LimitExceeded.PhoneNumberSameContentDailyLimit', RateLimitExceeded],
  ['LimitExceeded.DeliveryFrequencyLimit', RateLimitExceeded],
  ['RequestLimitExceeded', RateLimitExceeded],
  ['RequestLimitExceeded.GlobalRegionUinLimitExceeded', RateLimitExceeded],
  ['RequestLimitExceeded.IPLimitExceeded', RateLimitExceeded],
  ['RequestLimitExceeded.UinLimitExceeded', RateLimitExceeded],
  ['LimitExceeded.AppDailyLimit', UsageLimitExceeded],
  ['LimitExceeded.DailyLimit', UsageLimitExceeded],
  ['LimitExceeded', UsageLimitExceeded],
  ['FailedOperation.InsufficientBalanceInSmsPackage', UsageLimitExceeded],
  ['UnauthorizedOperation.SerivceSuspendDueToArrears', UsageLimitExceeded],
  ['FailedOperation.SignatureIncorrectOrUnapproved', InvalidConfig],
  ['FailedOperation.TemplateIncorrectOrUnapproved', InvalidConfig],
  ['FailedOperation.MissingSignatureList', InvalidConfig],
  ['InvalidParameterValue.MissingSignatureList', InvalidConfig],
  ['FailedOperation.MissingTemplateList', InvalidConfig],
  ['InvalidParameterValue.SdkAppIdNotExist', InvalidConfig],
  ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', InvalidConfig],
  ['UnauthorizedOperation.SmsSdkAppidVerifyFail', InvalidConfig],
  ['UnauthorizedOperation.SdkAppIdIsDisabled', InvalidConfig],
  ['UnauthorizedOperation.SdkAppidIsDisabled', InvalidConfig],
  ['InvalidParameter.AppidAndBizId', InvalidConfig],
  ['UnauthorizedOperation.RequestIpNotInWhitelist', InvalidConfig],
  ['UnauthorizedOperation.RequestPermissionDeny', InvalidConfig],
  ['UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny', InvalidConfig],
  ['FailedOperation.MarketingSendTimeConstraint', InvalidConfig],
  ['FailedOperation.NotEnterpriseCertification', InvalidConfig],
  ['AuthFailure.SecretIdNotFound', InvalidConfig],
  ['AuthFailure.InvalidSecretId', InvalidConfig],
  ['AuthFailure.SignatureFailure', InvalidConfig],
  ['AuthFailure.SignatureExpire', InvalidConfig],
  ['AuthFailure.InvalidAuthorization', InvalidConfig],
  ['AuthFailure.TokenFailure', InvalidConfig],
  ['AuthFailure.UnauthorizedOperation', InvalidConfig],
  ['AuthFailure.MFAFailure', InvalidConfig],
  ['AuthFailure.SomethingNew', InvalidConfig],
  ['UnauthorizedOperation', InvalidConfig],
  ['IpNotInWhitelist', InvalidConfig],
  ['IpInBlacklist', InvalidConfig],
  ['UnsupportedRegion', InvalidConfig],
  ['InvalidParameterValue.IncorrectPhoneNumber', InvalidRequestParameters],
  ['FailedOperation.PhoneNumberInBlacklist', InvalidRequestParameters],
  ['FailedOperation.PhoneNumberOnBlacklist', InvalidRequestParameters],
  ['UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber', InvalidRequestParameters],
  ['UnsupportedOperation.UnsuportedRegion', InvalidRequestParameters],
  ['MissingParameter.EmptyPhoneNumberSet', InvalidRequestParameters],
  ['LimitExceeded.PhoneNumberCountLimit', InvalidRequestParameters],
  ['InvalidParameterValue.TemplateParameterFormatError', InvalidRequestParameters],
  ['InvalidParameterValue.TemplateParameterLengthLimit', InvalidRequestParameters],
  ['InvalidParameterValue.ProhibitedUseUrlInTemplateParameter', InvalidRequestParameters],
  ['InvalidParameterValue.ContentLengthLimit', InvalidRequestParameters],
  ['FailedOperation.ContainSensitiveWord', InvalidRequestParameters],
  ['InvalidParameter.DirtyWordFound', InvalidRequestParameters],
  ['FailedOperation.FailResolvePacket', General],
  ['FailedOperation.JsonParseFail', General],
  ['InternalError.JsonParseFail', General],
  ['InternalError.Timeout', General],
  ['InternalError.SendAndRecvFail', General],
  ['InternalError.OtherError', General],
  ['InternalError.UnknownError', General],
  ['InternalError.RequestTimeException', General],
  ['InternalError.RestApiInterfaceNotExist', General],
  ['InternalError.SigFieldMissing', General],
  ['InternalError.SigVerificationFail', General],
  ['InternalError', General],
  ['FailedOperation.OtherError', General],
  ['FailedOperation.ParametersOtherError', General],
  ['InvalidParameter.InvalidParameters', General],
  ['InvalidParameter', General],
  ['InvalidParameterValue', General],
  ['MissingParameter', General],
  ['UnknownParameter', General],
  ['InvalidRequest', General],
  ['InvalidAction', General],
  ['ActionOffline', General],
  ['NoSuchVersion', General],
  ['NoSuchProduct', General],
  ['RequestSizeLimitExceeded', General],
  ['ResponseSizeLimitExceeded', General],
  ['ServiceUnavailable', General],
  ['ResourceUnavailable', General],
  ['FailedOperation', General],
  ['UnsupportedOperation', General],
  ['UnsupportedOperation.', General],
  ['UnsupportedProtocol', General],
  ['SomeCodeTencentAddsLater', General],
];

describe('the code table', () => {
  it.each(expected)(
    '%s → %s, as a whole-request error and as a per-number status',
    (code, errorCode) => {
      for (const body of [errorBody(code, 'msg', 'R-1'), statusBody(code, 'msg', 'R-1')]) {
        const error = failureOf(200, body);
        expect(error.code).toBe(errorCode);
        expect(dataOf(error)).toMatchObject({
          provider: 'tencent',
          providerCode: code,
          providerMessage: 'msg',
          requestId: 'R-1',
          httpStatus: 200,
        });
        expect(dataOf(error).hint.length).toBeGreaterThan(20);
        expect(dataOf(error).errorDescription).toContain(code);
        expect(dataOf(error).errorDescription).toContain(dataOf(error).hint);
      }
    }
  );

  it('every row of the table is reached by some code above (no dead rows)', () => {
    const codes = expected.map(([code]) => code);
    for (const [index, rule] of errorRules.entries()) {
      const hit = codes.some((code) =>
        rule.match instanceof RegExp
          ? rule.match.test(code)
          : Array.isArray(rule.match)
            ? rule.match.includes(code)
            : rule.match === code
      );
      expect(hit, `row ${index}`).toBe(true);
    }
  });

  it('a per-number failure carries its SerialNo when Tencent gave one', () => {
    const body = JSON.stringify({
      Response: {
        SendStatusSet: [
          { SerialNo: '5000:1', Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'm' },
        ],
        RequestId: 'R-2',
      },
    });
    expect(dataOf(failureOf(200, body))).toMatchObject({ serialNo: '5000:1', requestId: 'R-2' });
    expect(
      dataOf(failureOf(200, statusBody('FailedOperation.TemplateIncorrectOrUnapproved')))
    ).not.toHaveProperty('serialNo');
  });
});

describe('answers that are not a success', () => {
  it.each([
    ['HTML', 200, '<html>bad gateway</html>'],
    ['empty', 200, ''],
    ['no Response', 200, '{"Error":{"Code":"X"}}'],
    ['Response without Error or SendStatusSet', 200, '{"Response":{"RequestId":"R"}}'],
    ['empty SendStatusSet', 200, '{"Response":{"SendStatusSet":[],"RequestId":"R"}}'],
    [
      'two statuses for one number',
      200,
      '{"Response":{"SendStatusSet":[{"Code":"Ok"},{"Code":"Ok"}],"RequestId":"R"}}',
    ],
    [
      'a status without Code',
      200,
      '{"Response":{"SendStatusSet":[{"SerialNo":"1"}],"RequestId":"R"}}',
    ],
    ['Ok on a 3xx', 302, successBody()],
    ['Ok on a 4xx', 404, successBody()],
  ])('%s → invalid_response', (_label, status, body) => {
    const error = failureOf(status, body);
    expect(error.code).toBe(InvalidResponse);
    expect(dataOf(error)).toMatchObject({ provider: 'tencent', httpStatus: status });
  });

  it.each([
    ['HTML', '<html>502</html>'],
    ['a Tencent error', errorBody('InternalError', 'x', 'R-5')],
    ['even a success body', successBody()],
  ])('5xx with %s → general, never a success', (_label, body) => {
    const error = failureOf(503, body);
    expect(error.code).toBe(General);
    expect(dataOf(error).httpStatus).toBe(503);
  });

  it('a 4xx with a Tencent error is read like a 200', () => {
    const error = failureOf(400, errorBody('AuthFailure.SignatureFailure'));
    expect(error.code).toBe(InvalidConfig);
    expect(dataOf(error).httpStatus).toBe(400);
  });

  it('Code compares case-insensitively ("OK" from a proxy is still success)', () => {
    const body = JSON.stringify({
      Response: { SendStatusSet: [{ Code: 'OK', SerialNo: 'S' }], RequestId: 'R' },
    });
    expect(checkResponse({ status: 200, body }, redactor)).toEqual({
      serialNo: 'S',
      requestId: 'R',
    });
  });
});

describe('through the connector', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it.each([
    ['LimitExceeded.PhoneNumberThirtySecondLimit', RateLimitExceeded],
    ['FailedOperation.InsufficientBalanceInSmsPackage', UsageLimitExceeded],
    ['AuthFailure.SignatureFailure', InvalidConfig],
    ['FailedOperation.PhoneNumberInBlacklist', InvalidRequestParameters],
    ['InternalError.OtherError', General],
  ])('%s → %s, sent once', async (code, errorCode) => {
    const { scope, calls } = interceptTencent([
      { status: 200, body: errorBody(code, 'words', 'R-9') },
    ]);
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(1);
    expect(error.code).toBe(errorCode);
    expect(dataOf(error)).toMatchObject({ providerCode: code, requestId: 'R-9', httpStatus: 200 });
  });
});
