import type { HttpRequest } from '@logto-sms/sms-core';

import type { AliyunSmsConfig } from './config.js';
// The connector's one import of the signer (SendSms and QuerySendDetails both sign through here).
import { signV1, signV3, type Credentials, type RpcApi } from './signer.js';

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
  api?: RpcApi;
  timestamp: Date;
  nonce: string;
};

const userAgent = 'logto-sms-connector-aliyun-sms';

/**
 * One signed Dysmsapi request (SendSms unless `api` says otherwise). V3 mirrors the official SDK: `POST /`, parameters in the query,
 * empty body. V1 sends everything, `Signature` included, as a form body.
 */
export const buildRequest = ({
  config,
  params,
  api,
  timestamp,
  nonce,
}: AttemptInput): HttpRequest => {
  const credentials: Credentials = {
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    securityToken: config.securityToken,
  };
  const origin = new URL(config.endpoint);

  if (config.signatureAlgorithm === 'HMAC-SHA1') {
    const signed = signV1({
      method: 'POST',
      credentials,
      apiParams: params,
      api,
      timestamp,
      nonce,
    });
    return {
      method: 'POST',
      url: `${origin.origin}/`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'user-agent': userAgent,
      },
      body: signed.encoded,
    };
  }

  const signed = signV3({
    method: 'POST',
    host: origin.host,
    credentials,
    apiParams: params,
    api,
    timestamp,
    nonce,
  });
  return {
    method: 'POST',
    url: `${origin.origin}/?${signed.query}`,
    headers: { ...signed.headers, accept: 'application/json', 'user-agent': userAgent },
  };
};

export { sendSmsAction, type RpcApi } from './signer.js';
