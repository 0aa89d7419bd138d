import { rpcRequestBuilder, type RpcAction } from '@logto-sms/aliyun-pop';

const userAgent = 'logto-sms-connector-aliyun-mas';

/** Dypnsapi `SendSmsVerifyCode`: the same version as Dysmsapi, another action and host (aliyun-dypns-api.md §1). */
export const sendSmsVerifyCodeAction: RpcAction = {
  action: 'SendSmsVerifyCode',
  version: '2017-05-25',
};

/** Dypnsapi `QuerySendDetails` (deprecated in Aliyun's metadata, still listed; aliyun-dypns-api.md §7). */
export const querySendDetailsAction: RpcAction = {
  action: 'QuerySendDetails',
  version: '2017-05-25',
};

/**
 * The SendSmsVerifyCode parameters of one message. The generator parameters (`CodeLength`,
 * `CodeType`, `ValidTime`, `ReturnVerifyCode`, `SchemeName`, `Interval`, `DuplicatePolicy`,
 * `AutoRetry`) are never sent: Logto generates and checks its own codes.
 */
export type SendSmsVerifyCodeParams = {
  CountryCode: string;
  PhoneNumber: string;
  SignName: string;
  TemplateCode: string;
  TemplateParam: string;
};

/** One signed SendSmsVerifyCode request (V3 in the query, or V1 as a form body; see aliyun-pop). */
export const buildRequest = rpcRequestBuilder(sendSmsVerifyCodeAction, userAgent);

/** One signed QuerySendDetails request, on the same endpoint, signing and STS token as a send. */
export const buildQueryRequest = rpcRequestBuilder(querySendDetailsAction, userAgent);
