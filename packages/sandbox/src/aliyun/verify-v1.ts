import { createHmac } from 'node:crypto';

import { canonicalQuery, percentEncode } from './percent-encode.js';

/**
 * The RPC "HMAC-SHA1 / SignatureVersion 1.0" string-to-sign, rebuilt from the decoded parameters
 * the server received (never from the client's wire encoding, which legitimately varies).
 */
export const v1StringToSign = (method: string, params: ReadonlyMap<string, string>): string => {
  const signed = new Map(params);
  signed.delete('Signature');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(signed))}`;
};

export const v1Signature = (accessKeySecret: string, stringToSign: string): string =>
  createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
