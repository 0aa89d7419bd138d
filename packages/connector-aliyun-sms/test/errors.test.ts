import type { ProviderErrorData } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { rejectionOf } from '../../../tests/support/index.js';
import { errorRules, ruleForAliyunCode, unknownAliyunError } from '../src/errors.js';

import { connectorWith, interceptAliyun, sendData, vectorConfig } from './helpers.js';

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

const requestId = 'A1B2C3D4-0000-4000-8000-000000000001';
const {
  RateLimitExceeded,
  UsageLimitExceeded,
  InvalidConfig,
  InvalidRequestParameters,
  InvalidResponse,
  General,
} = ConnectorErrorCodes;

describe('the code table', () => {
  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', RateLimitExceeded],
    ['Throttling', RateLimitExceeded],
    ['Throttling.User', RateLimitExceeded],
    ['Throttling.Api', RateLimitExceeded],
    ['isv.AMOUNT_NOT_ENOUGH', UsageLimitExceeded],
    ['isv.OUT_OF_SERVICE', UsageLimitExceeded],
    ['isv.DAY_LIMIT_CONTROL', UsageLimitExceeded],
    ['isv.MONTH_LIMIT_CONTROL', UsageLimitExceeded],
    ['SignatureDoesNotMatch', InvalidConfig],
    ['IncompleteSignature', InvalidConfig],
    ['InvalidSignatureMethod', InvalidConfig],
    ['InvalidAccessKeyId.NotFound', InvalidConfig],
    ['InvalidAccessKeyId.Inactive', InvalidConfig],
    ['InvalidSecurityToken.Expired', InvalidConfig],
    ['InvalidSecurityToken.MismatchWithAccessKey', InvalidConfig],
    ['InvalidSecurityToken.Malformed', InvalidConfig],
    ['Forbidden', InvalidConfig],
    ['Forbidden.RAM', InvalidConfig],
    ['NoPermission', InvalidConfig],
    ['isp.RAM_PERMISSION_DENY', InvalidConfig],
    ['isv.SMS_SIGNATURE_ILLEGAL', InvalidConfig],
    ['isv.SMS_SIGN_ILLEGAL', InvalidConfig],
    ['isv.SIGN_STATE_ILLEGAL', InvalidConfig],
    ['isv.SMS_SIGNATURE_SCENE_ILLEGAL', InvalidConfig],
    ['isv.SMS_TEMPLATE_ILLEGAL', InvalidConfig],
    ['isv.TEMPLATE_MISSING_PARAMETERS', InvalidConfig],
    ['isv.DENY_IP_RANGE', InvalidConfig],
    ['isv.DOMESTIC_NUMBER_NOT_SUPPORTED', InvalidConfig],
    ['isv.PRODUCT_UN_SUBSCRIPT', InvalidConfig],
    ['isv.PRODUCT_UNSUBSCRIBE', InvalidConfig],
    ['isv.ACCOUNT_NOT_EXISTS', InvalidConfig],
    ['isv.ACCOUNT_ABNORMAL', InvalidConfig],
    ['isv.SMS_TEST_NUMBER_LIMIT', InvalidConfig],
    ['isv.SMS_CONTENT_ILLEGAL', InvalidConfig],
    ['isv.EXTEND_CODE_ERROR', InvalidConfig],
    ['InvalidApi.NotFound', InvalidConfig],
    ['InvalidAction', InvalidConfig],
    ['InvalidAction.NotFound', InvalidConfig],
    ['InvalidVersion', InvalidConfig],
    ['NoSuchVersion', InvalidConfig],
    ['UnsupportedHTTPMethod', InvalidConfig],
    ['InvalidTimeStamp.Expired', InvalidConfig],
    ['isv.MOBILE_NUMBER_ILLEGAL', InvalidRequestParameters],
    ['isv.MOBILE_COUNT_OVER_LIMIT', InvalidRequestParameters],
    ['isv.INVALID_PARAMETERS', InvalidRequestParameters],
    ['isv.INVALID_JSON_PARAM', InvalidRequestParameters],
    ['isv.PARAM_LENGTH_LIMIT', InvalidRequestParameters],
    ['isv.PARAM_NOT_SUPPORT_URL', InvalidRequestParameters],
    ['isv.TEMPLATE_PARAMS_ILLEGAL', InvalidRequestParameters],
    ['isv.BLACK_KEY_CONTROL_LIMIT', InvalidRequestParameters],
    ['InvalidTimeStamp.Format', InvalidRequestParameters],
    ['IllegalTimestamp', InvalidRequestParameters],
    ['MissingPhoneNumbers', InvalidRequestParameters],
    ['MissingParameter', InvalidRequestParameters],
    ['InvalidParameter', InvalidRequestParameters],
    ['InvalidParameter.PhoneNumbers', InvalidRequestParameters],
    ['InvalidTemplateCode', InvalidRequestParameters],
    ['isp.SYSTEM_ERROR', General],
    ['isp.GATEWAY_ERROR', General],
    ['isp.UNKNOWN', General],
    ['InternalError', General],
    ['ServiceUnavailable', General],
    ['SignatureNonceUsed', General],
    ['isv.SOMETHING_NEW', General],
    ['Mystery', General],
  ])('%s → %s', (code, expected) => {
    expect(ruleForAliyunCode(code).errorCode).toBe(expected);
  });

  it('every row has a one-line hint that says what to do', () => {
    for (const rule of [...errorRules, unknownAliyunError]) {
      expect(rule.hint.length).toBeGreaterThan(20);
      expect(rule.hint).not.toContain('\n');
    }
  });

  it('unknown codes fall back to General with a pointer to the reference', () => {
    expect(ruleForAliyunCode('isv.NEVER_SEEN')).toBe(unknownAliyunError);
  });
});

