import { randomInt } from 'node:crypto';

import { hasOnlyStringValues, isJsonObject } from '../shared/json-object.js';
import { SendHistory } from '../shared/send-history.js';
import type { AliyunMasTemplate, SandboxConfig } from '../types.js';

import type { AuthenticatedCall } from './authenticate.js';
import { aliyunError, missingParameter } from './errors.js';
import type { AcceptedSend } from './send-sms.js';
import { renderTemplate, templateVariables } from './template-params.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
// Beyond the per-number Interval, Aliyun caps codes per number per hour and day (values shown in
// the console's 通用设置, not documented); the sandbox uses the SMS service's verification defaults.
const hourlyCap = 5;
const dailyCap = 10;

// `CountryCode` 86 with an 11-digit mainland mobile: "only domestic numbers are supported".
const mainlandMobile = /^1[3-9]\d{9}$/;
// A literal code (what Logto sends) or `##code##` for an Aliyun-generated one.
const literalCode = /^[A-Za-z0-9]{4,8}$/;
const generatedCodePlaceholder = '##code##';

export type SendSmsVerifyCodeState = {
  giftSignatures: ReadonlySet<string>;
  templates: ReadonlyMap<string, AliyunMasTemplate>;
  intervalMs: number;
  rateLimitsEnabled: boolean;
  history: SendHistory;
};

export const sendSmsVerifyCodeState = (config: SandboxConfig): SendSmsVerifyCodeState => ({
  giftSignatures: new Set(config.aliyunMas.giftSignatures),
  templates: new Map(config.aliyunMas.templates.map((template) => [template.code, template])),
  intervalMs: config.aliyunMas.intervalSeconds * 1000,
  rateLimitsEnabled: config.rateLimits.enabled,
  history: new SendHistory(dayMs, dailyCap),
});

const required = (params: ReadonlyMap<string, string>, name: string): string => {
  const value = params.get(name);
  if (!value) {
    throw missingParameter(name);
  }
  return value;
};

const templateValues = (template: AliyunMasTemplate, raw: string): Record<string, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw aliyunError('isv.INVALID_PARAMETERS', 'TemplateParam is not a JSON object');
  }
  if (!isJsonObject(parsed)) {
    throw aliyunError('isv.INVALID_PARAMETERS', 'TemplateParam is not a JSON object');
  }
  if (!hasOnlyStringValues(parsed)) {
    throw aliyunError('isv.INVALID_PARAMETERS', 'TemplateParam values must be strings');
  }
  if (templateVariables(template.content).some((name) => !(name in parsed))) {
    throw aliyunError('isv.TEMPLATE_MISSING_PARAMETERS');
  }
  return parsed;
};

const generatedCode = (length: number): string =>
  Array.from({ length }, () => String(randomInt(10))).join('');

const checkRecipient = (countryCode: string, phoneNumber: string): void => {
  if (countryCode !== '86') {
    throw aliyunError(
      'isv.MOBILE_NUMBER_ILLEGAL',
      `仅支持国内号码 (only CountryCode 86): ${countryCode}`
    );
  }
  if (!mainlandMobile.test(phoneNumber)) {
    throw aliyunError('isv.MOBILE_NUMBER_ILLEGAL', `号码格式非法: ${phoneNumber}`);
  }
};

const approvedTemplate = (
  state: SendSmsVerifyCodeState,
  signName: string,
  templateCode: string
): AliyunMasTemplate => {
  if (!state.giftSignatures.has(signName)) {
    throw aliyunError(
      'isv.SMS_SIGNATURE_ILLEGAL',
      '签名不合法：请使用赠送签名配置中的签名 (use a current gift signature)'
    );
  }
  const template = state.templates.get(templateCode);
  if (!template) {
    throw aliyunError(
      'isv.SMS_TEMPLATE_ILLEGAL',
      '模板不合法：请使用赠送模板 (use a system template)'
    );
  }
  return template;
};

/** The code the message carries: the caller's, or a generated one of `CodeLength` (4–8) digits. */
const codeToSend = (
  values: Readonly<Record<string, string>>,
  codeLengthParam: string | undefined
): string | undefined => {
  const codeLength = Number(codeLengthParam ?? '4');
  const code =
    values.code === generatedCodePlaceholder
      ? generatedCode(Number.isInteger(codeLength) ? Math.min(Math.max(codeLength, 4), 8) : 4)
      : values.code;
  if (code !== undefined && !literalCode.test(code)) {
    throw aliyunError('isv.INVALID_PARAMETERS', 'code must be 4-8 letters or digits');
  }
  return code;
};

/** One code per `Interval` (the caller's, else the configured one), then the hourly and daily caps. */
const checkFrequency = (
  state: SendSmsVerifyCodeState,
  phoneNumber: string,
  intervalParam: string | undefined,
  now: number
): void => {
  const interval = Number(intervalParam ?? '');
  const intervalMs =
    Number.isInteger(interval) && interval > 0 ? interval * 1000 : state.intervalMs;
  const times = state.history.times(phoneNumber, now);
  const last = times.at(-1);
  if (last !== undefined && now - last < intervalMs) {
    throw aliyunError(
      'biz.FREQUENCY',
      `check frequency failed: one code per ${intervalMs / 1000}s`
    );
  }
  if (times.filter((time) => now - time < hourMs).length >= hourlyCap) {
    throw aliyunError('isv.BUSINESS_LIMIT_CONTROL', `触发小时级流控Permits:${hourlyCap}`);
  }
  if (times.length >= dailyCap) {
    throw aliyunError('isv.BUSINESS_LIMIT_CONTROL', `触发天级流控Permits:${dailyCap}`);
  }
};

/**
 * Dypnsapi `SendSmsVerifyCode` after the gateway has authenticated the call: gift signatures and
 * system templates only, mainland numbers only, one code per number per `Interval`. Returns the
 * inbox entry, or throws the business error (HTTP 200) the service would answer.
 */
export const sendSmsVerifyCode = (
  call: AuthenticatedCall,
  state: SendSmsVerifyCodeState,
  now: number
): AcceptedSend => {
  const phoneNumber = required(call.params, 'PhoneNumber');
  const signName = required(call.params, 'SignName');
  const templateCode = required(call.params, 'TemplateCode');
  const templateParam = required(call.params, 'TemplateParam');

  checkRecipient(call.params.get('CountryCode') ?? '86', phoneNumber);
  const template = approvedTemplate(state, signName, templateCode);
  const values = templateValues(template, templateParam);
  const code = codeToSend(values, call.params.get('CodeLength'));
  if (state.rateLimitsEnabled) {
    checkFrequency(state, phoneNumber, call.params.get('Interval'), now);
    state.history.record(phoneNumber, now);
  }

  return {
    provider: 'aliyun-mas',
    to: phoneNumber,
    text: `【${signName}】${renderTemplate(template.content, { ...values, ...(code === undefined ? {} : { code }) })}`,
    code: code ?? null,
    template: template.code,
    signName,
    credential: call.accessKeyId,
    signatureAlgorithm: call.algorithm,
  };
};
