import type { SandboxConfig } from '@logto-sms/sandbox';

import { TemplateType } from '@logto/connector-kit';

/** Every Logto usage type, so the pasted config covers every flow, not only the required four. */
export const allUsageTypes: readonly string[] = Object.values(TemplateType);

export type AliyunSandboxConnectorConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string;
  templates: Array<{ usageType: string; templateCode: { china: string; overseas: string } }>;
};

export type TencentSandboxConnectorConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  sdkAppId: string;
  signName: string;
  overseasSignName: string;
  region: string;
  endpoint: string;
  templates: Array<{ usageType: string; templateCode: { china: string; overseas: string } }>;
};

export type AliyunMasSandboxConnectorConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string;
  templates: Array<{ usageType: string; templateCode: string }>;
};

export type YunpianSandboxConnectorConfig = {
  apikey: string;
  endpoint: string;
  enableInternational: boolean;
  templates: Array<{ usageType: string; content: { china: string; overseas: string } }>;
};

// The single-variable verification templates; others (e.g. with ${name}) need more parameters
// than Logto sends.
const onlyCodeVariable = (content: string, variable: RegExp) => {
  const names = [...content.matchAll(variable)].map((match) => match[1]);
  return names.length === 1 && names[0] === 'code';
};

const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) {
    throw new Error(`The sandbox config has no ${what}; the connector config cannot be printed.`);
  }
  return value;
};

/** A config for the Aliyun connector that the given sandbox accepts as is. */
export const aliyunConfigFor = (
  config: SandboxConfig,
  endpoint: string
): AliyunSandboxConnectorConfig => {
  const key = required(config.aliyun.accessKeys[0], 'Aliyun AccessKey');
  const verification = config.aliyun.templates.filter(
    (template) =>
      template.type === 'verification' && onlyCodeVariable(template.content, /\$\{(\w+)\}/g)
  );
  const china = required(
    verification.find((template) => template.region === 'mainland'),
    'mainland verification template'
  );
  const overseas = required(
    verification.find((template) => template.region === 'international'),
    'international verification template'
  );
  return {
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    signName: required(config.aliyun.signatures[0], 'Aliyun signature'),
    endpoint,
    templates: allUsageTypes.map((usageType) => ({
      usageType,
      templateCode: { china: china.code, overseas: overseas.code },
    })),
  };
};

// The system template each usage type means (aliyun-dypns-api.md §5); 100001 for everything else.
const masTemplateByUsage: Readonly<Record<string, string>> = {
  ForgotPassword: '100003',
  UserPermissionValidation: '100005',
  BindNewIdentifier: '100004',
};

/**
 * A config for the Aliyun MAS connector that the given sandbox accepts: the sandbox's first gift
 * signature and its system templates, falling back to the first one for a code it does not have.
 */
export const aliyunMasConfigFor = (
  config: SandboxConfig,
  endpoint: string
): AliyunMasSandboxConnectorConfig => {
  const key = required(config.aliyun.accessKeys[0], 'Aliyun AccessKey');
  const codes = new Set(config.aliyunMas.templates.map(({ code }) => code));
  const fallback = required(
    config.aliyunMas.templates[0],
    'Message Authentication Service system template'
  ).code;
  return {
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    signName: required(config.aliyunMas.giftSignatures[0], 'gift signature'),
    endpoint,
    templates: allUsageTypes.map((usageType) => {
      const wanted = masTemplateByUsage[usageType] ?? '100001';
      return { usageType, templateCode: codes.has(wanted) ? wanted : fallback };
    }),
  };
};

const signaturePrefix = /^【[^【】]*】/;

/**
 * A config for the YunPian connector that the given sandbox accepts. YunPian matches the text
 * against approved templates and keeps domestic and international templates apart, so each usage
 * type gets the domestic text for mainland numbers and the international text for the rest.
 */
export const yunpianConfigFor = (
  config: SandboxConfig,
  endpoint: string
): YunpianSandboxConnectorConfig => {
  const account = required(
    config.yunpian.accounts.find((item) => item.international && item.balance > 0),
    'YunPian account with international SMS and a balance'
  );
  const asConnectorText = (content: string) => {
    // The sandbox (like YunPian) adds the account's default signature when the text has none.
    const body = content.startsWith(account.defaultSignature)
      ? content.slice(account.defaultSignature.length)
      : content;
    return body.replace('#code#', '{{code}}');
  };
  const verification = config.yunpian.templates.filter((template) =>
    onlyCodeVariable(template.content.replace(signaturePrefix, ''), /#([^#\r\n]+?)#/g)
  );
  const domestic = required(
    verification.find((template) => !template.international),
    'domestic YunPian verification template'
  );
  const international = required(
    verification.find((template) => template.international),
    'international YunPian verification template'
  );
  return {
    apikey: account.apikey,
    endpoint,
    enableInternational: true,
    templates: allUsageTypes.map((usageType) => ({
      usageType,
      content: {
        china: asConnectorText(domestic.content),
        overseas: asConnectorText(international.content),
      },
    })),
  };
};

/**
 * A config for the Tencent connector that the given sandbox accepts: the domestic and the
 * international verification template with a single `{1}`, and a signature for each region.
 */
export const tencentConfigFor = (
  config: SandboxConfig,
  endpoint: string
): TencentSandboxConnectorConfig => {
  const secret = required(config.tencent.secrets[0], 'Tencent SecretId');
  const verification = config.tencent.templates.filter(
    (template) =>
      template.type === 'verification' &&
      [...template.content.matchAll(/\{(\d+)\}/g)].every((match) => match[1] === '1')
  );
  const china = required(
    verification.find((template) => template.region === 'mainland'),
    'domestic Tencent verification template'
  );
  const overseas = required(
    verification.find((template) => template.region === 'international'),
    'international Tencent verification template'
  );
  const signatureFor = (region: 'mainland' | 'international') =>
    required(
      config.tencent.signatures.find((signature) => signature.region === region)?.name,
      `${region} Tencent signature`
    );
  return {
    accessKeyId: secret.secretId,
    accessKeySecret: secret.secretKey,
    sdkAppId: required(config.tencent.sdkAppIds[0], 'Tencent SdkAppId'),
    signName: signatureFor('mainland'),
    overseasSignName: signatureFor('international'),
    region: required(config.tencent.regions[0], 'Tencent region'),
    endpoint,
    templates: allUsageTypes.map((usageType) => ({
      usageType,
      templateCode: { china: china.id, overseas: overseas.id },
    })),
  };
};
