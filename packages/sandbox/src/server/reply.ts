import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

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

/** Writes a whole reply, with its exact Content-Length. */
export const sendReply = (response: ServerResponse, reply: Reply): void => {
  response.writeHead(reply.status, {
    'content-length': Buffer.byteLength(reply.body),
    ...reply.headers,
  });
  response.end(reply.body);
};
