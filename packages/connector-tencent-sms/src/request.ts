import type { HttpRequest } from '@logto-sms/sms-core';

import type { TencentSmsConfig } from './config.js';
import { signTc3, tencentSmsService } from './signer.js';

/** An API 3.0 action and its version, sent as `X-TC-Action` / `X-TC-Version`. */
export type ApiAction = { action: string; version: string };

/** The API 3.0 action and version this connector sends with. */
export const sendSmsAction = { action: 'SendSms', version: '2021-01-11' } as const;

/**
 * The SendSms body of one message. Key order is the order serialised, and so hashed; it is the
 * order of Tencent's documented example (fact-sheet Vectors A–F).
 */
export type SendSmsBody = {
  PhoneNumberSet: [string];
  SmsSdkAppId: string;
  TemplateId: string;
  /** Absent for an international number without `overseasSignName`: Tencent only requires it for mainland China. */
  SignName?: string;
  TemplateParamSet: string[];
};

/** `PullSmsSendStatusByPhoneNumber` (2021-01-11): the delivery receipts of one number (`status.ts`). */
export type PullStatusBody = {
  /** Unix seconds. */
  BeginTime: number;
  /** Unix seconds. */
  EndTime: number;
  /** Tencent documents it as fixed at 0: there is no paging. */
  Offset: 0;
  /** At most 100. */
  Limit: number;
  /** E.164 with `+`. */
  PhoneNumber: string;
  SmsSdkAppId: string;
};

/** Any body this connector signs; the action decides which. */
export type RequestBody = SendSmsBody | PullStatusBody;

export type AttemptInput = {
  config: Pick<
    TencentSmsConfig,
    'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'endpoint' | 'region'
  >;
  body: RequestBody;
  /** Unix time in whole seconds for this attempt. */
  timestamp: number;
  action?: ApiAction;
};

const contentType = 'application/json';
const userAgent = 'logto-sms-connector-tencent-sms';

/**
 * One signed `POST /` request. The body is serialised once and those exact bytes are both hashed
 * and sent; the signed host is the `Host` header value the request will carry.
 */
export const buildRequest = ({
  config,
  body,
  timestamp,
  action = sendSmsAction,
}: AttemptInput): HttpRequest => {
  const origin = new URL(config.endpoint);
  const payload = JSON.stringify(body);
  const { authorization } = signTc3({
    secretId: config.accessKeyId,
    secretKey: config.accessKeySecret,
    timestamp,
    service: tencentSmsService,
    host: origin.host,
    contentType,
    body: payload,
  });
  return {
    method: 'POST',
    url: `${origin.origin}/`,
    headers: {
      authorization,
      'content-type': contentType,
      'x-tc-action': action.action,
      'x-tc-version': action.version,
      'x-tc-region': config.region,
      'x-tc-timestamp': String(timestamp),
      ...(config.securityToken === undefined ? {} : { 'x-tc-token': config.securityToken }),
      accept: 'application/json',
      'user-agent': userAgent,
    },
    body: payload,
  };
};
