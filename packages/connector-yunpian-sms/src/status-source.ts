/**
 * What `logto-sms status` and the READMEs say about the delivery-status lookup (`status.ts`): the API,
 * the permission it needs and its limits. A module of its own because index.ts exports it and
 * status.ts, which loads on first use, reads it: that file then bundles no part of metadata.ts.
 */
export const deliveryStatusSource = {
  api: 'YunPian v2 sms/get_record.json',
  permissions: [
    'the apikey of the (sub-)account that sent the messages; the account needs the get_record API (code -2 if not)',
  ],
  limits:
    'start_time/end_time in China Standard Time to the second; up to 100 records a page. The retention of records is not stated in our fact sheet; ask YunPian for older records.',
} as const;