type Case = {
  code: string;
  status: number;
  message: string;
  expected: ConnectorErrorCodes;
  hint: RegExp;
};

// One representative per row of the table, each through the whole connector and the wire.
const cases: Case[] = [
  {
    code: 'isv.BUSINESS_LIMIT_CONTROL',
    status: 200,
    message: '触发分钟级流控Permits:1',
    expected: RateLimitExceeded,
    hint: /1 per minute/,
  },
  {
    code: 'Throttling.Api',
    status: 429,
    message: 'Request was denied due to api flow control.',
    expected: RateLimitExceeded,
    hint: /QPS/,
  },
  {
    code: 'isv.AMOUNT_NOT_ENOUGH',
    status: 200,
    message: '账户余额不足',
    expected: UsageLimitExceeded,
    hint: /top it up/,
  },
  {
    code: 'isv.OUT_OF_SERVICE',
    status: 200,
    message: '业务停机',
    expected: UsageLimitExceeded,
    hint: /suspended/,
  },
  {
    code: 'isv.DAY_LIMIT_CONTROL',
    status: 200,
    message: '触发日发送限额',
    expected: UsageLimitExceeded,
    hint: /daily or monthly/,
  },
  {
    code: 'SignatureDoesNotMatch',
    status: 400,
    message: 'Specified signature is not matched with our calculation.',
    expected: InvalidConfig,
    hint: /secret is probably wrong/,
  },
  {
    code: 'IncompleteSignature',
    status: 400,
    message: 'The request signature does not conform to Aliyun standards.',
    expected: InvalidConfig,
    hint: /signatureAlgorithm/,
  },
  {
    code: 'InvalidAccessKeyId.NotFound',
    status: 404,
    message: 'Specified access key is not found.',
    expected: InvalidConfig,
    hint: /accessKeyId is unknown/,
  },
  {
    code: 'InvalidSecurityToken.Expired',
    status: 400,
    message: 'Specified SecurityToken is expired.',
    expected: InvalidConfig,
    hint: /STS securityToken expired/,
  },
  {
    code: 'Forbidden.RAM',
    status: 403,
    message: 'User not authorized to operate on the specified resource.',
    expected: InvalidConfig,
    hint: /AliyunDysmsFullAccess/,
  },
  {
    code: 'isv.SMS_SIGNATURE_ILLEGAL',
    status: 200,
    message: '签名不合法(不存在或被拉黑)',
    expected: InvalidConfig,
    hint: /signName/,
  },
  {
    code: 'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
    status: 200,
    message: '签名和模板类型不一致',
    expected: InvalidConfig,
    hint: /scenario/,
  },
  {
    code: 'isv.SMS_TEMPLATE_ILLEGAL',
    status: 200,
    message: '模板不合法(不存在或被拉黑)',
    expected: InvalidConfig,
    hint: /templateCode/,
  },
  {
    code: 'isv.TEMPLATE_MISSING_PARAMETERS',
    status: 200,
    message: '模板缺少变量',
    expected: InvalidConfig,
    hint: /codeParamName/,
  },
  {
    code: 'isv.DENY_IP_RANGE',
    status: 200,
    message: '源IP地址所在的地区被禁用',
    expected: InvalidConfig,
    hint: /mainland China/,
  },
  {
    code: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
    status: 200,
    message: '国际/港澳台消息模板不支持发送境内号码',
    expected: InvalidConfig,
    hint: /templateCode\.china/,
  },
  {
    code: 'isv.PRODUCT_UN_SUBSCRIPT',
    status: 200,
    message: '未开通云通信产品',
    expected: InvalidConfig,
    hint: /not activated/,
  },
  {
    code: 'isv.ACCOUNT_ABNORMAL',
    status: 200,
    message: '账户异常',
    expected: InvalidConfig,
    hint: /account is missing or restricted/,
  },
  {
    code: 'isv.SMS_TEST_NUMBER_LIMIT',
    status: 200,
    message: '只能向已回复授权信息的手机号发送',
    expected: InvalidConfig,
    hint: /test numbers/,
  },
  {
    code: 'isv.SMS_CONTENT_ILLEGAL',
    status: 200,
    message: '短信内容包含禁止发送内容',
    expected: InvalidConfig,
    hint: /template content/,
  },
  {
    code: 'InvalidVersion',
    status: 400,
    message: 'Specified parameter Version is not valid.',
    expected: InvalidConfig,
    hint: /does not serve Aliyun SMS/,
  },
  {
    code: 'InvalidTimeStamp.Expired',
    status: 400,
    message: 'Specified time stamp or date header is expired.',
    expected: InvalidConfig,
    hint: /NTP/,
  },
  {
    code: 'isv.MOBILE_NUMBER_ILLEGAL',
    status: 200,
    message: '手机号码格式错误',
    expected: InvalidRequestParameters,
    hint: /country code/,
  },
  {
    code: 'isv.MOBILE_COUNT_OVER_LIMIT',
    status: 200,
    message: '手机号码数量超过限制',
    expected: InvalidRequestParameters,
    hint: /one number at a time/,
  },
  {
    code: 'isv.INVALID_JSON_PARAM',
    status: 200,
    message: 'JSON参数不合法，只接受字符串值',
    expected: InvalidRequestParameters,
    hint: /plain code/,
  },
  {
    code: 'isv.PARAM_LENGTH_LIMIT',
    status: 200,
    message: '参数超出长度限制',
    expected: InvalidRequestParameters,
    hint: /4–6 letters or digits/,
  },
  {
    code: 'IllegalTimestamp',
    status: 400,
    message: 'The input parameter "Timestamp" is not valid.',
    expected: InvalidRequestParameters,
    hint: /connector bug/,
  },
  {
    code: 'MissingPhoneNumbers',
    status: 400,
    message: 'PhoneNumbers is mandatory for this action.',
    expected: InvalidRequestParameters,
    hint: /request parameter/,
  },
  {
    code: 'isp.SYSTEM_ERROR',
    status: 200,
    message: '系统错误',
    expected: General,
    hint: /internal problem/,
  },
  {
    code: 'SignatureNonceUsed',
    status: 400,
    message: 'Specified signature nonce was used already.',
    expected: General,
    hint: /nonce was reused/,
  },
  {
    code: 'isv.BRAND_NEW_CODE',
    status: 200,
    message: 'Something new',
    expected: General,
    hint: /error-code reference/,
  },
];

