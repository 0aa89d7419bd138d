import type { Inbox } from '../inbox/inbox.js';
import type { IncomingCall } from '../server/incoming-call.js';
import type { ProviderEndpoint } from '../server/provider-endpoint.js';
import { jsonReply } from '../server/reply.js';
import { isFormContentType, parseForm } from '../shared/form.js';
import type { SandboxConfig } from '../types.js';

import { YunpianRateLimits } from './anti-bombing.js';
import { YunpianError, yunpianError, yunpianErrorBody } from './errors.js';
import { singleSend, singleSendState } from './single-send.js';

export const singleSendPath = '/v2/sms/single_send.json';

type Dependencies = { config: SandboxConfig; now: () => number; inbox: Inbox };

/**
 * Only form bodies carry parameters: a JSON body (even one labelled as a form) leaves the service
 * without an apikey, which is exactly the code-1 answer YunPian's FAQ describes.
 */
export const formOf = (call: IncomingCall): Map<string, string> =>
  isFormContentType(call.headers['content-type'])
    ? new Map(parseForm(call.body.toString('utf8')))
    : new Map<string, string>();

export const errorReply = (error: YunpianError) => ({
  ...jsonReply(error.status, yunpianErrorBody(error)),
  summary: `code ${error.code}`,
});

/** YunPian `POST /v2/sms/single_send.json`. */
export const createYunpianEndpoint = ({ config, now, inbox }: Dependencies): ProviderEndpoint => {
  const state = singleSendState(config, new YunpianRateLimits());
  // Sids are 64-bit on the real service, typically around 1e10–8e10; stay in that range.
  let nextSid = 30_000_000_000 + Math.floor(Math.random() * 1_000_000_000);

  return {
    provider: 'yunpian',
    hosts: ['sms.yunpian.com', 'us.yunpian.com'],

    recipients: (call) => {
      const mobile = formOf(call).get('mobile');
      return mobile ? [mobile] : [];
    },

    handle(call, delivery) {
      try {
        if (call.method !== 'POST') {
          throw yunpianError(11);
        }
        const sid = nextSid;
        const result = singleSend(formOf(call), state, now(), sid);
        nextSid += 1;
        inbox.add(result.message, delivery);
        return { ...jsonReply(200, result.response), summary: `OK ${result.response.mobile}` };
      } catch (error) {
        if (!(error instanceof YunpianError)) {
          throw error;
        }
        return errorReply(error);
      }
    },

    faultError(fault) {
      const numeric = Number(fault.code ?? -51);
      const code = Number.isInteger(numeric) ? numeric : -50;
      const fallback = yunpianError(code);
      const message =
        fallback.message === '未知错误' ? (fault.message ?? fallback.message) : fallback.message;
      return errorReply(yunpianError(code, fault.message, message, fault.httpStatus ?? 400));
    },

    successSample: () =>
      JSON.stringify({
        code: 0,
        msg: '发送成功',
        count: 1,
        fee: 0.05,
        unit: 'RMB',
        mobile: '13800138000',
        sid: nextSid,
      }),
  };
};
