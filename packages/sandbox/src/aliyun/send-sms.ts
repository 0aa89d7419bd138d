import { recipientKey } from '../shared/recipient.js';
import type { AliyunTemplate, SandboxConfig, SandboxMessage } from '../types.js';

import type { AuthenticatedCall } from './authenticate.js';
import { aliyunError, missingParameter } from './errors.js';
import type { AliyunFlowControl } from './flow-control.js';
import { bareNanpReading, classifyNumber, maxNumbersPerCall } from './phone-numbers.js';
import { checkTemplateParam, extractCode, renderTemplate } from './template-params.js';

export type SendSmsState = {
  signatures: ReadonlySet<string>;
  templates: ReadonlyMap<string, AliyunTemplate>;
  whitelist: ReadonlySet<string>;
  rateLimitsEnabled: boolean;
  flowControl: AliyunFlowControl;
};

export const sendSmsState = (
  config: SandboxConfig,
  flowControl: AliyunFlowControl
): SendSmsState => ({
  signatures: new Set(config.aliyun.signatures),
  templates: new Map(config.aliyun.templates.map((template) => [template.code, template])),
  whitelist: new Set(config.aliyun.whitelist.map((number) => recipientKey(number))),
  rateLimitsEnabled: config.rateLimits.enabled,
  flowControl,
});

export type AcceptedSend = Omit<
  SandboxMessage,
  'id' | 'receivedAt' | 'requestId' | 'messageId' | 'delivery'
>;

const required = (params: ReadonlyMap<string, string>, name: string): string => {
  const value = params.get(name);
  if (!value) {
    throw missingParameter(name);
  }
  return value;
};

/**
 * The SMS service's own checks, after the gateway has authenticated the call. Returns one inbox
 * entry per recipient, or throws the `isv.*` error (HTTP 200) the service would answer.
 */
export const sendSms = (
  call: AuthenticatedCall,
  state: SendSmsState,
  now: number
): AcceptedSend[] => {
  const phoneNumbers = required(call.params, 'PhoneNumbers');
  const signName = required(call.params, 'SignName');
  const templateCode = required(call.params, 'TemplateCode');

  if (!state.signatures.has(signName)) {
    throw aliyunError('isv.SMS_SIGNATURE_ILLEGAL');
  }
  const template = state.templates.get(templateCode);
  if (!template) {
    throw aliyunError('isv.SMS_TEMPLATE_ILLEGAL');
  }

  const numbers = phoneNumbers.split(',');
  if (numbers.length > maxNumbersPerCall) {
    throw aliyunError('isv.MOBILE_COUNT_OVER_LIMIT');
  }
  const regions = numbers.map((number) => {
    const region = classifyNumber(number, template.region);
    if (!region) {
      throw aliyunError('isv.MOBILE_NUMBER_ILLEGAL', `手机号码格式错误: ${number}`);
    }
    if (template.region === 'international' && region === 'mainland') {
      throw aliyunError('isv.DOMESTIC_NUMBER_NOT_SUPPORTED');
    }
    if (template.region === 'mainland' && region === 'international') {
      throw aliyunError(
        'isv.MOBILE_NUMBER_ILLEGAL',
        `国内短信模板不能发送到国际/港澳台号码 (a mainland template cannot be sent abroad): ${number}`
      );
    }
    return region;
  });

  const values = checkTemplateParam(template, call.params.get('TemplateParam'));

  // Flow control covers mainland numbers only, and whitelisted numbers are exempt.
  const limited = state.rateLimitsEnabled
    ? numbers
        .map((number, index) => ({ key: recipientKey(number), region: regions[index] }))
        .filter(({ key, region }) => region === 'mainland' && !state.whitelist.has(key))
    : [];
  for (const { key } of limited) {
    const error = state.flowControl.check(signName, template, key, now);
    if (error) {
      throw error;
    }
  }
  for (const { key } of limited) {
    state.flowControl.record(signName, template, key, now);
  }

  const text = `【${signName}】${renderTemplate(template.content, values)}`;
  const code = extractCode(template, values);
  return numbers.map((to, index) => ({
    provider: 'aliyun',
    // The +1 reading of a bare `1…` number on an international template shows as the number it reached.
    to: regions[index] === 'international' && bareNanpReading(to) ? `+${to}` : to,
    text,
    code,
    template: template.code,
    signName,
    credential: call.accessKeyId,
    signatureAlgorithm: call.algorithm,
  }));
};
