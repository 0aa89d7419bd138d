import { maskSecret } from '../shared/mask.js';
import type { SandboxConfig } from '../types.js';

// Keys whose values are credentials, in every provider's terms (accessKeySecret, securityToken,
// apikey, SecretKey, …): matched by name so a provider added later is masked without an edit here.
const secretKey = /secret|token|apikey|api_key|password/i;

const masked = (value: unknown, key: string | undefined): unknown => {
  if (typeof value === 'string') {
    return key !== undefined && secretKey.test(key) ? maskSecret(value) : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => masked(item, key));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, masked(item, name)])
    );
  }
  return value;
};

/**
 * The resolved config as `GET /__sandbox/config` shows it: every secret, token and apikey masked.
 * Same shape as `SandboxConfig`; typed as the JSON value it is only ever sent as.
 */
export const publicConfig = (config: SandboxConfig): unknown => masked(config, undefined);
