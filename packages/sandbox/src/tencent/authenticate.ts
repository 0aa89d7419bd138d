import type { IncomingCall } from '../server/incoming-call.js';
import type { SandboxConfig, TencentSecret } from '../types.js';

import { tencentError } from './errors.js';
import {
  expectedTc3Signature,
  parseTc3Authorization,
  sameSignature,
  type Tc3Authorization,
} from './verify-tc3.js';

export const sendSmsVersion = '2021-01-11';
/** The API 3.0 actions the sandbox serves, all of SMS 2021-01-11. */
export const tencentActions = ['SendSms', 'PullSmsSendStatusByPhoneNumber'] as const;
export type TencentAction = (typeof tencentActions)[number];

const knownActions: ReadonlySet<string> = new Set(tencentActions);
const isTencentAction = (action: string): action is TencentAction => knownActions.has(action);
/** Tencent refuses a timestamp more than five minutes from its own clock. */
export const maxClockSkewSeconds = 300;

type KnownSecret = TencentSecret & { token?: string };

export const secretsById = (config: SandboxConfig['tencent']): ReadonlyMap<string, KnownSecret> =>
  new Map<string, KnownSecret>([
    ...config.secrets.map((secret): [string, KnownSecret] => [secret.secretId, secret]),
    ...config.stsCredentials.map((credential): [string, KnownSecret] => [
      credential.secretId,
      credential,
    ]),
  ]);

export type AuthenticatedTencentCall = {
  action: TencentAction;
  secretId: string;
  region: string;
  body: Buffer;
};

const single = (call: IncomingCall, name: string): string | undefined =>
  call.headersDistinct[name]?.[0];

const utcDateOf = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** A TC3 Authorization that signs at least `content-type` and `host`, as the gateway requires. */
const readAuthorization = (call: IncomingCall): Tc3Authorization => {
  const authorization = parseTc3Authorization(single(call, 'authorization'));
  if (
    !authorization ||
    !authorization.signedHeaders.includes('content-type') ||
    !authorization.signedHeaders.includes('host')
  ) {
    throw tencentError('AuthFailure.InvalidAuthorization');
  }
  return authorization;
};

/** `X-TC-Timestamp` as sent (it is signed as text) and in seconds, within the allowed skew. */
const readTimestamp = (call: IncomingCall, nowMs: number): { text: string; seconds: number } => {
  const text = single(call, 'x-tc-timestamp') ?? '';
  if (!/^\d{1,12}$/.test(text)) {
    throw tencentError(
      'InvalidParameter',
      'X-TC-Timestamp must be the Unix time in whole seconds.'
    );
  }
  const seconds = Number(text);
  if (Math.abs(nowMs / 1000 - seconds) > maxClockSkewSeconds) {
    throw tencentError('AuthFailure.SignatureExpire');
  }
  return { text, seconds };
};

const checkSignature = (
  call: IncomingCall,
  authorization: Tc3Authorization,
  timestamp: { text: string; seconds: number },
  secretKey: string
): void => {
  // The real service signs as `sms` and dates the scope by the timestamp's UTC day; a client that
  // derives either from somewhere else computes a signature the server cannot match.
  const expected =
    authorization.service === 'sms' && authorization.date === utcDateOf(timestamp.seconds)
      ? expectedTc3Signature(call, authorization, timestamp.text, secretKey)
      : undefined;
  if (expected === undefined || !sameSignature(expected, authorization.signature)) {
    throw tencentError('AuthFailure.SignatureFailure');
  }
};

/**
 * The API gateway's checks, in the order Tencent reports them: action and version, region, the
 * Authorization format, the timestamp, the SecretId, the STS token, then the signature itself.
 *
 * @throws TencentError with the common API 3.0 code the real gateway answers.
 */
export const authenticateTencent = (
  call: IncomingCall,
  {
    secrets,
    regions,
    nowMs,
  }: { secrets: ReadonlyMap<string, KnownSecret>; regions: readonly string[]; nowMs: number }
): AuthenticatedTencentCall => {
  const action = single(call, 'x-tc-action');
  if (action === undefined) {
    throw tencentError(
      'MissingParameter',
      'The request is missing the required header X-TC-Action.'
    );
  }
  if (!isTencentAction(action)) {
    throw tencentError('InvalidAction', `The action ${action.slice(0, 64)} does not exist.`);
  }
  if (single(call, 'x-tc-version') !== sendSmsVersion) {
    throw tencentError('NoSuchVersion');
  }

  const region = single(call, 'x-tc-region');
  if (region === undefined) {
    throw tencentError(
      'MissingParameter',
      'The request is missing the required header X-TC-Region.'
    );
  }
  if (!regions.includes(region)) {
    throw tencentError('UnsupportedRegion');
  }

  const authorization = readAuthorization(call);
  const timestamp = readTimestamp(call, nowMs);

  const secret = secrets.get(authorization.secretId);
  if (!secret) {
    throw tencentError('AuthFailure.SecretIdNotFound');
  }
  // Temporary keys only work with their own token; a permanent key must not carry one.
  const token = single(call, 'x-tc-token');
  if (secret.token !== token) {
    throw tencentError('AuthFailure.TokenFailure');
  }

  checkSignature(call, authorization, timestamp, secret.secretKey);
  return { action, secretId: authorization.secretId, region, body: call.body };
};
