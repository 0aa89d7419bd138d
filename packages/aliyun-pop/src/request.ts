import type { HttpRequest } from '@logto-sms/sms-core';

import { credentialsOf } from './credentials.js';
import {
  signV1,
  signV3,
  type Credentials,
  type RpcAction,
  type SignatureAlgorithm,
} from './signer.js';

export type SignedRequestInput = {
  /** Origin only, e.g. `https://dysmsapi.aliyuncs.com` (the config guard normalises it). */
  endpoint: string;
  signatureAlgorithm: SignatureAlgorithm;
  credentials: Credentials;
  action: RpcAction;
  /** The API's own parameters. */
  params: Readonly<Record<string, string>>;
  timestamp: Date;
  nonce: string;
  userAgent: string;
};

// `new URL` cost every send ~1 µs for a value that only changes with the config; endpoints come
// from a handful of configs, the bound only guards against a caller that makes up one per send.
const originParts = new Map<string, { origin: string; host: string }>();
const maxOriginParts = 64;
const partsOf = (endpoint: string): { origin: string; host: string } => {
  let parts = originParts.get(endpoint);
  if (!parts) {
    const { origin, host } = new URL(endpoint);
    parts = { origin, host };
    if (originParts.size >= maxOriginParts) {
      originParts.clear();
    }
    originParts.set(endpoint, parts);
  }
  return parts;
};

/**
 * One signed RPC request. V3 mirrors the official SDK: `POST /`, parameters in the query, empty
 * body. V1 sends everything, `Signature` included, as a form body.
 */
export const buildSignedRequest = ({
  endpoint,
  signatureAlgorithm,
  credentials,
  action,
  params,
  timestamp,
  nonce,
  userAgent,
}: SignedRequestInput): HttpRequest => {
  const origin = partsOf(endpoint);

  if (signatureAlgorithm === 'HMAC-SHA1') {
    const signed = signV1({
      method: 'POST',
      credentials,
      action,
      apiParams: params,
      timestamp,
      nonce,
    });
    return {
      method: 'POST',
      url: `${origin.origin}/`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'user-agent': userAgent,
      },
      body: signed.encoded,
    };
  }

  const signed = signV3({
    method: 'POST',
    host: origin.host,
    credentials,
    action,
    apiParams: params,
    timestamp,
    nonce,
  });
  return {
    method: 'POST',
    url: `${origin.origin}/?${signed.query}`,
    headers: { ...signed.headers, accept: 'application/json', 'user-agent': userAgent },
  };
};

/** The config fields a POP request is built from; both Aliyun connectors' guards produce them. */
export type RpcRequestConfig = Credentials & {
  endpoint: string;
  signatureAlgorithm: SignatureAlgorithm;
};

/** One attempt of a call: the config, the API's own parameters, and this attempt's time and nonce. */
export type RpcAttemptInput = {
  config: RpcRequestConfig;
  params: Readonly<Record<string, string>>;
  timestamp: Date;
  nonce: string;
};

/**
 * A connector's `buildRequest` for one RPC action: the config's endpoint, algorithm and credentials
 * (STS token included) with this attempt's parameters, signed by `buildSignedRequest`.
 *
 * @param action The action and version, e.g. `{ action: 'SendSms', version: '2017-05-25' }`.
 * @param userAgent Names the connector to Aliyun (and to the sandbox, which tells Dysmsapi from
 *   Dypnsapi by it on a shared local origin).
 */
export const rpcRequestBuilder =
  (action: RpcAction, userAgent: string) =>
  ({ config, params, timestamp, nonce }: RpcAttemptInput): HttpRequest =>
    buildSignedRequest({
      endpoint: config.endpoint,
      signatureAlgorithm: config.signatureAlgorithm,
      credentials: credentialsOf(config),
      action,
      params,
      timestamp,
      nonce,
      userAgent,
    });
