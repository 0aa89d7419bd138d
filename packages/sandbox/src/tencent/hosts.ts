/**
 * The Tencent Cloud SMS API 3.0 hosts the emulator answers as Host (shared/docs/tencent-sms-api.md
 * §1): the nearest-access host, the international site's `sms.intl`, and every regional access
 * point. A client redirected here through /etc/hosts, as Tencent's SDK can be, keeps the real host
 * in Host and in its TC3 signature. The connector accepts exactly these hosts as `endpoint`; a
 * sandbox test keeps the two lists equal.
 */
const regionalAccessPoints = [
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
] as const;

export const tencentApiHosts: readonly string[] = [
  'sms.tencentcloudapi.com',
  'sms.intl.tencentcloudapi.com',
  ...regionalAccessPoints.map((region) => `sms.${region}.tencentcloudapi.com`),
];
