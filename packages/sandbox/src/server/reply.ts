import type { OutgoingHttpHeaders } from 'node:http';

/** What an ordinary (non-faulted) handler answers; the server turns it into bytes. */
export type Reply = {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
  /** One short, secret-free phrase for the request log, e.g. 'OK 13800138000' or an error code. */
  summary?: string;
};

export const jsonReply = (
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {}
): Reply => ({
  status,
  headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
  body: JSON.stringify(body),
});
