/**
 * Aliyun request signing, both schemes, as pure functions: the clock and the nonce are inputs, so
 * every step can be checked against the published vectors and a retry is re-signed by calling
 * again with fresh inputs.
 *
 * - V1 ("RPC signature", `SignatureVersion=1.0`): HMAC-SHA1 over a doubly percent-encoded query.
 * - V3 (`ACS3-HMAC-SHA256`): HMAC-SHA256 over a hashed canonical request, sent as `Authorization`.
 */
import { createHash, createHmac } from 'node:crypto';

export type SignatureAlgorithm = 'ACS3-HMAC-SHA256' | 'HMAC-SHA1';

export type Credentials = {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token; signed into the request when present. */
  securityToken?: string | undefined;
};

/**
 * Which RPC API a request calls. Dysmsapi `SendSms` and Dypnsapi `SendSmsVerifyCode` share the
 * version `2017-05-25` and differ only in action (and host), so both are inputs, never constants.
 */
export type RpcAction = { action: string; version: string };

// `encodeURIComponent` leaves these five unescaped; RFC 3986 (and Aliyun's server) escapes them.
const reservedByRfc3986 = /[!'()*]/g;

/** RFC 3986 percent-encoding of the UTF-8 bytes: only `A–Z a–z 0–9 - _ . ~` stay literal. */
export const percentEncode = (value: string): string =>
  encodeURIComponent(value).replaceAll(
    reservedByRfc3986,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );

/**
 * `name=value` pairs sorted by name (UTF-16 code unit order, like the SDKs) and joined with `&`.
 * Sorting the names rather than the encoded pairs matters once a name is a prefix of another.
 */
export const canonicalQueryString = (params: Readonly<Record<string, string>>): string =>
  Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');

/** `2024-01-01T00:00:00Z`: UTC, no milliseconds, as both signature schemes document it. */
export const formatTimestamp = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

export const sha256Hex = (data: string): string =>
  createHash('sha256').update(data, 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------
// V1: HMAC-SHA1
// ---------------------------------------------------------------------------------------------

/** The canonical query is encoded a second time here; forgetting that is the classic V1 bug. */
export const v1StringToSign = (method: string, canonicalQuery: string): string =>
  `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery)}`;

/** Base64 HMAC-SHA1 keyed with the secret plus `&` (the empty "token secret" of the scheme). */
export const v1Signature = (stringToSign: string, accessKeySecret: string): string =>
  createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');

export type V1SignInput = {
  method: 'GET' | 'POST';
  credentials: Credentials;
  action: RpcAction;
  /** The API's own parameters, e.g. `PhoneNumbers`, `SignName`. */
  apiParams: Readonly<Record<string, string>>;
  /** Signing time; rendered with `formatTimestamp`. */
  timestamp: Date;
  nonce: string;
};

export type V1SignedRequest = {
  /** Every parameter that was signed (common + API), without `Signature`. */
  params: Record<string, string>;
  canonicalQuery: string;
  stringToSign: string;
  signature: string;
  /** What goes on the wire, as a form body or after `?`: the canonical query plus `Signature`. */
  encoded: string;
};

/** The common V1 parameters. `Format=JSON` because the scheme defaults to XML. */
export const v1CommonParams = (
  credentials: Credentials,
  { action, version }: RpcAction,
  timestamp: Date,
  nonce: string
): Record<string, string> => ({
  AccessKeyId: credentials.accessKeyId,
  Action: action,
  Format: 'JSON',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: nonce,
  SignatureVersion: '1.0',
  Timestamp: formatTimestamp(timestamp),
  Version: version,
  ...(credentials.securityToken ? { SecurityToken: credentials.securityToken } : {}),
});

/** Signs a parameter set exactly as given (the vectors exercise this directly). */
export const signV1Params = (
  method: string,
  params: Readonly<Record<string, string>>,
  accessKeySecret: string
): Omit<V1SignedRequest, 'params'> => {
  const canonicalQuery = canonicalQueryString(params);
  const stringToSign = v1StringToSign(method, canonicalQuery);
  const signature = v1Signature(stringToSign, accessKeySecret);
  // A raw `+` or `/` of the base64 signature would decode to something else on the server.
  return {
    canonicalQuery,
    stringToSign,
    signature,
    encoded: `${canonicalQuery}&Signature=${percentEncode(signature)}`,
  };
};

export const signV1 = ({
  method,
  credentials,
  action,
  apiParams,
  timestamp,
  nonce,
}: V1SignInput): V1SignedRequest => {
  const params = { ...apiParams, ...v1CommonParams(credentials, action, timestamp, nonce) };
  return { params, ...signV1Params(method, params, credentials.accessKeySecret) };
};

// ---------------------------------------------------------------------------------------------
// V3: ACS3-HMAC-SHA256
// ---------------------------------------------------------------------------------------------

export const v3Algorithm = 'ACS3-HMAC-SHA256';

/** SHA-256 of an empty body, the payload hash of every RPC request here (parameters travel in the query). */
// sha256Hex(''), written out: hashing at import time costs the first createHash of the process.
export const emptyPayloadHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// The scheme signs `host`, `content-type` and every `x-acs-*` header; `accept`, `user-agent` and
// `authorization` are left out.
const isSignedHeader = (name: string): boolean =>
  name === 'host' || name === 'content-type' || name.startsWith('x-acs-');

export type CanonicalHeaders = { canonicalHeaders: string; signedHeaders: string };

/**
 * Lower-cased names, sorted, `name:trimmed value\n` each; the signed-header list is the same names
 * joined with `;`. Header names are case-insensitive, so two spellings of one name are one header
 * whose values are joined with `,`.
 */
export const canonicalizeHeaders = (
  headers: Readonly<Record<string, string>>
): CanonicalHeaders => {
  const byName = new Map<string, string[]>();
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!isSignedHeader(name)) {
      continue;
    }
    byName.set(name, [...(byName.get(name) ?? []), value.trim()]);
  }
  const names = [...byName.keys()].sort();
  return {
    canonicalHeaders: names
      .map((name) => `${name}:${(byName.get(name) ?? []).join(',')}\n`)
      .join(''),
    signedHeaders: names.join(';'),
  };
};

