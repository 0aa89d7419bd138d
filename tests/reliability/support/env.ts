/**
 * Shared pieces of the reliability suite: emulator configs, connector configs, and small helpers
 * to observe a send (outcome, elapsed time, unhandled rejections). No nock here: several files
 * that import this talk to the emulator over real sockets.
 */
import createAliyunConnector from '@logto-sms/connector-aliyun-sms';
import createTencentConnector from '@logto-sms/connector-tencent-sms';
import createYunpianConnector from '@logto-sms/connector-yunpian-sms';
import type { SandboxConfigInput } from '@logto-sms/sandbox';

import type { ConnectorError, SendMessageFunction, SmsConnector } from '@logto/connector-kit';

import {
  connectorWithoutSavedConfig,
  connectorWithSavedConfig,
  fieldOf,
  isConnectorError,
  sendData as logtoSendData,
} from '../../support/index.js';

export {
  closedPortUrl,
  errorData,
  isConnectorError,
  unhandledRejections,
} from '../../support/index.js';

export const requiredUsageTypes = ['Register', 'SignIn', 'ForgotPassword', 'Generic'] as const;

// Emulator defaults (packages/sandbox/src/config/defaults.ts), repeated here on purpose: a test
// that silently followed a changed default would stop testing what it claims.
export const sandboxAliyunKey = {
  accessKeyId: 'LTAI5tSandboxKeyId0001',
  accessKeySecret: 'SandboxAccessKeySecret000000001',
};
export const sandboxAliyunSts = {
  accessKeyId: 'STS.SandboxTempKeyId0001',
  accessKeySecret: 'SandboxStsSecret0000000000001',
  securityToken: 'SandboxStsToken-0001',
};
export const sandboxYunpianApikey = '5a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const yunpianDomesticTemplate =
  '【Logto测试】您的验证码是#code#。如非本人操作，请忽略本短信';
export const yunpianInternationalTemplate =
  '【Logto】Your verification code is #code#. It expires in 5 minutes.';

export const sandboxTencentKey = {
  accessKeyId: 'AKIDSandboxSecretId0001',
  accessKeySecret: 'SandboxSecretKey00000000000000001',
};
export const sandboxTencentSts = {
  accessKeyId: 'AKIDSandboxTmpSecretId0001',
  accessKeySecret: 'SandboxTmpSecretKey0000000000001',
  securityToken: 'SandboxTencentStsToken-0001',
};
export const sandboxTencentSdkAppId = '1400000001';

export type AliyunAlgorithm = 'ACS3-HMAC-SHA256' | 'HMAC-SHA1';

export type AliyunConfigOptions = {
  endpoint: string;
  signatureAlgorithm?: AliyunAlgorithm;
  timeout?: number;
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  signName?: string;
  templates?: unknown[];
  extra?: Record<string, unknown>;
};

/** Mainland numbers get SMS_900001, all others SMS_900002, for every required usage type. */
export const aliyunConfig = ({
  endpoint,
  signatureAlgorithm = 'ACS3-HMAC-SHA256',
  timeout = 10_000,
  credentials = sandboxAliyunKey,
  signName = 'Logto测试',
  templates,
  extra = {},
}: AliyunConfigOptions): Record<string, unknown> => ({
  ...credentials,
  signName,
  templates:
    templates ??
    requiredUsageTypes.map((usageType) => ({
      usageType,
      templateCode: { china: 'SMS_900001', overseas: 'SMS_900002' },
    })),
  endpoint,
  signatureAlgorithm,
  timeout,
  ...extra,
});

export type YunpianConfigOptions = {
  endpoint: string;
  apikey?: string;
  timeout?: number;
  enableInternational?: boolean;
  templates?: unknown[];
  extra?: Record<string, unknown>;
};

/** The approved domestic template for every required usage type, plus an English Generic one. */
export const yunpianConfig = ({
  endpoint,
  apikey = sandboxYunpianApikey,
  timeout = 10_000,
  enableInternational = true,
  templates,
  extra = {},
}: YunpianConfigOptions): Record<string, unknown> => ({
  apikey,
  templates: templates ?? [
    ...requiredUsageTypes.map((usageType) => ({ usageType, content: yunpianDomesticTemplate })),
    { usageType: 'Generic', locale: 'en', content: yunpianInternationalTemplate },
  ],
  enableInternational,
  endpoint,
  timeout,
  ...extra,
});

