import { chinaDate, chinaDateTime } from '../shared/china-time.js';
import { sameRecipient } from '../shared/recipient.js';
import type { SandboxMessage } from '../types.js';

import type { AuthenticatedCall } from './authenticate.js';
import { aliyunError, missingParameter } from './errors.js';

/** Dysmsapi keeps receipts for the last 30 days, today included. */
export const receiptRetentionDays = 30;
export const maxPageSize = 50;

const dayMs = 24 * 60 * 60 * 1000;

// SendStatus: 1 waiting for the receipt, 2 failed, 3 delivered.
const sendStatus = { waiting: 1, failed: 2, delivered: 3 } as const;

const invalid = (message: string) => aliyunError('isv.INVALID_PARAMETERS', message);

const positiveInteger = (
  params: ReadonlyMap<string, string>,
  name: string,
  max: number
): number => {
  const raw = params.get(name);
  if (!raw) {
    throw missingParameter(name);
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) {
    throw invalid(`${name} 取值范围为 1-${max}`);
  }
  return value;
};

/** The receipt as QuerySendDetails reports it (`Content` included, as the real API does). */
const detailOf = (message: SandboxMessage) => ({
  PhoneNum: message.to,
  SendStatus: sendStatus[message.delivery.state],
  ErrCode: message.delivery.carrierCode ?? '',
  TemplateCode: message.template,
  Content: message.text,
  SendDate: chinaDateTime(Date.parse(message.receivedAt)),
  ...(message.delivery.reportedAt
    ? { ReceiveDate: chinaDateTime(Date.parse(message.delivery.reportedAt)) }
    : {}),
  OutId: '',
});

type SendDetailsSelection = {
  /** Every record of that number and day (and BizId), oldest first. */
  found: SandboxMessage[];
  page: SandboxMessage[];
};

/**
 * The records one `QuerySendDetails` call asks for, with the checks both products make: one
 * number, one China Standard Time day of the last 30, a page. Each product sees only its own
 * sends (Dypnsapi's covers codes sent through SendSmsVerifyCode only).
 */
const selectSendDetails = (
  call: AuthenticatedCall,
  messages: readonly SandboxMessage[],
  now: number,
  provider: SandboxMessage['provider']
): SendDetailsSelection => {
  const phoneNumber = call.params.get('PhoneNumber');
  if (!phoneNumber) {
    throw missingParameter('PhoneNumber');
  }
  const sendDate = call.params.get('SendDate');
  if (!sendDate) {
    throw missingParameter('SendDate');
  }
  if (!/^\d{8}$/.test(sendDate)) {
    throw invalid('SendDate 格式为 yyyyMMdd');
  }
  const oldest = chinaDate(now - (receiptRetentionDays - 1) * dayMs);
  if (sendDate < oldest || sendDate > chinaDate(now)) {
    throw invalid('SendDate 只支持查询近30天的记录');
  }
  const pageSize = positiveInteger(call.params, 'PageSize', maxPageSize);
  const currentPage = positiveInteger(call.params, 'CurrentPage', Number.MAX_SAFE_INTEGER);
  const bizId = call.params.get('BizId');

  const found = messages.filter(
    (message) =>
      message.provider === provider &&
      sameRecipient(message.to, phoneNumber) &&
      chinaDate(Date.parse(message.receivedAt)) === sendDate &&
      (!bizId || message.messageId === bizId)
  );
  return { found, page: found.slice((currentPage - 1) * pageSize, currentPage * pageSize) };
};

/**
 * Dysmsapi `QuerySendDetails`: the receipts of one number on one day (China Standard Time), paged,
 * in `SmsSendDetailDTOs.SmsSendDetailDTO`. The answer body, without `RequestId`.
 */
export const querySendDetails = (
  call: AuthenticatedCall,
  messages: readonly SandboxMessage[],
  now: number
) => {
  const { found, page } = selectSendDetails(call, messages, now, 'aliyun');
  return {
    Code: 'OK',
    Message: 'OK',
    // A string in Dysmsapi's API metadata (the SDK's model declares `totalCount: string`).
    TotalCount: String(found.length),
    SmsSendDetailDTOs: { SmsSendDetailDTO: page.map((message) => detailOf(message)) },
  };
};

/**
 * Dypnsapi `QuerySendDetails` (deprecated by Aliyun, still answered): the same lookup over codes
 * sent through SendSmsVerifyCode, shaped as the Dypnsapi metadata has it (aliyun-dypns-api.md §7):
 * `Success`, `AccessDeniedDetail`, an int64 `TotalCount` and a `Model` array. Without `RequestId`.
 */
export const queryVerifyCodeSendDetails = (
  call: AuthenticatedCall,
  messages: readonly SandboxMessage[],
  now: number
) => {
  const { found, page } = selectSendDetails(call, messages, now, 'aliyun-mas');
  return {
    AccessDeniedDetail: '',
    Message: '成功',
    Model: page.map((message) => detailOf(message)),
    Code: 'OK',
    Success: true,
    TotalCount: found.length,
  };
};