export type V3CanonicalRequestInput = {
  method: string;
  /** `/` for RPC APIs. */
  path: string;
  query: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string>>;
  payloadHash: string;
};

// The canonical request and the two parts signV3 reuses, each computed once.
const v3Canonical = ({ method, path, query, headers, payloadHash }: V3CanonicalRequestInput) => {
  const { canonicalHeaders, signedHeaders } = canonicalizeHeaders(headers);
  const canonicalQuery = canonicalQueryString(query);
  const canonicalRequest = [
    method.toUpperCase(),
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  return { canonicalRequest, canonicalQuery, signedHeaders };
};

/** Six lines; the header block ends with its own `\n`, so an empty line precedes the signed-header list. */
export const v3CanonicalRequest = (input: V3CanonicalRequestInput): string =>
  v3Canonical(input).canonicalRequest;

export const v3StringToSign = (canonicalRequest: string): string =>
  `${v3Algorithm}\n${sha256Hex(canonicalRequest)}`;

/** Hex HMAC-SHA256 keyed with the secret as-is (unlike V1, no `&` suffix). */
export const v3Signature = (stringToSign: string, accessKeySecret: string): string =>
  createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');

export const v3Authorization = (
  accessKeyId: string,
  signedHeaders: string,
  signature: string
): string =>
  `${v3Algorithm} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;

export type V3SignInput = {
  method: 'POST';
  /** Endpoint host as sent in the `host` header, with the port when it is not the default. */
  host: string;
  credentials: Credentials;
  action: RpcAction;
  /** The API's own parameters; V3 carries them in the query string. */
  apiParams: Readonly<Record<string, string>>;
  timestamp: Date;
  nonce: string;
  /** Further `x-acs-*` headers to sign (the vectors use the SDK's `x-acs-credentials-provider`). */
  extraHeaders?: Readonly<Record<string, string>>;
};

export type V3SignedRequest = {
  query: string;
  /** Every header to send, `authorization` included. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
};

export const signV3 = ({
  method,
  host,
  credentials,
  action,
  apiParams,
  timestamp,
  nonce,
  extraHeaders,
}: V3SignInput): V3SignedRequest => {
  const headers: Record<string, string> = {
    host,
    'x-acs-action': action.action,
    'x-acs-version': action.version,
    'x-acs-date': formatTimestamp(timestamp),
    'x-acs-signature-nonce': nonce,
    'x-acs-content-sha256': emptyPayloadHash,
    ...(credentials.securityToken
      ? {
          'x-acs-accesskey-id': credentials.accessKeyId,
          'x-acs-security-token': credentials.securityToken,
        }
      : {}),
    ...extraHeaders,
  };
  const { canonicalRequest, canonicalQuery, signedHeaders } = v3Canonical({
    method,
    path: '/',
    query: apiParams,
    headers,
    payloadHash: emptyPayloadHash,
  });
  const stringToSign = v3StringToSign(canonicalRequest);
  const signature = v3Signature(stringToSign, credentials.accessKeySecret);
  return {
    query: canonicalQuery,
    headers: {
      ...headers,
      authorization: v3Authorization(credentials.accessKeyId, signedHeaders, signature),
    },
    canonicalRequest,
    stringToSign,
    signature,
  };
};