export type TencentConfigOptions = {
  endpoint: string;
  timeout?: number;
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  templates?: unknown[];
  extra?: Record<string, unknown>;
};

/** Mainland numbers get template 900001 signed 'Logto测试', others 900002 signed 'LogtoSandbox'. */
export const tencentConfig = ({
  endpoint,
  timeout = 10_000,
  credentials = sandboxTencentKey,
  templates,
  extra = {},
}: TencentConfigOptions): Record<string, unknown> => ({
  ...credentials,
  sdkAppId: sandboxTencentSdkAppId,
  signName: 'Logto测试',
  overseasSignName: 'LogtoSandbox',
  templates:
    templates ??
    requiredUsageTypes.map((usageType) => ({
      usageType,
      templateCode: { china: '900001', overseas: '900002' },
    })),
  endpoint,
  timeout,
  ...extra,
});

/** Emulator config for fault and load work: no per-number limits, balances that do not run out. */
export const unlimitedSandboxConfig = (extra: SandboxConfigInput = {}): SandboxConfigInput => ({
  rateLimits: { enabled: false },
  ...extra,
});

export type Provider = 'aliyun' | 'yunpian' | 'tencent';

const createConnectorOf = {
  aliyun: createAliyunConnector,
  yunpian: createYunpianConnector,
  tencent: createTencentConnector,
} as const;

/**
 * The connectors import their send flow on the first send, and sms-core its number plan: tests that
 * time a send load them first, so that they time the send and not vitest compiling modules.
 */
export const loadSendFlows = async (): Promise<void> => {
  const [{ loadPhonePlan }] = await Promise.all([
    import('@logto-sms/sms-core'),
    import('../../../packages/connector-aliyun-sms/src/send.js'),
    import('../../../packages/connector-tencent-sms/src/send.js'),
    import('../../../packages/connector-yunpian-sms/src/send.js'),
  ]);
  await loadPhonePlan();
};

/** A connector as Logto's sign-in flow uses it: the saved config is read through `getConfig`. */
export const connectorFor = async (provider: Provider, config: unknown): Promise<SmsConnector> =>
  connectorWithSavedConfig(createConnectorOf[provider], config);

/** A connector whose `getConfig` must never be called (the config comes as the Console's form). */
export const formOnlyConnector = async (provider: Provider): Promise<SmsConnector> =>
  connectorWithoutSavedConfig(createConnectorOf[provider]);

export type SendData = Parameters<SendMessageFunction>[0];

/** Logto's `sendMessage` data, hostile `to`, `code` and `type` included (see the support module's). */
export const sendData = (
  to: unknown,
  code: unknown = '123456',
  type: unknown = 'SignIn',
  extra: Record<string, unknown> = {}
): SendData => logtoSendData(to, { code, ...extra }, type);

export type Outcome =
  { ok: true; value: unknown; ms: number } | { ok: false; error: unknown; ms: number };

/** Settles a send without throwing, with the time it took. */
export const settle = async (run: () => Promise<unknown>): Promise<Outcome> => {
  const started = performance.now();
  try {
    const value = await run();
    return { ok: true, value, ms: performance.now() - started };
  } catch (error: unknown) {
    return { ok: false, error, ms: performance.now() - started };
  }
};

/** The ConnectorError of a failed outcome; throws (failing the test) for anything else. */
export const connectorErrorOf = (outcome: Outcome): ConnectorError => {
  if (outcome.ok) {
    throw new Error(
      `expected a ConnectorError, the send resolved with ${JSON.stringify(outcome.value)}`
    );
  }
  if (!isConnectorError(outcome.error)) {
    const name = fieldOf(outcome.error, 'name') ?? typeof outcome.error;
    const message = fieldOf(outcome.error, 'message') ?? outcome.error;
    throw new Error(`expected a ConnectorError, got ${String(name)}: ${String(message)}`);
  }
  return outcome.error;
};

export const sleep = async (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * A mainland mobile number (with country code 86) unique to `(group, index)`, so emulator faults
 * and inbox lookups can target one send among many running concurrently.
 */
export const mainlandNumber = (group: number, index: number): string =>
  `8613${String(group % 100).padStart(2, '0')}${String(index).padStart(7, '0')}`;

/** The same idea for a Hong Kong number (85 2 + 8 digits). */
export const hongKongNumber = (group: number, index: number): string =>
  `8525${String(group % 100).padStart(2, '0')}${String(index).padStart(5, '0')}`;
