/** `aliyun-mas` is Dypnsapi SendSmsVerifyCode; it shares the Aliyun endpoint, credentials and faults. */
export type Provider = 'aliyun' | 'aliyun-mas' | 'yunpian';

/** A Message Authentication Service system template (赠送模板), e.g. 100001. */
export type AliyunMasTemplate = {
  code: string;
  /** Body with `${name}` variables (`${code}`, `${min}`), without the signature. */
  content: string;
};

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

export type SandboxConfig = {
  aliyun: {
    accessKeys: AliyunAccessKey[];
    stsCredentials: AliyunStsCredential[];
    signatures: string[];
    templates: AliyunTemplate[];
    /** Numbers exempt from the per-number flow control (Aliyun's console whitelist). */
    whitelist: string[];
  };
  /** Dypnsapi SendSmsVerifyCode, signed with the `aliyun` credentials. */
  aliyunMas: {
    /** The gift signatures (赠送签名) Aliyun currently offers; it rotates them, so they are config. */
    giftSignatures: string[];
    templates: AliyunMasTemplate[];
    /** Minimum seconds between two codes to one number (the API's `Interval`, default 60). */
    intervalSeconds: number;
  };
  yunpian: {
    accounts: YunpianAccount[];
    templates: YunpianTemplate[];
    /** Numbers exempt from the per-number limits (codes 8, 9, 17, 22, 33). */
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
  signatureAlgorithm?: 'HMAC-SHA1' | 'ACS3-HMAC-SHA256';
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
