/** `aliyun-mas` is Dypnsapi SendSmsVerifyCode; it shares the Aliyun endpoint, credentials and faults. */
export type Provider = 'aliyun' | 'aliyun-mas' | 'yunpian' | 'tencent';

/** Every emulated provider, for checking a `provider` given over HTTP. */
export const providers: readonly Provider[] = ['aliyun', 'aliyun-mas', 'yunpian', 'tencent'];

const knownProviders: ReadonlySet<unknown> = new Set(providers);

export const isProvider = (value: unknown): value is Provider => knownProviders.has(value);

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

type DeepPartial<T> =
  T extends Array<infer _Item> ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Objects merge key by key over the defaults; arrays replace the default array whole. */
export type SandboxConfigInput = DeepPartial<SandboxConfig>;

/** What the carrier reported for a message; `waiting` has no report yet. */
export type DeliveryState = 'waiting' | 'delivered' | 'failed';

export type SandboxDelivery = {
  state: DeliveryState;
  /** The carrier receipt code: `DELIVERED` (Aliyun) / `DELIVRD` (YunPian) when delivered, e.g. `MK:0001` when failed. */
  carrierCode: string | null;
  /** When the carrier reported, ISO 8601; null while waiting. */
  reportedAt: string | null;
};

/** How a send should end at the carrier: delivered unless a `delivery-*` fault says otherwise. */
export type DeliveryOutcome = { state: DeliveryState; carrierCode?: string };

/**
 * A provider request the sandbox answered with an error (bad signature, unknown template, rate
 * limit) or an injected fault: shown in the inbox so a failed Console "Send" can be diagnosed there.
 * Holds no secret: the reason is the provider's error code or the fault kind.
 */
export type SandboxRefusal = {
  id: string;
  provider: Provider;
  /** The recipients named in the request, as sent (may be empty when none could be read). */
  to: string[];
  /** HTTP status answered; absent when the fault answered none (reset, hang). */
  httpStatus?: number;
  /** The provider's error code (e.g. `SignatureDoesNotMatch`, `code 33`) or `fault <kind>`. */
  reason: string;
  receivedAt: string;
};

export type SandboxMessage = {
  id: string;
  /** The provider's id for this message, as the send answer gave it: Aliyun BizId, YunPian sid. */
  messageId: string;
  delivery: SandboxDelivery;
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
  | 'huge'
  /** The send succeeds; the carrier reports failure (`code` = carrier code, default MK:0001). */
  | 'delivery-failed'
  /** The send succeeds; no carrier report ever arrives. */
  | 'delivery-waiting';

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
