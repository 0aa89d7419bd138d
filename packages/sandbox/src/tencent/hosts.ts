/**
 * The Tencent Cloud SMS API 3.0 hosts the emulator answers as Host, with the access region each
 * one stands for (shared/docs/tencent-sms-api.md §1: the zh doc's table, 2024-09, plus the
 * international site's nearest-access host). A client redirected here through /etc/hosts, as
 * Tencent's SDK can be, keeps the real host in Host and in its TC3 signature.
 *
 * Written here, not imported from the connector: the sandbox stays independent of the code it
 * checks (docs/architecture.md). A sandbox test holds it equal to the connector's endpoint list.
 */
const accessRegionByHost: Readonly<Record<string, string>> = {
  'sms.tencentcloudapi.com': 'nearest region',
  'sms.intl.tencentcloudapi.com': 'nearest region, international site',
  'sms.ap-guangzhou.tencentcloudapi.com': 'South China (Guangzhou)',
  'sms.ap-shanghai.tencentcloudapi.com': 'East China (Shanghai)',
  'sms.ap-beijing.tencentcloudapi.com': 'North China (Beijing)',
  'sms.ap-chengdu.tencentcloudapi.com': 'Southwest (Chengdu)',
  'sms.ap-chongqing.tencentcloudapi.com': 'Southwest (Chongqing)',
  'sms.ap-hongkong.tencentcloudapi.com': 'Hong Kong',
  'sms.ap-singapore.tencentcloudapi.com': 'Singapore',
  'sms.ap-bangkok.tencentcloudapi.com': 'Bangkok',
  'sms.ap-mumbai.tencentcloudapi.com': 'Mumbai',
  'sms.ap-seoul.tencentcloudapi.com': 'Seoul',
  'sms.ap-tokyo.tencentcloudapi.com': 'Tokyo',
  'sms.na-ashburn.tencentcloudapi.com': 'US East (Virginia)',
  'sms.na-siliconvalley.tencentcloudapi.com': 'US West (Silicon Valley)',
  'sms.eu-frankfurt.tencentcloudapi.com': 'Frankfurt',
};

export const tencentApiHosts: readonly string[] = Object.keys(accessRegionByHost);
