import { createHash, createHmac } from 'node:crypto';

import { canonicalQuery } from './percent-encode.js';

export const v3Algorithm = 'ACS3-HMAC-SHA256';

export type V3Authorization = { credential: string; signedHeaders: string[]; signature: string };

/** `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=…`; null when any part is missing. */
export const parseV3Authorization = (header: string): V3Authorization | null => {
  const prefix = `${v3Algorithm} `;
  if (!header.startsWith(prefix)) {
    return null;
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) {
      fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
    }
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    return null;
  }
  return { credential, signedHeaders: signedHeaders.split(';'), signature };
};

export const sha256Hex = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

export type V3CanonicalInput = {
  method: string;
  path: string;
  query: ReadonlyMap<string, string>;
  /** Received header values by lowercase name; repeated headers keep every value. */
  headers: Readonly<Record<string, string[] | undefined>>;
  signedHeaders: readonly string[];
  payloadHash: string;
};

export const v3CanonicalRequest = (input: V3CanonicalInput): string => {
  // The server signs the headers the client says it signed, in sorted order; values are
  // trimmed and repeated headers joined with ',' per the spec.
  const names = [...input.signedHeaders].map((name) => name.toLowerCase()).sort();
  const canonicalHeaders = names
    .map(
      (name) => `${name}:${(input.headers[name] ?? []).map((value) => value.trim()).join(',')}\n`
    )
    .join('');
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    canonicalHeaders,
    names.join(';'),
    input.payloadHash,
  ].join('\n');
};

export const v3StringToSign = (canonicalRequest: string): string =>
  `${v3Algorithm}\n${sha256Hex(canonicalRequest)}`;

export const v3Signature = (accessKeySecret: string, stringToSign: string): string =>
  createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
