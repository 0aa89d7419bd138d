/**
 * What `logto-sms status` and the READMEs say about the delivery-status lookup (`status.ts`): the API,
 * the permission it needs and its limits. A module of its own because index.ts exports it and
 * status.ts, which loads on first use, reads it: that file then bundles no part of metadata.ts.
 */
export const deliveryStatusSource = {
  api: 'Tencent Cloud SMS PullSmsSendStatusByPhoneNumber (2021-01-11)',
  permissions: ['sms:PullSmsSendStatusByPhoneNumber'],
  limits:
    'Only the last 7 days; at most 100 receipts a lookup (Tencent has no paging: Offset is fixed at 0); 20 requests a second. Lists a message only once its carrier receipt has arrived: a message still waiting is not shown, and no send time is reported.',
} as const;
