export type Provider = 'aliyun' | 'yunpian' | 'tencent';

/** Every emulated provider, for checking a `provider` given over HTTP. */
export const providers: readonly Provider[] = ['aliyun', 'yunpian', 'tencent'];

export const isProvider = (value: unknown): value is Provider => providers.includes(value as Provider);

export type AliyunAccessKey = { accessKeyId: string; accessKeySecret: string };
export type AliyunStsCredential = AliyunAccessKey & { securityToken: string };

export type AliyunTemplate = {
  code: string;
  type: 'verification' | 'notification' | 'promotion';
  region: 'mainland' | 'international';
  /** Template body with `${name}` variables, without the signature. */
  content: string;
};

export type YunpianAccount = {
  apikey: string;
  /** Remaining balance, counted in billed message parts. */
  balance: number;
  international: boolean;
  /** Used when the text carries no `【signature】`, written with the brackets. */
  defaultSignature: string;
};

export type YunpianTemplate = {
  id: string;
  /** `【signature】` followed by the body with `#name#` variables. */
  content: string;
  international: boolean;
};

export type TencentSecret = { secretId: string; secretKey: string };
/** Temporary credentials: the pair only works together with its `token` (`X-TC-Token`). */
export type TencentStsCredential = TencentSecret & { token: string };

export type TencentSignature = {
  /** The approved signature text, without 【】. */
  name: string;
  region: 'mainland' | 'international';
};

export type TencentTemplate = {
  id: string;
  /** Verification-code templates take only 0–6 digits per variable. */
  type: 'verification' | 'notification' | 'marketing';
  /** Domestic templates serve mainland China numbers only; international templates everything else. */
  region: 'mainland' | 'international';
  /** Body with `{1}`, `{2}`, … variables, without the signature. */
  content: string;
};

export type SandboxConfig = {
  aliyun: {
    accessKeys: AliyunAccessKey[];
    stsCredentials: AliyunStsCredential[];
    signatures: string[];
    templates: AliyunTemplate[];
    /** Numbers exempt from the per-number flow control (Aliyun's console whitelist). */
    whitelist: string[];
  };
  yunpian: {
    accounts: YunpianAccount[];
    templates: YunpianTemplate[];
    /** Numbers exempt from the per-number limits (codes 8, 9, 17, 22, 33). */
    whitelist: string[];
  };
  tencent: {
    secrets: TencentSecret[];
    stsCredentials: TencentStsCredential[];
    /** SMS applications (SdkAppId) of the account. */
    sdkAppIds: string[];
    /** `X-TC-Region` values that serve SMS here; others get `UnsupportedRegion`. */
    regions: string[];
    signatures: TencentSignature[];
    templates: TencentTemplate[];
    /** Numbers exempt from the per-number frequency limits (the console's allowlist). */
    whitelist: string[];
  };
  rateLimits: { enabled: boolean };
  inbox: { maxMessages: number };
};

type DeepPartial<T> = T extends Array<infer _Item>
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Objects merge key by key over the defaults; arrays replace the default array whole. */
export type SandboxConfigInput = DeepPartial<SandboxConfig>;

export type SandboxMessage = {
  id: string;
  provider: Provider;
  /** The number exactly as the provider received it. */
  to: string;
  /** Fully rendered text including the `【signature】`. */
  text: string;
  code: string | null;
  template: string;
  signName: string;
  requestId: string;
  receivedAt: string;
  /** AccessKeyId, or the apikey masked as first4…last4. */
  credential: string;
  signatureAlgorithm?: 'HMAC-SHA1' | 'ACS3-HMAC-SHA256' | 'TC3-HMAC-SHA256';
};

export type MessageFilter = {
  to?: string;
  provider?: Provider;
  /**
   * Extension: epoch ms. `waitForMessage` then also resolves with an already stored message
   * received at or after this instant, which closes the send-then-wait race.
   */
  since?: number;
};

export type FaultKind =
  | 'error'
  | 'delay'
  | 'hang'
  | 'drip'
  | 'reset'
  | 'html502'
  | 'truncated'
  | 'non-json'
  | 'empty'
  | 'unknown-shape'
  | 'huge';

export type FaultSpec = {
  provider?: Provider;
  to?: string;
  sticky?: boolean;
  kind: FaultKind;
  code?: string | number;
  httpStatus?: number;
  message?: string;
  delayMs?: number;
  intervalMs?: number;
  sizeBytes?: number;
};

export type RegisteredFault = FaultSpec & { id: string };
