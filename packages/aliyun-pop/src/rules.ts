import type { ErrorRule } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';

// Table rows for the POP gateway's own codes, which every Aliyun RPC product answers the same way
// (aliyun-sms-api.md §5.2, aliyun-dypns-api.md §3.3 B). Each connector places them in its table.

export const throttlingRule: ErrorRule<string> = {
  match: /^Throttling/,
  errorCode: ConnectorErrorCodes.RateLimitExceeded,
  hint: "The account's Aliyun API request rate (QPS) limit was hit; try again in a few seconds.",
};

/** Credentials and request signing. */
export const credentialRules: ReadonlyArray<ErrorRule<string>> = [
  {
    match: 'SignatureDoesNotMatch',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The AccessKey secret is probably wrong: copy accessKeySecret again from the Aliyun RAM console (a missing or extra character is enough).',
  },
  {
    match: ['IncompleteSignature', 'InvalidSignatureMethod'],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Aliyun could not read the request signature; check accessKeyId and set signatureAlgorithm to ACS3-HMAC-SHA256 or HMAC-SHA1.',
  },
  {
    match: /^InvalidAccessKeyId/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'accessKeyId is unknown or disabled; check it in the Aliyun RAM console (with STS, an expired token also causes this).',
  },
  {
    match: /^InvalidSecurityToken/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The STS securityToken expired or does not belong to this AccessKey; paste a fresh accessKeyId, accessKeySecret and securityToken, or use a RAM user AccessKey without a token.',
  },
];

export const nonceReusedRule: ErrorRule<string> = {
  match: 'SignatureNonceUsed',
  errorCode: ConnectorErrorCodes.General,
  hint: 'Aliyun saw this request twice (the nonce was reused); check that no proxy replays requests, then try again.',
};
