import {
  allowedCountriesGuard,
  endpointGuard,
  optionalLocaleGuard,
  strictPhoneRegionNumberCheckGuard,
  templateListGuard,
  timeoutGuard,
  unionGuard,
  usageTypeGuard,
  lazyGuard,
} from '@logto-sms/sms-core';

import { z } from 'zod';

import { countCodePlaceholders, holdsPlaceholder, unfilledVariables } from './templates.js';

export const defaultEndpoint = 'https://sms.yunpian.com';
/** YunPian's mirror of the same API for servers outside mainland China. */
export const overseasEndpoint = 'https://us.yunpian.com';

// Exactly the documented hosts of the SMS API (fact sheet: sms.yunpian.com, and its overseas
// mirror us.yunpian.com); never a pattern, which would also admit other services and names no one
// has vetted.
const yunpianHosts: ReadonlySet<string> = new Set([
  new URL(defaultEndpoint).hostname,
  new URL(overseasEndpoint).hostname,
]);

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
      if (count === 1) {
        return;
      }
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
export const contentGuard = lazyGuard(() =>
  unionGuard(
    [
      placeholderTextGuard('content'),
      z.object({
        china: placeholderTextGuard('content.china'),
        overseas: placeholderTextGuard('content.overseas'),
      }),
    ],
    'content is the approved template text, or { "china": "<domestic template text>", "overseas": "<international template text>" }.'
  )
);

/**
 * Fixed text for the template's other `#name#` variables (e.g. `{ "option": "登录", "eftime": "5分钟" }`
 * for `#option#` and `#eftime#`). Values are the operator's text; nothing from Logto's payload other
 * than the code ever fills a variable.
 */
export const fixedParamsGuard = lazyGuard(() =>
  z.record(
    z
      .string()
      .regex(
        /^\w+$/,
        'fixedParams keys are variable names as written between # in the template, e.g. "option" for #option#.'
      ),
    z
      .string({ invalid_type_error: 'fixedParams values are text, e.g. { "eftime": "5分钟" }.' })
      .refine(
        (value) => !holdsPlaceholder(value),
        'A fixedParams value may not itself contain a #name# placeholder.'
      )
  )
);

const textsOf = (
  content: z.output<typeof contentGuard>
): Array<{ path: string[]; text: string; label: string }> =>
  typeof content === 'string'
    ? [{ path: ['content'], text: content, label: 'content' }]
    : (['china', 'overseas'] as const).map((key) => ({
        path: ['content', key],
        text: content[key],
        label: `content.${key}`,
      }));

export const templateGuard = lazyGuard(() =>
  z
    .object({
      usageType: usageTypeGuard,
      /** The exact approved template text(s); sent byte for byte apart from the variables. */
      content: contentGuard,
      /** Language of this text (e.g. "en", "zh-CN"); without one it is the usage type's fallback. */
      locale: optionalLocaleGuard,
      fixedParams: fixedParamsGuard.optional(),
    })
    .superRefine(({ content, fixedParams }, context) => {
      // A variable without a value would reach the person as "#option#": refuse the config instead.
      for (const { path, text, label } of textsOf(content)) {
        const unfilled = unfilledVariables(text, fixedParams);
        // Without exactly one code placeholder the text is already refused, with the reason.
        if (unfilled.length === 0 || countCodePlaceholders(text) !== 1) {
          continue;
        }
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path,
          message: `${label} has ${unfilled.map((name) => `#${name}#`).join(', ')} with no value: give each a fixed text in this template's fixedParams, e.g. "fixedParams": { ${unfilled.map((name) => `"${name}": "…"`).join(', ')} }. Only #code# (or {{code}}) is filled by the connector.`,
        });
      }
      if (fixedParams !== undefined && Object.hasOwn(fixedParams, 'code')) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['fixedParams', 'code'],
          message: 'fixedParams may not set "code": #code# always holds the verification code.',
        });
      }
    })
);

export type YunpianSmsTemplate = z.infer<typeof templateGuard>;

/**
 * Accepts every config the official `@logto/connector-yunpian-sms` accepts (apikey, templates,
 * enableInternational, unsupportedCountriesMsg) and adds locale templates, strict phone routing,
 * the endpoint and a timeout. Unknown keys are ignored, so a pasted official config keeps working.
 */
export const configGuard = lazyGuard(() =>
  z.object({
    apikey: z
      .string({
        required_error:
          'apikey is required: copy the API key from the YunPian console (账户设置 → 子帐户管理).',
        invalid_type_error: 'apikey is the YunPian API key, a string of 32 hex characters.',
      })
      .trim()
      .min(1, 'apikey is empty: copy the API key from the YunPian console (账户设置 → 子帐户管理).')
      .regex(
        /^[\u0021-\u007E]*$/,
        'apikey may only contain letters and digits (YunPian keys are 32 hex characters); copy it again.'
      ),
    templates: templateListGuard(templateGuard),
    enableInternational: z
      .boolean({ invalid_type_error: 'enableInternational is true or false.' })
      .default(false),
    unsupportedCountriesMsg: z
      .string({
        invalid_type_error:
          'unsupportedCountriesMsg is a text shown when an international number is refused.',
      })
      .nullish()
      .transform((value) =>
        value === null || value === undefined || value.trim() === '' ? undefined : value
      ),
    strictPhoneRegionNumberCheck: strictPhoneRegionNumberCheckGuard,
    allowedCountries: allowedCountriesGuard,
    endpoint: endpointGuard({
      defaultUrl: defaultEndpoint,
      isProviderHost: (hostname) => yunpianHosts.has(hostname),
      expected: `a YunPian host: ${defaultEndpoint} or ${overseasEndpoint}`,
    }),
    timeout: timeoutGuard,
  })
);

export type YunpianSmsConfig = z.output<typeof configGuard>;
