import { maskSecret } from '../shared/mask.js';
import type { SandboxConfig } from '../types.js';

/** The resolved config as `GET /__sandbox/config` shows it: every secret, token and apikey masked. */
export const publicConfig = (config: SandboxConfig): SandboxConfig => ({
  ...config,
  aliyun: {
    ...config.aliyun,
    accessKeys: config.aliyun.accessKeys.map((key) => ({ ...key, accessKeySecret: maskSecret(key.accessKeySecret) })),
    stsCredentials: config.aliyun.stsCredentials.map((credential) => ({
      ...credential,
      accessKeySecret: maskSecret(credential.accessKeySecret),
      securityToken: maskSecret(credential.securityToken),
    })),
  },
  yunpian: {
    ...config.yunpian,
    accounts: config.yunpian.accounts.map((account) => ({ ...account, apikey: maskSecret(account.apikey) })),
  },
});