describe('each category through the connector', () => {
  it.each(cases)(
    '$code (HTTP $status) → $expected',
    async ({ code, status, message, expected, hint }) => {
      // Throttling is the one answer that is retried (once); the retry is throttled too here.
      const attempts = code.startsWith('Throttling') ? 2 : 1;
      const { scope, calls } = interceptAliyun(
        [{ status, body: { RequestId: requestId, Code: code, Message: message } }],
        {
          count: attempts,
        }
      );
      const error = await rejectionOf(async () =>
        connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
      );

      expect(scope.isDone()).toBe(true);
      expect(calls).toHaveLength(attempts);
      expect(error.code).toBe(expected);
      const data = error.data as ProviderErrorData;
      expect(data).toMatchObject({
        provider: 'aliyun',
        providerCode: code,
        providerMessage: message,
        requestId,
        httpStatus: status,
      });
      expect(data.hint).toMatch(hint);
      expect(data.errorDescription).toContain(code);
      expect(data.errorDescription).toContain(message);
      expect(data.errorDescription).toContain(data.hint);
    }
  );

  it('SignatureDoesNotMatch: no quoted string to sign, and the fix is the secret', async () => {
    const { scope } = interceptAliyun([
      {
        status: 400,
        body: {
          RequestId: requestId,
          HostId: 'dysmsapi.aliyuncs.com',
          Code: 'SignatureDoesNotMatch',
          Message:
            'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dtestid%26TemplateParam%3D%257B%2522code%2522%253A%2522123456%2522%257D',
          Recommend: 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Dysmsapi',
        },
      },
    ]);
    const error = await rejectionOf(async () =>
      connectorWith({ ...vectorConfig, signatureAlgorithm: 'HMAC-SHA1' }).sendMessage(
        sendData('8613800138000')
      )
    );
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(InvalidConfig);
    const data = error.data as ProviderErrorData;
    expect(data.errorDescription).toBe(
      'Aliyun SMS refused the message (SignatureDoesNotMatch). Specified signature is not matched with our calculation. The AccessKey secret is probably wrong: copy accessKeySecret again from the Aliyun RAM console (a missing or extra character is enough).'
    );
    expect(JSON.stringify(error)).not.toMatch(/string to sign|123456|TemplateParam/i);
    expect(error.message).not.toMatch(/string to sign/i);
  });
});
