import { buildSignedRequest, credentialsOf, type RpcAction } from '@logto-sms/aliyun-pop';
import type { HttpRequest } from '@logto-sms/sms-core';

import type { AliyunSmsConfig } from './config.js';

/** Dysmsapi `SendSms`, the one API this connector calls (aliyun-sms-api.md §1). */
export const sendSmsAction: RpcAction = { action: 'SendSms', version: '2017-05-25' };

/** The SendSms parameters of one message. */
export type SendSmsParams = {
  PhoneNumbers: string;
  SignName: string;
  TemplateCode: string;
  TemplateParam: string;
};

export type AttemptInput = {
  config: Pick<AliyunSmsConfig, 'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'endpoint' | 'signatureAlgorithm'>;
  params: SendSmsParams;
  timestamp: Date;
  nonce: string;
};

const userAgent = 'logto-sms-connector-aliyun-sms';

/** One signed SendSms request (V3 in the query, or V1 as a form body; see aliyun-pop). */
export const buildRequest = ({ config, params, timestamp, nonce }: AttemptInput): HttpRequest =>
  buildSignedRequest({
    endpoint: config.endpoint,
    signatureAlgorithm: config.signatureAlgorithm,
    credentials: credentialsOf(config),
    action: sendSmsAction,
    params,
    timestamp,
    nonce,
    userAgent,
  });
