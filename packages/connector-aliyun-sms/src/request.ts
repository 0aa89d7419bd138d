import { rpcRequestBuilder, type RpcAction } from '@logto-sms/aliyun-pop';

export type { RpcAction } from '@logto-sms/aliyun-pop';

const userAgent = 'logto-sms-connector-aliyun-sms';

/** Dysmsapi `SendSms` (aliyun-sms-api.md §1). */
export const sendSmsAction = {
  action: 'SendSms',
  version: '2017-05-25',
} as const satisfies RpcAction;

/** Dysmsapi `QuerySendDetails`, the delivery-status lookup (delivery-status-apis.md). */
export const querySendDetailsAction = {
  action: 'QuerySendDetails',
  version: '2017-05-25',
} as const satisfies RpcAction;

/** The SendSms parameters of one message. */
export type SendSmsParams = {
  PhoneNumbers: string;
  SignName: string;
  TemplateCode: string;
  TemplateParam: string;
};

/** One signed SendSms request (V3 in the query, or V1 as a form body; see aliyun-pop). */
export const buildRequest = rpcRequestBuilder(sendSmsAction, userAgent);

/** One signed QuerySendDetails request, on the same endpoint, signing and STS token as a send. */
export const buildQueryRequest = rpcRequestBuilder(querySendDetailsAction, userAgent);
