import {
  allowedCountriesGuard,
  blankAsMissing,
  credentialGuard,
  endpointGuard,
  optionalLocaleGuard,
  requiredTextGuard,
  securityTokenGuard,
  strictPhoneRegionNumberCheckGuard,
  templateListGuard,
  timeoutGuard,
  unionGuard,
  usageTypeGuard,
  lazyGuard,
} from '@logto-sms/sms-core';

import { z } from 'zod';

export const defaultEndpoint = 'https://sms.tencentcloudapi.com';
export const defaultRegion = 'ap-guangzhou';

/**
 * Every SMS API host Tencent documents (API 3.0 "request structure" page, 2024-09, and the
 * international site's `sms.intl`), matched exactly: no pattern, so no other tencentcloudapi.com
 * product and no look-alike label can receive the signed request.
 */
export const tencentSmsHosts: readonly string[] = [
  'sms.tencentcloudapi.com',
  'sms.intl.tencentcloudapi.com',
  ...[
    'ap-guangzhou',
    'ap-shanghai',
    'ap-beijing',
    'ap-chengdu',
    'ap-chongqing',
    'ap-hongkong',
    'ap-singapore',
    'ap-bangkok',
    'ap-mumbai',
    'ap-seoul',
    'ap-tokyo',
    'na-ashburn',
    'na-siliconvalley',
    'eu-frankfurt',
  ].map((region) => `sms.${region}.tencentcloudapi.com`),
];

const credentialText = (label: string) =>
  credentialGuard(label, 'the Tencent Cloud console (CAM > API keys)');

// Tencent ids are decimal numbers; a JSON number typed into the templates editor means the same id.
const numericId = (label: string, example: string) =>
  z.preprocess(
    (value) =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? String(value)
        : value,
    requiredTextGuard(label).refine(
      (value) => value === '' || /^\d{1,20}$/.test(value),
      `${label} is the numeric ID shown in the Tencent Cloud SMS console, e.g. ${example}.`
    )
  );

const signNameText = (label: string) =>
  requiredTextGuard(label).refine(
    (value) => !/[【】[\]]/.test(value),
    `${label} is the approved signature text without 【】 brackets (e.g. 腾讯云, not 【腾讯云】): Tencent adds the brackets itself.`
  );

const templateIdText = (label: string) => numericId(label, '1110');

export const templateCodeGuard = lazyGuard(() =>
  unionGuard(
    [
      templateIdText('templateCode'),
      z.object({
        china: templateIdText('templateCode.china'),
        overseas: templateIdText('templateCode.overseas'),
      }),
    ],
    'templateCode is the Tencent template ID (e.g. "1110"), or { "china": "<domestic template ID>", "overseas": "<international template ID>" }.'
  )
);

// Tencent allows a handful of variables per template; the code fills {1}, these fill {2}, {3}, ….
const maxFixedParams = 9;

export const fixedParamsGuard = lazyGuard(() =>
  z.preprocess(
    blankAsMissing,
    z
      .array(
        z.string({
          invalid_type_error:
            'fixedParams holds text values, e.g. ["5"] for "valid for {2} minutes".',
        }),
        {
          invalid_type_error:
            'fixedParams is a list of text values for {2}, {3}, … of the template, e.g. ["5"].',
        }
      )
      .max(
        maxFixedParams,
        `fixedParams may hold at most ${maxFixedParams} values ({2} to {${maxFixedParams + 1}}).`
      )
      .optional()
  )
);

export const templateGuard = lazyGuard(() =>
  z.object({
    usageType: usageTypeGuard,
    templateCode: templateCodeGuard,
    locale: optionalLocaleGuard,
    /** Values for the template's variables after the code: `TemplateParamSet` is `[code, ...fixedParams]`. */
    fixedParams: fixedParamsGuard,
  })
);

export type TencentSmsTemplate = z.output<typeof templateGuard>;

// Tencent region ids are `<area>-<city>` in lower case (ap-guangzhou, na-siliconvalley); which ones
// serve SMS is for the server to say (`UnsupportedRegion`), so any well-formed id is accepted.
const regionGuard = lazyGuard(() =>
  z.preprocess(
    blankAsMissing,
    z
      .string({ invalid_type_error: 'region must be text, e.g. "ap-guangzhou".' })
      .trim()
      .regex(
        /^[a-z]{2,10}(?:-[a-z0-9]{2,20}){1,3}$/,
        'region is a Tencent Cloud region id such as ap-guangzhou, ap-beijing or ap-singapore.'
      )
      .default(defaultRegion)
  )
);

/** The config's keys; `configGuard` adds the checks that involve several keys. */
export const tencentSmsConfigObject = lazyGuard(() =>
  z.object({
    /** Tencent SecretId (the official connector's name for it is kept). */
    accessKeyId: credentialText('accessKeyId'),
    /** Tencent SecretKey. */
    accessKeySecret: credentialText('accessKeySecret'),
    /** STS session token for temporary credentials, sent as `X-TC-Token`. */
    securityToken: securityTokenGuard,
    sdkAppId: numericId('sdkAppId', '1400006666'),
    /** Signature for mainland China numbers (and for every number unless `overseasSignName` is set). */
    signName: signNameText('signName'),
    /** Signature for numbers outside mainland China; without it those messages carry no SignName. */
    overseasSignName: z.preprocess(blankAsMissing, signNameText('overseasSignName').optional()),
    region: regionGuard,
    templates: templateListGuard(templateGuard),
    strictPhoneRegionNumberCheck: strictPhoneRegionNumberCheckGuard,
    allowedCountries: allowedCountriesGuard,
    endpoint: endpointGuard({
      defaultUrl: defaultEndpoint,
      isProviderHost: (hostname) => tencentSmsHosts.includes(hostname),
      expected:
        'a Tencent Cloud SMS API host such as sms.tencentcloudapi.com, sms.ap-singapore.tencentcloudapi.com or sms.intl.tencentcloudapi.com',
    }),
    timeout: timeoutGuard,
  })
);

/**
 * The connector config: a superset of the official `@logto/connector-tencent-sms` config
 * (`accessKeyId`, `accessKeySecret`, `signName`, `sdkAppId`, `region`, `templates`), so its saved
 * JSON validates unchanged; every added key is optional.
 */
export const configGuard = tencentSmsConfigObject;

export type TencentSmsConfig = z.output<typeof configGuard>;
