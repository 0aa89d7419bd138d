import { randomUUID } from 'node:crypto';
import type { Inbox } from '../inbox/inbox.js';
import type { IncomingCall } from '../server/incoming-call.js';
import type { ProviderEndpoint } from '../server/provider-endpoint.js';
import type { SandboxConfig } from '../types.js';
import { jsonReply } from '../server/reply.js';
import { authenticate, requestedAction, responseFormat, sendSmsVerifyCodeApi } from './authenticate.js';
import { credentialsById } from './credentials.js';
import { AliyunError, aliyunError } from './errors.js';
import { AliyunFlowControl } from './flow-control.js';
import { NonceStore } from './nonce-store.js';
import { mergedParams } from './request-params.js';
import { aliyunErrorReply, aliyunReply } from './respond.js';
import { sendSms, sendSmsState } from './send-sms.js';
import { sendSmsVerifyCode, sendSmsVerifyCodeState } from './send-sms-verify-code.js';

type Dependencies = { config: SandboxConfig; now: () => number; inbox: Inbox };

const newRequestId = (): string => randomUUID().toUpperCase();

/**
 * Aliyun at path '/', V1 (HMAC-SHA1) or V3 (ACS3-HMAC-SHA256) signed: Dysmsapi `SendSms`, and
 * Dypnsapi `SendSmsVerifyCode` (really another host; both connectors point at one local origin, so
 * the action picks the API).
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

    recipients: (call) => {
      const params = mergedParams(call);
      return (params.get('PhoneNumbers') ?? params.get('PhoneNumber') ?? '').split(',').filter(Boolean);
    },

    handle(call: IncomingCall) {
      const requestId = newRequestId();
      const format = responseFormat(call);
      try {
        if (call.method !== 'GET' && call.method !== 'POST') throw aliyunError('UnsupportedHTTPMethod');
        const time = now();
        if (requestedAction(call) === sendSmsVerifyCodeApi.action) {
          const authenticated = authenticate(call, { credentials, nonces, now: time, api: sendSmsVerifyCodeApi });
          const message = sendSmsVerifyCode(authenticated, masState, time);
          inbox.add({ ...message, requestId });
          const bizId = nextBizId(time);
          const summary = `OK ${message.to}`;
          if (format === 'XML') {
            const body = { RequestId: requestId, Code: 'OK', Message: '成功', Success: 'true', BizId: bizId };
            return { ...aliyunReply(200, body, format, requestId, 'SendSmsVerifyCodeResponse'), summary };
          }
          const body = {
            AccessDeniedDetail: '',
            Message: '成功',
            Model: { VerifyCode: '', RequestId: requestId, OutId: authenticated.params.get('OutId') ?? '', BizId: bizId },
            Code: 'OK',
            Success: true,
            RequestId: requestId,
          };
          return { ...jsonReply(200, body, { 'x-acs-request-id': requestId }), summary };
        }
        const authenticated = authenticate(call, { credentials, nonces, now: time });
        const accepted = sendSms(authenticated, state, time);
        for (const message of accepted) inbox.add({ ...message, requestId });
        const body = { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: nextBizId(time) };
        return { ...aliyunReply(200, body, format, requestId), summary: `OK ${accepted.map((m) => m.to).join(',')}` };
      } catch (error) {
        if (!(error instanceof AliyunError)) throw error;
        return { ...aliyunErrorReply(error, format, requestId), summary: error.code };
      }
    },

    faultError(fault, call) {
      const error = aliyunError(String(fault.code ?? 'isp.SYSTEM_ERROR'), fault.message, fault.httpStatus);
      return { ...aliyunErrorReply(error, responseFormat(call), newRequestId()), summary: `fault ${error.code}` };
    },

    successSample: () =>
      JSON.stringify({ RequestId: newRequestId(), Code: 'OK', Message: 'OK', BizId: nextBizId(now()) }),
  };
};
