import { buildSignedRequest, credentialsOf, type RpcAction } from '@logto-sms/aliyun-pop';
import type { HttpRequest } from '@logto-sms/sms-core';

import type { AliyunSmsConfig } from './config.js';

export type { RpcAction } from '@logto-sms/aliyun-pop';

/** Dysmsapi `SendSms` (aliyun-sms-api.md §1); the delivery-status lookup passes `QuerySendDetails` instead. */
export const sendSmsAction = {
  action: 'SendSms',
  version: '2017-05-25',
} as const satisfies RpcAction;

/** The SendSms parameters of one message. */
export type SendSmsParams = {
  PhoneNumbers: string;
  SignName: string;
  TemplateCode: string;
  TemplateParam: string;
};

export type AttemptInput = {
  config: Pick<
    AliyunSmsConfig,
    'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'endpoint' | 'signatureAlgorithm'
  >;
  /** The API's own parameters (SendSms's, or QuerySendDetails' for a delivery-status lookup). */
  params: Readonly<Record<string, string>>;
  /** Default `SendSms`; the signer takes the action and version as inputs. */
  api?: RpcAction;
  timestamp: Date;
  nonce: string;
};

const userAgent = 'logto-sms-connector-aliyun-sms';

/** One signed Dysmsapi request, SendSms unless `api` says otherwise (V3 in the query, or V1 as a form body; see aliyun-pop). */
export const buildRequest = ({
  config,
  params,
  api = sendSmsAction,
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
