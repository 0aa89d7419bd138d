import { randomUUID } from 'node:crypto';

import type { Inbox } from '../inbox/inbox.js';
import type { IncomingCall } from '../server/incoming-call.js';
import type { ProviderEndpoint } from '../server/provider-endpoint.js';
import { jsonReply } from '../server/reply.js';
import type { SandboxConfig } from '../types.js';

import {
  authenticate,
  querySendDetailsAction,
  requestedAction,
  responseFormat,
  sendSmsVerifyCodeAction,
} from './authenticate.js';
import { credentialsById } from './credentials.js';
import { AliyunError, aliyunError } from './errors.js';
import { AliyunFlowControl } from './flow-control.js';
import { NonceStore } from './nonce-store.js';
import { aliyunProductOf } from './product.js';
import { querySendDetails, queryVerifyCodeSendDetails } from './query-send-details.js';
import { mergedParams } from './request-params.js';
import { aliyunErrorReply, aliyunReply, xmlReply } from './respond.js';
import { sendSmsVerifyCode, sendSmsVerifyCodeState } from './send-sms-verify-code.js';
import { sendSms, sendSmsState } from './send-sms.js';

type Dependencies = { config: SandboxConfig; now: () => number; inbox: Inbox };

const newRequestId = (): string => randomUUID().toUpperCase();

/**
 * Aliyun at path '/', V1 (HMAC-SHA1) or V3 (ACS3-HMAC-SHA256) signed: Dysmsapi `SendSms`,
 * Dypnsapi `SendSmsVerifyCode` (really another host; both connectors point at one local origin, so
 * the action picks the API), and each product's `QuerySendDetails` over the inbox's delivery
 * states (answered in JSON only; `aliyunProductOf` picks the product).
 */
export const createAliyunEndpoint = ({ config, now, inbox }: Dependencies): ProviderEndpoint => {
  const credentials = credentialsById(config.aliyun);
  const nonces = new NonceStore();
  const state = sendSmsState(config, new AliyunFlowControl());
  const masState = sendSmsVerifyCodeState(config);
  let bizSequence = 0;
  // Shaped like real BizIds ("900619746936498440^0"): 18 digits, '^', a digit.
  const nextBizId = (time: number): string => {
    bizSequence = (bizSequence + 1) % 1_000_000;
    return `${String(time).slice(-12).padStart(12, '9')}${String(bizSequence).padStart(6, '0')}^0`;
  };

  return {
    provider: 'aliyun',
    // Dysmsapi for Aliyun SMS, Dypnsapi for Aliyun MAS: the real hosts a Host header may name.
    hosts: ['dysmsapi.aliyuncs.com', 'dypnsapi.aliyuncs.com'],

    recipients: (call) => {
      const params = mergedParams(call);
      return (params.get('PhoneNumbers') ?? params.get('PhoneNumber') ?? '')
        .split(',')
        .filter(Boolean);
    },

    // Faults and delivery outcomes aim at sends; a lookup names its number in `PhoneNumber`.
    isSend: (call) => requestedAction(call) !== querySendDetailsAction,

    handle(call: IncomingCall, delivery) {
      const requestId = newRequestId();
      const format = responseFormat(call);
      try {
        if (call.method !== 'GET' && call.method !== 'POST') {
          throw aliyunError('UnsupportedHTTPMethod');
        }
        const time = now();
        const authenticated = authenticate(call, { credentials, nonces, now: time });
        if (authenticated.action === sendSmsVerifyCodeAction) {
          const message = sendSmsVerifyCode(authenticated, masState, time);
          const bizId = nextBizId(time);
          inbox.add({ ...message, requestId, messageId: bizId }, delivery);
          const summary = `OK ${message.to}`;
          if (format === 'XML') {
            const body = {
              RequestId: requestId,
              Code: 'OK',
              Message: '成功',
              Success: 'true',
              BizId: bizId,
            };
            return {
              ...xmlReply(200, 'SendSmsVerifyCodeResponse', body, requestId),
              summary,
            };
          }
          const body = {
            AccessDeniedDetail: '',
            Message: '成功',
            Model: {
              VerifyCode: '',
              RequestId: requestId,
              OutId: authenticated.params.get('OutId') ?? '',
              BizId: bizId,
            },
            Code: 'OK',
            Success: true,
            RequestId: requestId,
          };
          return { ...jsonReply(200, body, { 'x-acs-request-id': requestId }), summary };
        }
        if (authenticated.action === querySendDetailsAction) {
          const answer =
            aliyunProductOf(call) === 'dypnsapi'
              ? queryVerifyCodeSendDetails(authenticated, inbox.list(), time)
              : querySendDetails(authenticated, inbox.list(), time);
          return {
            ...jsonReply(
              200,
              { RequestId: requestId, ...answer },
              { 'x-acs-request-id': requestId }
            ),
            summary: `OK ${answer.TotalCount} receipt(s)`,
          };
        }
        const accepted = sendSms(authenticated, state, time);
        const bizId = nextBizId(time);
        for (const message of accepted) {
          inbox.add({ ...message, requestId, messageId: bizId }, delivery);
        }
        const body = { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: bizId };
        return {
          ...aliyunReply(200, body, format, requestId),
          summary: `OK ${accepted.map((message) => message.to).join(',')}`,
        };
      } catch (error) {
        if (!(error instanceof AliyunError)) {
          throw error;
        }
        return { ...aliyunErrorReply(error, format, requestId), summary: error.code };
      }
    },

    faultError(fault, call) {
      const error = aliyunError(
        String(fault.code ?? 'isp.SYSTEM_ERROR'),
        fault.message,
        fault.httpStatus
      );
      return {
        ...aliyunErrorReply(error, responseFormat(call), newRequestId()),
        summary: `fault ${error.code}`,
      };
    },

    successSample: () =>
      JSON.stringify({
        RequestId: newRequestId(),
        Code: 'OK',
        Message: 'OK',
        BizId: nextBizId(now()),
      }),
  };
};
