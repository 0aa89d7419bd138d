/**
 * What `logto-sms status` and the READMEs say about the delivery-status lookup (`status.ts`): the API,
 * the permission it needs and its limits. A module of its own because index.ts exports it and
 * status.ts, which loads on first use, reads it: that file then bundles no part of metadata.ts.
 */
export const deliveryStatusSource = {
  api: 'Dypnsapi QuerySendDetails (2017-05-25)',
  permissions: ['dypns:QuerySendDetails'],
  limits:
    'Deprecated by Aliyun (no replacement announced); only codes sent through the 短信认证 API; only the last 30 days; one request per calendar day (China Standard Time) because SendDate is a date, up to 50 records a page.',
} as const;
