/**
 * "Did the code arrive?": Aliyun's delivery receipts through `QuerySendDetails` (Dysmsapi
 * 2017-05-25), signed and sent exactly like SendSms. Read-only; RAM action `dysms:QuerySendDetails`.
 * Facts: help.aliyun.com/document_detail/419277.html (via docs/delivery-status-apis.md); the
 * AliyunDysmsReadOnlyAccess system policy allows `dysms:Query*`
 * (help.aliyun.com/zh/ram/developer-reference/aliyundysmsreadonlyaccess).
 * The day-by-day paging and the record shape are aliyun-pop's, shared with the 短信认证 connector.
 */
import {
  lookUpSendDetails,
  lookupPermissionRule,
  readSendDetailsPage,
  type SendDetailsPage,
} from '@logto-sms/aliyun-pop';
import {
  isJsonObject,
  type DeliveryQuery,
  type DeliveryReport,
  type ErrorRule,
} from '@logto-sms/sms-core';

import { queryRequest, type ClientOptions } from './client.js';
import type { AliyunSmsConfig } from './config.js';
import { checkAnswer, errorRules, type AliyunCallKind } from './errors.js';
import { toRecipient } from './recipient.js';
import { deliveryStatusSource } from './status-source.js';

/** Permission first (naming the lookup's RAM action); everything else reads the send table. */
export const statusErrorRules: ReadonlyArray<ErrorRule<string>> = [
  lookupPermissionRule(
    'dysms:QuerySendDetails',
    'the AliyunDysmsReadOnlyAccess policy includes it'
  ),
  ...errorRules,
];

const queryCall: AliyunCallKind = {
  rules: statusErrorRules,
  refused: 'Aliyun SMS refused the delivery-status query',
};

/** The page part of a `Code: OK` QuerySendDetails answer (`TotalCount`, `SmsSendDetailDTOs`). */
export const readSendDetails = (body: string): SendDetailsPage =>
  readSendDetailsPage(body, (answer) => {
    const wrapper = answer.SmsSendDetailDTOs;
    return isJsonObject(wrapper) ? wrapper.SmsSendDetailDTO : undefined;
  });

/**
 * Receipts for messages to `query.to` since `query.since` (default 24 hours), newest first.
 *
 * @throws ConnectorError InvalidRequestParameters for a malformed number, BizId or date (before any
 * request); InvalidConfig for a missing permission (`dysms:QuerySendDetails`) or bad credentials;
 * the send table's codes otherwise.
 */
export const queryDeliveryStatus = async (
  config: AliyunSmsConfig,
  query: DeliveryQuery,
  clientOptions?: ClientOptions
): Promise<DeliveryReport> =>
  lookUpSendDetails({
    api: deliveryStatusSource.api,
    query,
    phoneNumber: toRecipient(query.to, config.strictPhoneRegionNumberCheck).phoneNumbers,
    secrets: [config.accessKeySecret, config.securityToken],
    call: async (params, redactor) => queryRequest(config, params, redactor, clientOptions),
    readPage: (response, redactor) => {
      checkAnswer(response, redactor, queryCall);
      return readSendDetails(response.body);
    },
  });
