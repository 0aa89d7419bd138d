import { maskSecret } from '../shared/mask.js';
import { recipientKey } from '../shared/recipient.js';
import type { SandboxConfig, SandboxMessage, YunpianAccount } from '../types.js';

import type { YunpianRateLimits } from './anti-bombing.js';
import { yunpianError } from './errors.js';
import { classifyMobile } from './mobile.js';
import type { CompiledTemplate, TemplateMatch } from './templates.js';
import { compileTemplate, extractCode, matchTemplate, splitSignature } from './templates.js';

export const feePerPart = 0.05;
/** YunPian's limit on `text`, signature included (code 48 "parameter length over limit"; fact sheet: ≈500 characters). */
export const maxTextLength = 500;

export type SingleSendState = {
  accounts: ReadonlyMap<string, YunpianAccount>;
  /** Live balances; the config holds only the starting values. */
  balances: Map<string, number>;
  templates: readonly CompiledTemplate[];
  templateSignatures: ReadonlySet<string>;
  whitelist: ReadonlySet<string>;
  rateLimitsEnabled: boolean;
  limits: YunpianRateLimits;
};

export const singleSendState = (
  config: SandboxConfig,
  limits: YunpianRateLimits
): SingleSendState => {
  const templates = config.yunpian.templates.map((template) => compileTemplate(template));
  return {
    accounts: new Map(config.yunpian.accounts.map((account) => [account.apikey, account])),
    balances: new Map(config.yunpian.accounts.map((account) => [account.apikey, account.balance])),
    templates,
    templateSignatures: new Set(templates.map((template) => template.signature)),
    whitelist: new Set(config.yunpian.whitelist.map((number) => recipientKey(number))),
    rateLimitsEnabled: config.rateLimits.enabled,
    limits,
  };
};

/** SMS parts billed: one up to 70 characters, else 67 characters per part. */
export const billedParts = (text: string): number => {
  const { length } = [...text];
  return length <= 70 ? 1 : Math.ceil(length / 67);
};

export type SingleSendResult = {
  response: {
    code: 0;
    msg: string;
    count: number;
    fee: number;
    unit: 'RMB';
    mobile: string;
    sid: number;
  };
  message: Omit<SandboxMessage, 'id' | 'receivedAt' | 'delivery'>;
};

const requiredParam = (params: ReadonlyMap<string, string>, name: string): string => {
  const value = params.get(name);
  if (value === undefined || value === '') {
    throw yunpianError(1, `参数 ${name} 必须传入`);
  }
  return value;
};

/** Whether the number is international; throws the code YunPian answers for a refused one. */
const isInternationalMobile = (mobile: string, account: YunpianAccount): boolean => {
  const verdict = classifyMobile(mobile);
  if ('refusal' in verdict) {
    throw verdict.refusal === 2
      ? yunpianError(2, `参数 mobile 格式不正确，mobile:${mobile}`)
      : yunpianError(verdict.refusal);
  }
  if (verdict.kind === 'international' && !account.international) {
    throw yunpianError(20);
  }
  return verdict.kind === 'international';
};

/** The text's signature (the account's default when it has none) and body. */
const signedBody = (
  text: string,
  account: YunpianAccount,
  state: SingleSendState
): { signature: string; body: string } => {
  if ((text.match(/【/g) ?? []).length > 1 || (text.match(/】/g) ?? []).length > 1) {
    throw yunpianError(16);
  }
  const { signature: written, body } = splitSignature(text);
  const signature = written || account.defaultSignature;
  if (signature !== account.defaultSignature && !state.templateSignatures.has(signature)) {
    throw yunpianError(15, `短信签名${signature}与默认签名或模板签名不一致`);
  }
  return { signature, body };
};

// International numbers need an international template; domestic numbers a domestic one.
const templateFor = (
  text: { signature: string; body: string },
  international: boolean,
  state: SingleSendState
): TemplateMatch => {
  const { signature, body } = text;
  const match = matchTemplate(
    body,
    signature,
    state.templates.filter((template) => template.international === international)
  );
  if (match) {
    return match;
  }
  if (international && matchTemplate(body, signature, state.templates)) {
    throw yunpianError(23);
  }
  throw yunpianError(5);
};

const checkRateLimits = (
  state: SingleSendState,
  mobile: string,
  fullText: string,
  { verification, now }: { verification: boolean; now: number }
): void => {
  const mobileKey = recipientKey(mobile);
  if (!state.rateLimitsEnabled || state.whitelist.has(mobileKey)) {
    return;
  }
  const error = state.limits.check(mobileKey, fullText, verification, now);
  if (error) {
    throw error;
  }
  state.limits.record(mobileKey, fullText, verification, now);
};

/** The checks behind POST /v2/sms/single_send.json, in the order the service reports them. */
export const singleSend = (
  params: ReadonlyMap<string, string>,
  state: SingleSendState,
  now: number,
  sid: number
): SingleSendResult => {
  const apikey = requiredParam(params, 'apikey');
  const account = state.accounts.get(apikey);
  if (!account) {
    throw yunpianError(-1);
  }
  const mobile = requiredParam(params, 'mobile');
  const text = requiredParam(params, 'text');
  if ([...text].length > maxTextLength) {
    throw yunpianError(48, `参数 text 长度不能超过${maxTextLength}个字符`);
  }
  const international = isInternationalMobile(mobile, account);

  const balance = state.balances.get(apikey) ?? 0;
  if (balance <= 0) {
    throw yunpianError(3);
  }

  const { signature, body } = signedBody(text, account, state);
  const match = templateFor({ signature, body }, international, state);
  const fullText = `${signature}${body}`;
  const parts = billedParts(fullText);
  if (balance < parts) {
    throw yunpianError(3);
  }
  checkRateLimits(state, mobile, fullText, { verification: match.template.verification, now });
  state.balances.set(apikey, balance - parts);

  return {
    response: {
      code: 0,
      msg: '发送成功',
      count: parts,
      fee: Number((parts * feePerPart).toFixed(3)),
      unit: 'RMB',
      mobile,
      sid,
    },
    message: {
      provider: 'yunpian',
      to: mobile,
      text: fullText,
      code: extractCode(match.values),
      template: match.template.id,
      signName: signature.slice(1, -1),
      requestId: String(sid),
      messageId: String(sid),
      credential: maskSecret(apikey),
    },
  };
};
