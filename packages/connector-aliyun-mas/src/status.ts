/**
 * "Did the code arrive?": delivery receipts through Dypnsapi `QuerySendDetails` (2017-05-25), signed
 * and sent exactly like SendSmsVerifyCode (same endpoint, V1/V3 signing, STS token). It covers only
 * codes sent through the 短信认证 API, answers its records in a `Model` array (not Dysmsapi's
 * `SmsSendDetailDTOs`), and Aliyun marks it deprecated with no replacement announced
 * (aliyun-dypns-api.md §7, from the Dypnsapi OpenAPI metadata). The day-by-day paging and the
 * record shape are aliyun-pop's, shared with the Aliyun SMS connector.
 *
 * UNVERIFIED: the RAM action. Aliyun's page for this API could not be read here; `dypns:` is the
 * product's RAM namespace (`dypns:SendSmsVerifyCode`) and Aliyun names actions after the API.
 * Also unverified: a PageSize maximum (the metadata gives none; 50 is Dysmsapi's).
 */
import {
  checkAliyunResponse,
  lookUpSendDetails,
  lookupPermissionRule,
  readAliyunAnswer,
  readSendDetailsPage,
  type SendDetailsPage,
} from '@logto-sms/aliyun-pop';
import type {
  DeliveryQuery,
  DeliveryReport,
  ErrorRule,
  HttpResponse,
  Redactor,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { queryRequest, type ClientOptions } from './client.js';
import type { AliyunMasConfig } from './config.js';
import { errorRules, ruleForCode } from './errors.js';
import { toRecipient } from './recipient.js';
import { deliveryStatusSource } from './status-source.js';

/** Where an operator reads the same records when the API is gone. */
const instead =
  'the 号码认证 console (https://dypns.console.aliyun.com/) > 短信认证 > 发送记录, or the DypnsSmsVerifyReport push (短信认证参数配置 > 状态报告接收)';

/**
 * Lookup rows first: the permission (naming the lookup's RAM action, not the send's) and an API
 * that is no longer served (it is deprecated). Everything else reads the send table.
 */
export const statusErrorRules: ReadonlyArray<ErrorRule<string>> = [
  lookupPermissionRule('dypns:QuerySendDetails', 'the AliyunDypnsFullAccess policy also covers it'),
  {
    match: /^(?:InvalidApi\.NotFound|InvalidAction.*|InvalidVersion|NoSuchVersion)$/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: `Aliyun did not recognise Dypnsapi QuerySendDetails here: either endpoint is not https://dypnsapi.aliyuncs.com (leave it empty), or Aliyun has withdrawn this deprecated API. Read the records in ${instead}.`,
  },
  ...errorRules,
];

/** The page part of a `Code: OK` answer (`TotalCount`, `Model`). */
export const readSendDetails = (body: string): SendDetailsPage =>
  readSendDetailsPage(body, (answer) => answer.Model);

/**
 * Reads a QuerySendDetails answer and throws the ConnectorError it means; an answer is accepted
 * with `Code: "OK"` on a 2xx unless it says `Success: false` (a read has no side effect that a
 * missing `Success` could hide).
 *
 * @throws ConnectorError classified by `statusErrorRules`.
 */
export const checkQueryResponse = (
  response: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor
): void => {
  checkAliyunResponse(response, redactor, {
    provider: 'aliyun-mas',
    productName: 'Aliyun Message Authentication Service',
    read: readAliyunAnswer,
    accepted: (answer) => (answer.fields.Success === false ? undefined : answer),
    ruleFor: (facts) => ruleForCode(facts, statusErrorRules),
    refused: 'Aliyun Message Authentication Service refused the delivery-status query',
    serverErrorHint:
      'Aliyun had a server-side problem; run the lookup again in a minute, and contact Aliyun support with the RequestId if it persists.',
    notAnAnswerHint:
      'Check that endpoint points at https://dypnsapi.aliyuncs.com (or the local sandbox), not at a proxy or web page.',
  });
};

/**
 * Receipts for codes sent to `query.to` since `query.since` (default 24 hours), newest first.
 * Mainland China numbers only, like sending.
 *
 * @throws ConnectorError InvalidRequestParameters for a number outside mainland China, a malformed
 * BizId or date (before any request); InvalidConfig for a missing permission
 * (`dypns:QuerySendDetails`), bad credentials or a withdrawn API; the send table's codes otherwise.
 */
export const queryDeliveryStatus = async (
  config: AliyunMasConfig,
  query: DeliveryQuery,
  clientOptions?: ClientOptions
): Promise<DeliveryReport> => {
  const report = await lookUpSendDetails({
    api: deliveryStatusSource.api,
    query,
    phoneNumber: toRecipient(query.to, config.strictPhoneRegionNumberCheck).phoneNumber,
    secrets: [config.accessKeySecret, config.securityToken],
    call: async (params, redactor) => queryRequest(config, params, redactor, clientOptions),
    readPage: (response, redactor) => {
      checkQueryResponse(response, redactor);
      return readSendDetails(response.body);
    },
  });
  // An empty answer from a deprecated API is not proof that nothing was sent.
  return report.records.length > 0
    ? report
    : {
        ...report,
        notes: [
          ...report.notes,
          `QuerySendDetails is deprecated by Aliyun; if a code is missing here, look in ${instead}.`,
        ],
      };
};
