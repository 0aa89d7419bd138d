import { buildSignedRequest, credentialsOf, type RpcAction } from '@logto-sms/aliyun-pop';
import type { HttpRequest } from '@logto-sms/sms-core';

import type { AliyunMasConfig } from './config.js';

/** Dypnsapi `SendSmsVerifyCode`: the same version as Dysmsapi, another action and host (aliyun-dypns-api.md §1). */
export const sendSmsVerifyCodeAction: RpcAction = {
  action: 'SendSmsVerifyCode',
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

export type AttemptInput = {
  config: Pick<
    AliyunMasConfig,
    'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'endpoint' | 'signatureAlgorithm'
  >;
  /** The API's own parameters (SendSmsVerifyCode's, or QuerySendDetails' for a delivery-status lookup). */
  params: Readonly<Record<string, string>>;
  /** Default `SendSmsVerifyCode`; the signer takes the action and version as inputs. */
  api?: RpcAction;
  timestamp: Date;
  nonce: string;
};

const userAgent = 'logto-sms-connector-aliyun-mas';

/** One signed Dypnsapi request, SendSmsVerifyCode unless `api` says otherwise (V3 in the query, or V1 as a form body; see aliyun-pop). */
export const buildRequest = ({
  config,
  params,
  api = sendSmsVerifyCodeAction,
  timestamp,
  nonce,
}: AttemptInput): HttpRequest =>
  buildSignedRequest({
    endpoint: config.endpoint,
    signatureAlgorithm: config.signatureAlgorithm,
    credentials: credentialsOf(config),
    action: api,
    params,
    timestamp,
    nonce,
    userAgent,
  });
