import type { Inbox } from '../inbox/inbox.js';
import type { IncomingCall } from '../server/incoming-call.js';
import type { ProviderEndpoint } from '../server/provider-endpoint.js';
import { jsonReply } from '../server/reply.js';
import { chinaDateTime, parseChinaDateTime } from '../shared/china-time.js';
import { maskSecret } from '../shared/mask.js';
import { sameRecipient } from '../shared/recipient.js';
import type { SandboxConfig, SandboxMessage } from '../types.js';

import { errorReply, formOf } from './endpoint.js';
import { YunpianError, yunpianError } from './errors.js';
import { billedParts, feePerPart } from './single-send.js';

export const getRecordPath = '/v2/sms/get_record.json';
export const pullStatusPath = '/v2/sms/pull_status.json';
export const maxPageSize = 100;
const defaultPageSize = 20;

type Dependencies = { config: SandboxConfig; inbox: Inbox };

const reportStatus = { delivered: 'SUCCESS', failed: 'FAIL', waiting: 'UNKNOWN' } as const;

const reportedAt = (message: SandboxMessage): string | null =>
  message.delivery.reportedAt === null
    ? null
    : chinaDateTime(Date.parse(message.delivery.reportedAt));

/** One get_record entry; `sid` stays a JSON number as YunPian sends it. */
const recordOf = (message: SandboxMessage) => ({
  sid: Number(message.messageId),
  uid: null,
  mobile: message.to,
  send_time: chinaDateTime(Date.parse(message.receivedAt)),
  text: message.text,
  send_status: 'SUCCESS',
  report_status: reportStatus[message.delivery.state],
  fee: Number((billedParts(message.text) * feePerPart).toFixed(3)),
  user_receive_time: reportedAt(message),
  error_msg: message.delivery.state === 'failed' ? message.delivery.carrierCode : '',
});

/** One pull_status report (only for messages the carrier has reported on). */
const reportOf = (message: SandboxMessage) => ({
  sid: Number(message.messageId),
  uid: null,
  user_receive_time: reportedAt(message),
  error_msg: message.delivery.state === 'failed' ? message.delivery.carrierCode : '',
  mobile: message.to,
  report_status: reportStatus[message.delivery.state],
});

const pageSizeOf = (params: ReadonlyMap<string, string>): number => {
  const raw = params.get('page_size');
  if (raw === undefined || raw === '') {
    return defaultPageSize;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > maxPageSize) {
    throw yunpianError(2, `参数 page_size 格式不正确，page_size 取值范围为 1-${maxPageSize}`);
  }
  return value;
};

const timeParam = (params: ReadonlyMap<string, string>, name: string): number => {
  const raw = params.get(name);
  if (!raw) {
    throw yunpianError(1, `参数 ${name} 必须传入`);
  }
  const time = parseChinaDateTime(raw);
  if (Number.isNaN(time)) {
    throw yunpianError(2, `参数 ${name} 格式不正确，格式为 yyyy-MM-dd HH:mm:ss`);
  }
  return time;
};

/**
 * The YunPian record APIs over the inbox: `get_record.json` (read-only, by time range and number,
 * paged) and `pull_status.json` (each report handed out once per account).
 */
export const createYunpianRecordEndpoints = ({
  config,
  inbox,
}: Dependencies): Map<string, ProviderEndpoint> => {
  const accounts = new Set(config.yunpian.accounts.map((account) => account.apikey));
  // Message ids whose report some pull_status call already handed out.
  const pulled = new Set<string>();

  const ownMessages = (apikey: string) => {
    const credential = maskSecret(apikey);
    return inbox
      .list({ provider: 'yunpian' })
      .filter((message) => message.credential === credential);
  };

  const authenticated = (call: IncomingCall): { params: Map<string, string>; apikey: string } => {
    if (call.method !== 'POST') {
      throw yunpianError(11);
    }
    const params = formOf(call);
    const apikey = params.get('apikey');
    if (!apikey) {
      throw yunpianError(1, '参数 apikey 必须传入');
    }
    if (!accounts.has(apikey)) {
      throw yunpianError(-1);
    }
    return { params, apikey };
  };

  const endpoint = (answer: (call: IncomingCall) => unknown[]): ProviderEndpoint => ({
    provider: 'yunpian',
    recipients: (call) => {
      const mobile = formOf(call).get('mobile');
      return mobile ? [mobile] : [];
    },
    isSend: () => false,
    handle(call) {
      try {
        const list = answer(call);
        return { ...jsonReply(200, list), summary: `OK ${list.length} record(s)` };
      } catch (error) {
        if (!(error instanceof YunpianError)) {
          throw error;
        }
        return errorReply(error);
      }
    },
    faultError: (fault) =>
      errorReply(
        yunpianError(Number(fault.code ?? -51), fault.message, undefined, fault.httpStatus ?? 400)
      ),
    successSample: () => JSON.stringify([]),
  });

  const getRecord = endpoint((call) => {
    const { params, apikey } = authenticated(call);
    const start = timeParam(params, 'start_time');
    const end = timeParam(params, 'end_time');
    const mobile = params.get('mobile');
    // An empty page_num counts as absent.
    const pageText = params.get('page_num');
    const pageNumber = pageText === undefined || pageText === '' ? 1 : Number(pageText);
    if (!Number.isInteger(pageNumber) || pageNumber < 1) {
      throw yunpianError(2, '参数 page_num 格式不正确');
    }
    const pageSize = pageSizeOf(params);
    const found = ownMessages(apikey).filter((message) => {
      const sent = Date.parse(message.receivedAt);
      // The times are whole seconds: a message sent within the end second still counts.
      return sent >= start && sent < end + 1000 && (!mobile || sameRecipient(message.to, mobile));
    });
    return found
      .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
      .map((message) => recordOf(message));
  });

  const pullStatus = endpoint((call) => {
    const { params, apikey } = authenticated(call);
    const pageSize = pageSizeOf(params);
    const reports = ownMessages(apikey)
      .filter((message) => message.delivery.state !== 'waiting' && !pulled.has(message.id))
      .reverse()
      .slice(0, pageSize);
    for (const message of reports) {
      pulled.add(message.id);
    }
    return reports.map((message) => reportOf(message));
  });

  return new Map([
    [getRecordPath, getRecord],
    [pullStatusPath, pullStatus],
  ]);
};
