import {
  allowedCountriesGuard,
  endpointGuard,
  optionalLocaleGuard,
  strictPhoneRegionNumberCheckGuard,
  templateListGuard,
  timeoutGuard,
  usageTypeGuard,
} from '@logto-sms/sms-core';
import { z } from 'zod';

import { countCodePlaceholders } from './templates.js';

export const defaultEndpoint = 'https://sms.yunpian.com';
/** YunPian's mirror of the same API for servers outside mainland China. */
export const overseasEndpoint = 'https://us.yunpian.com';

// Any subdomain of yunpian.com: sms., us., and whatever YunPian adds later.
const yunpianHost = /^(?:[a-z0-9-]+\.)+yunpian\.com$/;

const placeholderHelp =
  'Write {{code}} (Logto style) or #code# (YunPian style, as in the template approved in the YunPian console) where the verification code goes, e.g. "您的验证码是#code#。如非本人操作，请忽略本短信". Placeholders are case-sensitive and take no spaces.';

const placeholderTextGuard = (label: string) =>
  z
    .string({
      required_error: `${label} is required: the SMS text exactly as approved in the YunPian console.`,
      invalid_type_error: `${label} is the SMS text, a string.`,
    })
    .superRefine((content, context) => {
      const count = countCodePlaceholders(content);
      if (count === 1) return;
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          count === 0
            ? `${label} has no verification-code placeholder. ${placeholderHelp}`
            : `${label} has ${count} code placeholders; keep exactly one. YunPian matches the text against an approved template with a single #code# variable. ${placeholderHelp}`,
      });
    });

/**
 * One text for every number, or separate texts: YunPian files domestic and international templates
 * apart (国内短信 / 国际短信) and matches an international number only against the latter.
 */
export const contentGuard = z.union(
  [
    placeholderTextGuard('content'),
    z.object({ china: placeholderTextGuard('content.china'), overseas: placeholderTextGuard('content.overseas') }),
  ],
  {
    errorMap: (issue, context) =>
      issue.code === z.ZodIssueCode.invalid_union
        ? {
            message:
              'content is the approved template text, or { "china": "<domestic template text>", "overseas": "<international template text>" }.',
          }
        : { message: context.defaultError },
  }
);

export const templateGuard = z.object({
  usageType: usageTypeGuard,
  /** The exact approved template text(s); sent byte for byte apart from the code. */
  content: contentGuard,
  /** Language of this text (e.g. "en", "zh-CN"); without one it is the usage type's fallback. */
  locale: optionalLocaleGuard,
});

export type YunpianSmsTemplate = z.infer<typeof templateGuard>;

/**
 * Accepts every config the official `@logto/connector-yunpian-sms` accepts (apikey, templates,
 * enableInternational, unsupportedCountriesMsg) and adds locale templates, strict phone routing,
 * the endpoint and a timeout. Unknown keys are ignored, so a pasted official config keeps working.
 */
export const configGuard = z.object({
  apikey: z
    .string({
      required_error: 'apikey is required: copy the API key from the YunPian console (账户设置 → 子帐户管理).',
      invalid_type_error: 'apikey is the YunPian API key, a string of 32 hex characters.',
    })
    .trim()
    .min(1, 'apikey is empty: copy the API key from the YunPian console (账户设置 → 子帐户管理).')
    .regex(/^[\x21-\x7E]*$/, 'apikey may only contain letters and digits (YunPian keys are 32 hex characters); copy it again.'),
  templates: templateListGuard(templateGuard),
  enableInternational: z
    .boolean({ invalid_type_error: 'enableInternational is true or false.' })
    .default(false),
  unsupportedCountriesMsg: z
    .string({ invalid_type_error: 'unsupportedCountriesMsg is a text shown when an international number is refused.' })
    .nullish()
    .transform((value) => (value === null || value === undefined || value.trim() === '' ? undefined : value)),
  strictPhoneRegionNumberCheck: strictPhoneRegionNumberCheckGuard,
  allowedCountries: allowedCountriesGuard,
  endpoint: endpointGuard({
    defaultUrl: defaultEndpoint,
    isProviderHost: (hostname) => yunpianHost.test(hostname),
    expected: `a YunPian host such as ${defaultEndpoint} or ${overseasEndpoint}`,
  }),
  timeout: timeoutGuard,
});

export type YunpianSmsConfig = z.output<typeof configGuard>;
