import {
  aliyunEndpointGuard,
  credentialKeys,
  dypnsapiHosts,
  requiredText,
  requireStsToken,
  signatureAlgorithmGuard,
} from '@logto-sms/aliyun-pop';
import {
  allowedCountriesGuard,
  blankAsMissing,
  optionalLocaleGuard,
  strictPhoneRegionNumberCheckGuard,
  templateListGuard,
  timeoutGuard,
  usageTypeGuard,
  lazyGuard,
  numberFieldValue,
} from '@logto-sms/sms-core';

import { z } from 'zod';

import { codeVariable } from './template-variables.js';

export { defaultSignatureAlgorithm, signatureAlgorithms } from '@logto-sms/aliyun-pop';

export const defaultEndpoint = 'https://dypnsapi.aliyuncs.com';

export { codeVariable, minutesVariable } from './template-variables.js';

/**
 * Logto's default verification-code lifetime: `defaultVerificationCodePolicy.expirationDuration`
 * is 600 s in @logto/schemas 1.43.0 (Logto's docs: "codes are valid for 10 minutes").
 */
export const logtoDefaultCodeMinutes = 10;

const signNameGuard = lazyGuard(() =>
  requiredText('signName').refine(
    (value) => !/[【】]/.test(value),
    'signName is a gift signature name without 【】 brackets (e.g. 速通互联验证码, not 【速通互联验证码】): Aliyun adds the brackets itself.'
  )
);

// Aliyun template variables: a letter, then letters, digits or underscores, as in `${min}`.
const variableName = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

// Issues name no key: zod would put a record key into the issue path, and a secret pasted into
// the wrong place must never be echoed back.
const fixedParamsGuard = lazyGuard(() =>
  z.preprocess(
    blankAsMissing,
    z
      .record(z.unknown(), {
        invalid_type_error:
          'fixedParams is an object of template variables and text values, e.g. { "product": "Logto" }.',
      })
      .superRefine((params, context) => {
        const entries = Object.entries(params);
        if (entries.some(([name]) => !variableName.test(name))) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax
            message: 'fixedParams keys are template variable names, e.g. "product" for ${product}.',
          });
        }
        if (entries.some(([, value]) => typeof value !== 'string')) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'fixedParams values must be text, e.g. { "product": "Logto" }.',
          });
        }
        if (Object.hasOwn(params, codeVariable)) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: `fixedParams may not set "${codeVariable}": it always holds Logto's verification code.`,
          });
        }
      })
      .transform((params) =>
        Object.fromEntries(
          Object.entries(params).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string'
          )
        )
      )
      .optional()
  )
);

export const templateGuard = lazyGuard(() =>
  z.object({
    usageType: usageTypeGuard,
    templateCode: requiredText('templateCode'),
    locale: optionalLocaleGuard,
    fixedParams: fixedParamsGuard,
  })
);

export type AliyunMasTemplate = z.output<typeof templateGuard>;

const codeValidMinutesGuard = lazyGuard(() =>
  z.preprocess(
    numberFieldValue,
    z
      .number({ invalid_type_error: 'codeValidMinutes is a whole number of minutes, e.g. 10.' })
      .int('codeValidMinutes is a whole number of minutes.')
      .min(1, 'codeValidMinutes must be at least 1.')
      .max(1440, 'codeValidMinutes must be at most 1440 (one day).')
      .default(logtoDefaultCodeMinutes)
  )
);

/** The config's keys; `configGuard` adds the checks that involve several keys. */
export const aliyunMasConfigObject = lazyGuard(() =>
  z.object({
    ...credentialKeys,
    signName: signNameGuard,
    templates: templateListGuard(templateGuard),
    codeValidMinutes: codeValidMinutesGuard,
    strictPhoneRegionNumberCheck: strictPhoneRegionNumberCheckGuard,
    allowedCountries: allowedCountriesGuard,
    endpoint: aliyunEndpointGuard({
      hosts: dypnsapiHosts,
      defaultUrl: defaultEndpoint,
      expected: 'the Aliyun Message Authentication Service endpoint dypnsapi.aliyuncs.com',
    }),
    signatureAlgorithm: signatureAlgorithmGuard,
    timeout: timeoutGuard,
  })
);

/**
 * The connector config. A superset of the official `@logto/connector-aliyun-sms-mas` config
 * (`accessKeyId`, `accessKeySecret`, `signName`, `templates`), so its saved JSON validates
 * unchanged; every added key is optional.
 */
export const configGuard = lazyGuard(() => aliyunMasConfigObject.superRefine(requireStsToken));

export type AliyunMasConfig = z.output<typeof configGuard>;
