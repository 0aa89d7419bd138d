import type { IncomingHttpHeaders } from 'node:http';

/** A fully read request, detached from the socket so provider handlers stay plain functions. */
export type IncomingCall = {
  method: string;
  path: string;
  /** Everything after '?', undecoded; '' when there is no query. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /** Lowercase header name → every received value (repeated headers are not merged). */
  headersDistinct: Record<string, string[] | undefined>;
  body: Buffer;
};
