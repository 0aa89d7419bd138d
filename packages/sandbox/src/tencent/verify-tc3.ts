/**
 * The sandbox's own TC3-HMAC-SHA256 check, written from Tencent's "Signature v3" documentation and
 * nothing else (it must stay independent of any connector's signer). Unlike a client, a verifier
 * reads the signed-header list from the request, so it also accepts requests that sign more than
 * `content-type;host`, which the documentation allows.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import type { IncomingCall } from '../server/incoming-call.js';

export type Tc3Authorization = {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
};

const authorizationPattern =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9.-]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Splits the Authorization header; `undefined` when it is not a TC3 header. */
export const parseTc3Authorization = (header: string | undefined): Tc3Authorization | undefined => {
  const match = header === undefined ? null : authorizationPattern.exec(header.trim());
  if (!match) {
    return undefined;
  }
  const [, secretId = '', date = '', service = '', headerList = '', signature = ''] = match;
  return { secretId, date, service, signedHeaders: headerList.split(';'), signature };
};

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const mac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();

/** Every value of a header as received, joined the way a canonical header line wants it. */
const headerValue = (call: IncomingCall, name: string): string | undefined => {
  const values = call.headersDistinct[name];
  return values === undefined ? undefined : values.map((value) => value.trim()).join(',');
};

/**
 * The signature Tencent would compute for this request with `secretKey`, or `undefined` when a
 * header named in SignedHeaders is missing. Hashes the body bytes as received.
 */
export const expectedTc3Signature = (
  call: IncomingCall,
  authorization: Tc3Authorization,
  timestamp: string,
  secretKey: string
): string | undefined => {
  const lines: string[] = [];
  for (const name of [...authorization.signedHeaders].sort()) {
    const value = headerValue(call, name);
    if (value === undefined) {
      return undefined;
    }
    lines.push(`${name}:${value}\n`);
  }
  const canonical = `${call.method}\n/\n${call.rawQuery}\n${lines.join('')}\n${authorization.signedHeaders.join(';')}\n${sha256(call.body)}`;
  const scope = `${authorization.date}/${authorization.service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = mac(
    mac(mac(`TC3${secretKey}`, authorization.date), authorization.service),
    'tc3_request'
  );
  return createHmac('sha256', key).update(toSign).digest('hex');
};

export const sameSignature = (expected: string, received: string): boolean =>
  expected.length === received.length &&
  timingSafeEqual(Buffer.from(expected), Buffer.from(received));
