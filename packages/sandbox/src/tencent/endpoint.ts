import { randomUUID } from 'node:crypto';

import type { Inbox } from '../inbox/inbox.js';
import type { IncomingCall } from '../server/incoming-call.js';
import type { ProviderEndpoint } from '../server/provider-endpoint.js';
import { jsonReply } from '../server/reply.js';
import { isJsonObject } from '../shared/json-object.js';
import type { SandboxConfig } from '../types.js';

import { authenticateTencent, secretsById } from './authenticate.js';
import { TencentError, tencentError, tencentErrorBody } from './errors.js';
import { TencentFrequencyLimits } from './frequency.js';
import { tencentApiHosts } from './hosts.js';
import { pullSmsSendStatusByPhoneNumber } from './pull-status.js';
import { sendSms, tencentSendState } from './send-sms.js';

type Dependencies = { config: SandboxConfig; now: () => number; inbox: Inbox };

const errorReply = (error: TencentError, requestId: string) => ({
  ...jsonReply(200, tencentErrorBody(error, requestId)),
  summary: error.code,
});

/** Tencent signs every API 3.0 call with TC3; Aliyun, which shares the path `/`, never does. */
export const isTencentCall = (call: IncomingCall): boolean =>
  call.headersDistinct['x-tc-action'] !== undefined ||
  (call.headers.authorization ?? '').startsWith('TC3-');

const pullStatusAction = 'PullSmsSendStatusByPhoneNumber';

/**
 * Tencent Cloud SMS API 3.0 (2021-01-11) at path '/', TC3-HMAC-SHA256 signed: `SendSms`, and
 * `PullSmsSendStatusByPhoneNumber` over the inbox's delivery states.
 */
export const createTencentEndpoint = ({ config, now, inbox }: Dependencies): ProviderEndpoint => {
  const secrets = secretsById(config.tencent);
  const state = tencentSendState(config, new TencentFrequencyLimits());
  let sequence = 0;
  // Shaped like real serial numbers ("5000:1045710669157053657849499619").
  const nextSerialNo = () => {
    sequence = (sequence + 1) % 1_000_000;
    return `5000:${String(now()).padStart(16, '0')}${String(sequence).padStart(12, '0')}`;
  };

  return {
    provider: 'tencent',
    // Tencent's own API hosts: a client pointed here through /etc/hosts sends one as Host.
    hosts: tencentApiHosts,

    claims: isTencentCall,

    // A send names its numbers in PhoneNumberSet, a status pull its one number in PhoneNumber.
    recipients: (call) => {
      try {
        const parsed: unknown = JSON.parse(call.body.toString('utf8'));
        if (!isJsonObject(parsed)) {
          return [];
        }
        if (typeof parsed.PhoneNumber === 'string') {
          return [parsed.PhoneNumber];
        }
        const numbers = parsed.PhoneNumberSet;
        return Array.isArray(numbers)
          ? numbers.filter((item): item is string => typeof item === 'string')
          : [];
      } catch {
        return [];
      }
    },

    // Delivery faults aim at sends: a status pull must leave them armed.
    isSend: (call) => call.headersDistinct['x-tc-action']?.[0] !== pullStatusAction,

    handle(call, delivery) {
      const requestId = randomUUID();
      try {
        if (call.method !== 'POST') {
          throw tencentError('InvalidParameter', 'TC3-HMAC-SHA256 calls are POST requests.');
        }
        const time = now();
        const authenticated = authenticateTencent(call, {
          secrets,
          regions: config.tencent.regions,
          nowMs: time,
        });
        if (authenticated.action === pullStatusAction) {
          const answer = pullSmsSendStatusByPhoneNumber(
            authenticated,
            inbox.list(),
            state.sdkAppIds,
            time
          );
          return {
            ...jsonReply(200, { Response: { ...answer, RequestId: requestId } }),
            summary: `OK ${answer.PullSmsSendStatusSet.length} receipt(s)`,
          };
        }
        const { statuses, delivered } = sendSms(authenticated, state, time, nextSerialNo);
        for (const message of delivered) {
          inbox.add({ ...message, requestId }, delivery);
        }
        const summary = statuses
          .map(({ Code, PhoneNumber }) => (Code === 'Ok' ? `OK ${PhoneNumber}` : Code))
          .join(',');
        return {
          ...jsonReply(200, { Response: { SendStatusSet: statuses, RequestId: requestId } }),
          summary,
        };
      } catch (error) {
        if (!(error instanceof TencentError)) {
          throw error;
        }
        return errorReply(error, requestId);
      }
    },

    faultError(fault) {
      const error = tencentError(String(fault.code ?? 'InternalError.OtherError'), fault.message);
      return {
        ...errorReply(error, randomUUID()),
        status: fault.httpStatus ?? 200,
        summary: `fault ${error.code}`,
      };
    },

    successSample: () =>
      JSON.stringify({
        Response: {
          SendStatusSet: [
            {
              SerialNo: nextSerialNo(),
              PhoneNumber: '+8613800138000',
              Fee: 1,
              SessionContext: '',
              Code: 'Ok',
              Message: 'send success',
              IsoCode: 'CN',
            },
          ],
          RequestId: randomUUID(),
        },
      }),
  };
};
