import type { IncomingCall } from '../server/incoming-call.js';

/** Dysmsapi (Aliyun SMS) or Dypnsapi (短信认证). */
export type AliyunProduct = 'dysmsapi' | 'dypnsapi';

const header = (call: IncomingCall, name: string): string => {
  const value = call.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/**
 * Which product a `QuerySendDetails` call is for. Both products define that action with the same
 * version and parameters, on their own hosts (dysmsapi / dypnsapi.aliyuncs.com); the sandbox
 * serves both on one local origin, where the action alone cannot tell them apart. So: the Host
 * when a client names a real host (pointed here through /etc/hosts); else the User-Agent when it
 * names the 短信认证 connector or Dypnsapi; else Dysmsapi. An emulator convenience: Aliyun itself
 * only looks at the host.
 */
export const aliyunProductOf = (call: IncomingCall): AliyunProduct => {
  const host = header(call, 'host').toLowerCase().replace(/:\d+$/, '');
  if (host === 'dypnsapi.aliyuncs.com') {
    return 'dypnsapi';
  }
  if (host.endsWith('.aliyuncs.com')) {
    return 'dysmsapi';
  }
  return /aliyun-mas|dypnsapi/i.test(header(call, 'user-agent')) ? 'dypnsapi' : 'dysmsapi';
};
