import {
  aliyunEndpointGuard,
  credentialKeys,
  dysmsapiHosts,
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
} from '@logto-sms/sms-core';

import { z } from 'zod';

export const defaultEndpoint = 'https://dysmsapi.aliyuncs.com';

export { defaultSignatureAlgorithm, signatureAlgorithms } from '@logto-sms/aliyun-pop';

const signNameGuard = lazyGuard(() =>
  requiredText('signName').refine(
    (value) => !/[【】]/.test(value),
    'signName is the approved signature name without 【】 brackets (e.g. 阿里云短信测试, not 【阿里云短信测试】): Aliyun adds the brackets itself.'
  )
);

// Aliyun template variables: a letter, then letters, digits or underscores, as in `${code}`.
const codeParamNameGuard = lazyGuard(() =>
  z
    .string({ invalid_type_error: 'codeParamName must be text, e.g. "code".' })
    .trim()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]{0,31}$/,
      // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax
      'codeParamName is the variable name inside ${…} in the Aliyun template (e.g. "code" for ${code}): a letter followed by letters, digits or underscores, at most 32 characters.'
    )
    .default('code')
);

const templateCodeText = lazyGuard(() => requiredText('templateCode'));

export const templateCodeGuard = lazyGuard(() =>
  z.union(
    [
      templateCodeText,
      z.object({
        china: requiredText('templateCode.china'),
        overseas: requiredText('templateCode.overseas'),
      }),
    ],
    {
      errorMap: () => ({
        message:
          'templateCode is the Aliyun template code (e.g. "SMS_154950909") or { "china": "<code for mainland numbers>", "overseas": "<code for other numbers>" }.',
      }),
    }
  )
);

/**
 * Fixed values for the template's other variables (`${min}`, `${product}`): merged into
 * `TemplateParam` beside the code. Values are text because Aliyun refuses numbers
 * (`isv.INVALID_JSON_PARAM`); nothing from Logto's payload other than the code fills a variable.
 */
export const fixedParamsGuard = lazyGuard(() =>
  z
    .record(
      z.string().regex(
        /^[A-Za-z][A-Za-z0-9_]{0,31}$/,
        // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax
        'fixedParams keys are template variable names such as "min" for ${min}.'
      ),
      z.string({
        invalid_type_error:
          'fixedParams values are text, e.g. { "min": "5" } (Aliyun accepts only string values).',
      })
    )
    .optional()
);

export const templateGuard = lazyGuard(() =>
  z
    .object({
      // The official connector's template type (2 = verification code). Aliyun does not need it.
      type: z
        .number({
          invalid_type_error:
            'type is a legacy number from the official connector (e.g. 2); remove it or keep it numeric.',
        })
        .optional(),
      usageType: usageTypeGuard,
      templateCode: templateCodeGuard,
      locale: optionalLocaleGuard,
      codeParamName: z.preprocess(blankAsMissing, codeParamNameGuard),
      fixedParams: z.preprocess(blankAsMissing, fixedParamsGuard),
    })
    .superRefine(({ codeParamName, fixedParams }, context) => {
      // The code's variable always carries the code; a fixed value there would replace it.
      if (fixedParams !== undefined && Object.hasOwn(fixedParams, codeParamName)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['fixedParams', codeParamName],
          message: `fixedParams may not set "${codeParamName}": that variable always holds the verification code (codeParamName).`,
        });
      }
    })
    .transform(({ type: _legacyType, ...template }) => template)
);

export type AliyunSmsTemplate = z.output<typeof templateGuard>;

/** The config's keys; `configGuard` adds the checks that involve several keys. */
export const aliyunSmsConfigObject = lazyGuard(() =>
  z.object({
    ...credentialKeys,
    signName: signNameGuard,
    templates: templateListGuard(templateGuard),
    strictPhoneRegionNumberCheck: strictPhoneRegionNumberCheckGuard,
    allowedCountries: allowedCountriesGuard,
    endpoint: aliyunEndpointGuard({
      hosts: dysmsapiHosts,
      defaultUrl: defaultEndpoint,
      expected:
        'an Aliyun SMS endpoint such as dysmsapi.aliyuncs.com or dysmsapi.ap-southeast-1.aliyuncs.com',
    }),
    signatureAlgorithm: signatureAlgorithmGuard,
    timeout: timeoutGuard,
  })
);

/**
 * The connector config. A superset of the official `@logto/connector-aliyun-sms` config, so its
 * saved JSON validates unchanged; the added keys are optional.
 */
export const configGuard = lazyGuard(() => aliyunSmsConfigObject.superRefine(requireStsToken));

export type AliyunSmsConfig = z.output<typeof configGuard>;
