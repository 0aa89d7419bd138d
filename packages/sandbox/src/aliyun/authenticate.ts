import { timingSafeEqual } from 'node:crypto';

import type { IncomingCall } from '../server/incoming-call.js';

import type { AliyunCredential } from './credentials.js';
import { aliyunError, missingParameter, signatureMismatch } from './errors.js';
import type { NonceStore } from './nonce-store.js';
import { formParams, isV3Call, mergedParams, queryParams } from './request-params.js';
import type { AliyunFormat } from './respond.js';
import { maxClockSkewMs, parseAcsTimestamp } from './timestamp.js';
import { v1Signature, v1StringToSign } from './verify-v1.js';
import {
  parseV3Authorization,
  sha256Hex,
  v3Algorithm,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from './verify-v3.js';

export const sendSmsAction = 'SendSms';
export const querySendDetailsAction = 'QuerySendDetails';
export const sendSmsVerifyCodeAction = 'SendSmsVerifyCode';

/**
 * The RPC actions the emulator answers, each with its API version: Dysmsapi `SendSms` and
 * `QuerySendDetails`, and Dypnsapi `SendSmsVerifyCode` (really another host; both connectors point
 * at one local origin, so the action picks the API). Any other action is `InvalidApi.NotFound`.
 */
export const emulatedActions: ReadonlyMap<string, string> = new Map([
  [sendSmsAction, '2017-05-25'],
  [querySendDetailsAction, '2017-05-25'],
  [sendSmsVerifyCodeAction, '2017-05-25'],
]);

export type AuthenticatedCall = {
  algorithm: 'HMAC-SHA1' | 'ACS3-HMAC-SHA256';
  /** The signed action, one of `emulatedActions`. */
  action: string;
  accessKeyId: string;
  /** The SendSms business parameters (and, for V1, the common ones). */
  params: Map<string, string>;
};

export type AuthContext = {
  credentials: ReadonlyMap<string, AliyunCredential>;
  nonces: NonceStore;
  now: number;
};

/** V3 always answers JSON (the SDK asks with `Accept`); V1 follows `Format`, defaulting to XML. */
export const responseFormat = (call: IncomingCall): AliyunFormat => {
  if (isV3Call(call)) {
    return 'JSON';
  }
  return (mergedParams(call).get('Format') ?? '').toUpperCase() === 'JSON' ? 'JSON' : 'XML';
};

const sameSignature = (expected: string, received: string): boolean => {
  const left = Buffer.from(expected);
  const right = Buffer.from(received);
  return left.length === right.length && timingSafeEqual(left, right);
};

const lookUpCredential = (context: AuthContext, accessKeyId: string): AliyunCredential => {
  const credential = context.credentials.get(accessKeyId);
  if (!credential) {
    throw aliyunError('InvalidAccessKeyId.NotFound');
  }
  return credential;
};

const checkSecurityToken = (credential: AliyunCredential, token: string | undefined): void => {
  if (credential.securityToken === undefined) {
    // A token sent with a long-term key belongs to some other (temporary) key.
    if (token) {
      throw aliyunError('InvalidSecurityToken.MismatchWithAccessKey');
    }
    return;
  }
  if (!token) {
    throw aliyunError('InvalidSecurityToken.Malformed');
  }
  if (token !== credential.securityToken) {
    throw aliyunError('InvalidSecurityToken.MismatchWithAccessKey');
  }
};

const checkTimestamp = (text: string, now: number): void => {
  const time = parseAcsTimestamp(text);
  if (time === null) {
    throw aliyunError('InvalidTimeStamp.Format');
  }
  if (Math.abs(now - time) > maxClockSkewMs) {
    throw aliyunError('InvalidTimeStamp.Expired');
  }
};

const checkApi = (action: string | undefined, version: string | undefined): string => {
  if (!action) {
    throw missingParameter('Action');
  }
  const apiVersion = emulatedActions.get(action);
  if (apiVersion === undefined) {
    throw aliyunError('InvalidApi.NotFound');
  }
  if (!version) {
    throw missingParameter('Version');
  }
  if (version !== apiVersion) {
    throw aliyunError('InvalidVersion');
  }
  return action;
};

/** The action a call names (V3 header or V1 parameter), read before verification to route it. */
export const requestedAction = (call: IncomingCall): string | undefined =>
  isV3Call(call) ? call.headers['x-acs-action']?.toString() : mergedParams(call).get('Action');

const claimNonce = (context: AuthContext, nonce: string): void => {
  if (!context.nonces.claim(nonce, context.now)) {
    throw aliyunError('SignatureNonceUsed');
  }
};

/** RPC signature "V1": HMAC-SHA1 over the double-encoded canonical parameters, key secret + '&'. */
const authenticateV1 = (call: IncomingCall, context: AuthContext): AuthenticatedCall => {
  const params = mergedParams(call);
  const action = checkApi(params.get('Action'), params.get('Version'));

  const accessKeyId = params.get('AccessKeyId');
  if (!accessKeyId) {
    throw missingParameter('AccessKeyId');
  }
  const credential = lookUpCredential(context, accessKeyId);

  const method = params.get('SignatureMethod');
  if (!method) {
    throw missingParameter('SignatureMethod');
  }
  if (method !== 'HMAC-SHA1') {
    throw aliyunError('InvalidSignatureMethod');
  }
  const version = params.get('SignatureVersion');
  if (!version) {
    throw missingParameter('SignatureVersion');
  }
  if (version !== '1.0') {
    throw aliyunError('InvalidSignatureVersion');
  }

  checkSecurityToken(credential, params.get('SecurityToken'));

  const signature = params.get('Signature');
  if (!signature) {
    throw aliyunError('IncompleteSignature');
  }
  const timestamp = params.get('Timestamp');
  if (!timestamp) {
    throw missingParameter('Timestamp');
  }
  checkTimestamp(timestamp, context.now);
  const nonce = params.get('SignatureNonce');
  if (!nonce) {
    throw missingParameter('SignatureNonce');
  }

  // The real HTTP method goes into the string-to-sign, so a GET signature replayed as POST fails.
  const stringToSign = v1StringToSign(call.method, params);
  if (!sameSignature(v1Signature(credential.accessKeySecret, stringToSign), signature)) {
    throw signatureMismatch(stringToSign);
  }
  claimNonce(context, nonce);
  return { algorithm: 'HMAC-SHA1', action, accessKeyId, params };
};

const header = (call: IncomingCall, name: string): string | undefined => {
  const values = call.headersDistinct[name];
  return values === undefined ? undefined : values.join(',');
};

/** Headers a V3 request must have signed: host, every x-acs-* it sent, and content-type with a body. */
const headersThatMustBeSigned = (call: IncomingCall): string[] => {
  const names = Object.keys(call.headersDistinct).filter((name) => name.startsWith('x-acs-'));
  names.push('host');
  if (call.body.length > 0) {
    names.push('content-type');
  }
  return names;
};

/** ACS3-HMAC-SHA256: the canonical request is hashed, then signed with the bare secret. */
const authenticateV3 = (call: IncomingCall, context: AuthContext): AuthenticatedCall => {
  const authorizationHeader = call.headers.authorization ?? '';
  if (!authorizationHeader.startsWith(`${v3Algorithm} `)) {
    throw aliyunError('InvalidSignatureMethod');
  }
  const authorization = parseV3Authorization(authorizationHeader);
  if (!authorization) {
    throw aliyunError('IncompleteSignature');
  }
  // Before anything reads a header: an unsigned x-acs-* header (say, a swapped token) is not evidence.
  const signed = new Set(authorization.signedHeaders.map((name) => name.toLowerCase()));
  const unsigned = headersThatMustBeSigned(call).filter((name) => !signed.has(name));
  if (unsigned.length > 0) {
    throw aliyunError(
      'IncompleteSignature',
      `The request signature does not conform to Aliyun standards. Header(s) not signed: ${unsigned.join(', ')}`
    );
  }

  const action = checkApi(header(call, 'x-acs-action'), header(call, 'x-acs-version'));
  const credential = lookUpCredential(context, authorization.credential);
  checkSecurityToken(credential, header(call, 'x-acs-security-token'));

  const date = header(call, 'x-acs-date');
  if (!date) {
    throw aliyunError('MissingParameter', 'x-acs-date is mandatory for this action.');
  }
  checkTimestamp(date, context.now);
  const nonce = header(call, 'x-acs-signature-nonce');
  if (!nonce) {
    throw aliyunError('MissingParameter', 'x-acs-signature-nonce is mandatory for this action.');
  }

  const payloadHash = header(call, 'x-acs-content-sha256');
  if (!payloadHash) {
    throw aliyunError('MissingParameter', 'x-acs-content-sha256 is mandatory for this action.');
  }
  if (payloadHash.toLowerCase() !== sha256Hex(call.body)) {
    throw aliyunError(
      'SignatureDoesNotMatch',
      'Specified signature is not matched with our calculation. x-acs-content-sha256 does not match the SHA-256 of the request body.'
    );
  }

  const query = queryParams(call);
  const stringToSign = v3StringToSign(
    v3CanonicalRequest({
      method: call.method,
      path: call.path,
      query,
      headers: call.headersDistinct,
      signedHeaders: [...signed],
      payloadHash,
    })
  );
  if (
    !sameSignature(
      v3Signature(credential.accessKeySecret, stringToSign),
      authorization.signature.toLowerCase()
    )
  ) {
    throw signatureMismatch(stringToSign);
  }
  claimNonce(context, nonce);

  // SendSms parameters travel in the query (what the SDK does); a form body is accepted as well.
  const params = query;
  for (const [name, value] of formParams(call)) {
    params.set(name, value);
  }
  return { algorithm: v3Algorithm, action, accessKeyId: authorization.credential, params };
};

/** Throws the gateway error the real POP gateway would return, or yields the verified call. */
export const authenticate = (call: IncomingCall, context: AuthContext): AuthenticatedCall =>
  isV3Call(call) ? authenticateV3(call, context) : authenticateV1(call, context);
