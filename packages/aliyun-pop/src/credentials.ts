import {
  blankAsMissing,
  credentialGuard,
  securityTokenGuard,
  lazyGuard,
} from '@logto-sms/sms-core';

import { z } from 'zod';

import type { Credentials } from './signer.js';

/** A required text field whose messages name the field (sms-core's, under the name Aliyun code uses). */

/** `accessKeyId` / `accessKeySecret`: required, printable ASCII without spaces. */
export const credentialText = (label: string) => credentialGuard(label, 'the Aliyun console');

/** The credential keys of an Aliyun connector config, to spread into its `z.object`. */
export const credentialKeys = {
  accessKeyId: credentialText('accessKeyId'),
  accessKeySecret: credentialText('accessKeySecret'),
  securityToken: securityTokenGuard,
};

/**
 * For a config object's `superRefine`: an STS AccessKey (`STS.` prefix) without its token fails at
 * Aliyun with a confusing "AccessKey not found", so it is refused here, naming `securityToken`.
 */
export const requireStsToken = (
  { accessKeyId, securityToken }: { accessKeyId: string; securityToken?: string | undefined },
  context: z.RefinementCtx
): void => {
  if (accessKeyId.startsWith('STS.') && securityToken === undefined) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['securityToken'],
      message:
        'accessKeyId starts with "STS.", so it is a temporary credential: also fill in securityToken (the STS token), or use a RAM user AccessKey.',
    });
  }
};

/** The signer's view of a parsed config. */
export const credentialsOf = (config: Credentials): Credentials => ({
  accessKeyId: config.accessKeyId,
  accessKeySecret: config.accessKeySecret,
  securityToken: config.securityToken,
});

export const signatureAlgorithms = ['ACS3-HMAC-SHA256', 'HMAC-SHA1'] as const;
export const defaultSignatureAlgorithm = 'ACS3-HMAC-SHA256';

/** `signatureAlgorithm`: V3 (`ACS3-HMAC-SHA256`, the default) or V1 (`HMAC-SHA1`). */
export const signatureAlgorithmGuard = lazyGuard(() =>
  z.preprocess(
    blankAsMissing,
    z
      .enum(signatureAlgorithms, {
        // Zod's default message quotes the received value; say what is allowed instead.
        errorMap: () => ({
          message: `signatureAlgorithm must be one of: ${signatureAlgorithms.join(', ')}.`,
        }),
      })
      .default(defaultSignatureAlgorithm)
  )
);

export { requiredTextGuard as requiredText } from '@logto-sms/sms-core';
