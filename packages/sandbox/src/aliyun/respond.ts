import type { Reply } from '../server/reply.js';
import { jsonReply } from '../server/reply.js';

import type { AliyunError } from './errors.js';

/** V1 callers pick the response format with `Format`; Aliyun defaults to XML when it is absent. */
export type AliyunFormat = 'JSON' | 'XML';

export const hostId = 'dysmsapi.aliyuncs.com';

export const troubleshootUrl = (code: string, requestId: string): string =>
  `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dysmsapi&requestId=${requestId}`;

export const errorBody = (error: AliyunError, requestId: string): Record<string, string> =>
  error.isBusiness
    ? { RequestId: requestId, Code: error.code, Message: error.message }
    : {
        RequestId: requestId,
        HostId: hostId,
        Code: error.code,
        Message: error.message,
        Recommend: troubleshootUrl(error.code, requestId),
      };

const xmlEscape = (text: string): string =>
  text.replaceAll(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** XML answers name their root element after the action, or `Error` for a gateway error. */
export const xmlReply = (
  status: number,
  root: string,
  body: Record<string, string>,
  requestId: string
): Reply => ({
  status,
  headers: { 'content-type': 'text/xml;charset=utf-8', 'x-acs-request-id': requestId },
  body:
    `<?xml version='1.0' encoding='UTF-8'?><${root}>` +
    Object.entries(body)
      .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
      .join('') +
    `</${root}>`,
});

export const aliyunReply = (
  status: number,
  body: Record<string, string>,
  format: AliyunFormat,
  requestId: string
): Reply =>
  format === 'XML'
    ? xmlReply(status, 'SendSmsResponse', body, requestId)
    : jsonReply(status, body, { 'x-acs-request-id': requestId });

export const aliyunErrorReply = (
  error: AliyunError,
  format: AliyunFormat,
  requestId: string
): Reply => {
  const body = errorBody(error, requestId);
  return error.isBusiness || format === 'JSON'
    ? aliyunReply(error.status, body, format, requestId)
    : xmlReply(error.status, 'Error', body, requestId);
};
