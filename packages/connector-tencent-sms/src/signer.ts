/**
 * Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256) as pure functions: the clock, the
 * service name and the exact body bytes are inputs, so every step can be checked against the
 * published vectors and a retry is re-signed by calling again with a fresh timestamp.
 *
 * Source: Tencent's "Signature v3" documentation (identical across products), confirmed against
 * `tencentcloud-sdk-nodejs-common` 4.1.220 `Sign.sign3`; see docs/tencent-sms-api.md §4–5.
 */
import { createHash, createHmac } from 'node:crypto';

export const tc3Algorithm = 'TC3-HMAC-SHA256';

/**
 * The credential-scope service of every SMS host, regional and international alike. The SDK
 * derives it from the host's first label; taken as a constant it stays right behind a loopback
 * emulator or proxy, where that label is `127` or a machine name.
 */
export const tencentSmsService = 'sms';

/** Only these two headers are signed, as every Tencent SDK does; the `X-TC-*` headers travel unsigned. */
export const signedHeaderNames = 'content-type;host';

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

const hmac = (key: string | Uint8Array, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** `YYYY-MM-DD` of a Unix time in seconds, in UTC: a local date breaks signing around midnight. */
export const utcDate = (timestampSeconds: number): string =>
  new Date(timestampSeconds * 1000).toISOString().slice(0, 10);

export type CanonicalRequestInput = {
  /** Exact `Content-Type` header value sent, e.g. `application/json`. */
  contentType: string;
  /** `Host` header value sent: host name, plus `:port` when the port is not the scheme's default. */
  host: string;
  /** Lowercase hex SHA-256 of the exact body bytes sent. */
  payloadHash: string;
};

/**
 * `POST`, `/`, an empty query, the two canonical headers (each line ending in `\n`, so an empty
 * line follows), the signed-header list and the payload hash, joined with `\n`.
 */
export const canonicalRequest = ({
  contentType,
  host,
  payloadHash,
}: CanonicalRequestInput): string =>
  [
    'POST',
    '/',
    '',
    `content-type:${contentType.trim()}\nhost:${host.trim()}\n`,
    signedHeaderNames,
    payloadHash,
  ].join('\n');

/** `<UTC date>/<service>/tc3_request`. */
export const credentialScope = (date: string, service: string): string =>
  `${date}/${service}/tc3_request`;

export const stringToSign = (
  timestampSeconds: number,
  scope: string,
  hashedCanonicalRequest: string
): string => `${tc3Algorithm}\n${timestampSeconds}\n${scope}\n${hashedCanonicalRequest}`;

/** `HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")`, raw bytes chained. */
export const signingKey = (secretKey: string, date: string, service: string): Buffer =>
  hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');

// The derived key changes once a UTC day per SecretKey, so the last one is kept: a send then pays one
// HMAC for its signature instead of four (stubbed-got bench, docs/benchmarks.md). The key is as secret
// as the SecretKey it is derived from, which the parsed config already holds in memory.
let lastSigningKey: { secretKey: string; date: string; service: string; key: Buffer } | undefined;

const rememberedSigningKey = (secretKey: string, date: string, service: string): Buffer => {
  if (
    lastSigningKey?.secretKey !== secretKey ||
    lastSigningKey.date !== date ||
    lastSigningKey.service !== service
  ) {
    lastSigningKey = { secretKey, date, service, key: signingKey(secretKey, date, service) };
  }
  return lastSigningKey.key;
};

export const authorizationHeader = (secretId: string, scope: string, signature: string): string =>
  `${tc3Algorithm} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaderNames}, Signature=${signature}`;

export type Tc3SignInput = {
  secretId: string;
  secretKey: string;
  /** Unix time in whole seconds; the same number goes into `X-TC-Timestamp`. */
  timestamp: number;
  service: string;
  host: string;
  contentType: string;
  /** The exact body bytes that will be sent (a string is hashed as UTF-8). */
  body: string | Uint8Array;
};

export type Tc3Signature = {
  canonicalRequest: string;
  credentialScope: string;
  stringToSign: string;
  signature: string;
  authorization: string;
};

/** @throws RangeError when `timestamp` is not a whole, non-negative number of seconds. */
export const signTc3 = ({
  secretId,
  secretKey,
  timestamp,
  service,
  host,
  contentType,
  body,
}: Tc3SignInput): Tc3Signature => {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError('The TC3 timestamp is a whole number of seconds since the Unix epoch.');
  }
  const date = utcDate(timestamp);
  const canonical = canonicalRequest({ contentType, host, payloadHash: sha256Hex(body) });
  const scope = credentialScope(date, service);
  const toSign = stringToSign(timestamp, scope, sha256Hex(canonical));
  const signature = createHmac('sha256', rememberedSigningKey(secretKey, date, service))
    .update(toSign, 'utf8')
    .digest('hex');
  return {
    canonicalRequest: canonical,
    credentialScope: scope,
    stringToSign: toSign,
    signature,
    authorization: authorizationHeader(secretId, scope, signature),
  };
};
