import type { SandboxConfig } from '../types.js';

export type AliyunCredential = {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
};

export const credentialsById = (config: SandboxConfig['aliyun']): Map<string, AliyunCredential> => {
  const byId = new Map<string, AliyunCredential>();
  for (const key of config.accessKeys) {
    byId.set(key.accessKeyId, { ...key });
  }
  for (const sts of config.stsCredentials) {
    byId.set(sts.accessKeyId, { ...sts });
  }
  return byId;
};
