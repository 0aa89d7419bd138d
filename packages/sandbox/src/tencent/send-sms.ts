import { recipientKey } from '../shared/recipient.js';
import type { SandboxConfig, SandboxMessage, TencentTemplate } from '../types.js';

import type { AuthenticatedTencentCall } from './authenticate.js';
import { tencentError } from './errors.js';
import type { TencentFrequencyLimits } from './frequency.js';
import { readTencentNumber, type TencentNumber } from './phone-numbers.js';

export const maxNumbersPerRequest = 200;

export type TencentSendState = {
  sdkAppIds: ReadonlySet<string>;
  signatures: SandboxConfig['tencent']['signatures'];
  templates: ReadonlyMap<string, TencentTemplate>;
  whitelist: ReadonlySet<string>;
  rateLimitsEnabled: boolean;
  limits: TencentFrequencyLimits;
};

export const tencentSendState = (
  config: SandboxConfig,
  limits: TencentFrequencyLimits
): TencentSendState => ({
  sdkAppIds: new Set(config.tencent.sdkAppIds),
  signatures: config.tencent.signatures,
  templates: new Map(config.tencent.templates.map((template) => [template.id, template])),
  whitelist: new Set(config.tencent.whitelist.map(recipientKey)),
  rateLimitsEnabled: config.rateLimits.enabled,
  limits,
});

/** One `SendStatusSet` entry. */
export type SendStatus = {
  SerialNo: string;
  PhoneNumber: string;
  Fee: number;
  SessionContext: string;
  Code: string;
  Message: string;
  IsoCode: string;
};

/** An accepted message, with Tencent's SerialNo as its `messageId`; the inbox adds its delivery state. */
export type AcceptedTencentSend = Omit<
  SandboxMessage,
  'id' | 'receivedAt' | 'requestId' | 'delivery'
>;

export type SendSmsOutcome = { statuses: SendStatus[]; delivered: AcceptedTencentSend[] };

type SendSmsRequest = {
  PhoneNumberSet: string[];
  SmsSdkAppId: string;
  TemplateId: string;
  SignName?: string;
  TemplateParamSet: string[];
  SessionContext: string;
};

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Field types as the API documents them; a wrong type is `InvalidParameter`, a missing field `MissingParameter`. */
const readRequest = (body: Buffer): SendSmsRequest => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw tencentError('FailedOperation.JsonParseFail');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw tencentError('FailedOperation.JsonParseFail');
  }
  const fields = parsed as Record<string, unknown>;
  for (const name of ['SmsSdkAppId', 'TemplateId'] as const) {
    if (fields[name] === undefined) {
      throw tencentError('MissingParameter', `The parameter ${name} is missing.`);
    }
    if (typeof fields[name] !== 'string') {
      throw tencentError('InvalidParameter', `The parameter ${name} must be a string.`);
    }
  }
  if (
    fields.PhoneNumberSet === undefined ||
    (isStringArray(fields.PhoneNumberSet) && fields.PhoneNumberSet.length === 0)
  ) {
    throw tencentError('MissingParameter.EmptyPhoneNumberSet');
  }
  if (!isStringArray(fields.PhoneNumberSet)) {
    throw tencentError('InvalidParameter', 'PhoneNumberSet must be an array of strings.');
  }
  if (fields.TemplateParamSet !== undefined && !isStringArray(fields.TemplateParamSet)) {
    throw tencentError('InvalidParameter', 'TemplateParamSet must be an array of strings.');
  }
  if (fields.SignName !== undefined && typeof fields.SignName !== 'string') {
    throw tencentError('InvalidParameter', 'SignName must be a string.');
  }
  return {
    PhoneNumberSet: fields.PhoneNumberSet,
    SmsSdkAppId: fields.SmsSdkAppId as string,
    TemplateId: fields.TemplateId as string,
    ...(typeof fields.SignName === 'string' && fields.SignName !== ''
      ? { SignName: fields.SignName }
      : {}),
    TemplateParamSet: fields.TemplateParamSet ?? [],
    SessionContext: typeof fields.SessionContext === 'string' ? fields.SessionContext : '',
  };
};

/** The highest `{n}` of a template body: Tencent wants exactly that many parameters. */
export const variableCount = (content: string): number =>
  Math.max(0, ...[...content.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1])));

const render = (content: string, values: readonly string[]): string =>
  content.replaceAll(/\{(\d+)\}/g, (whole, index: string) => values[Number(index) - 1] ?? whole);

/** Why this number cannot get this message, as a per-number code; undefined when it can. */
const refusalFor = (
  request: SendSmsRequest,
  template: TencentTemplate | undefined,
  number: TencentNumber,
  state: TencentSendState
) => {
  if (!template || template.region !== number.region) {
    return 'FailedOperation.TemplateIncorrectOrUnapproved';
  }
  const signature = request.SignName;
  if (number.region === 'mainland' || signature !== undefined) {
    const approved = state.signatures.some(
      ({ name, region }) => name === signature && region === number.region
    );
    if (!approved) {
      return 'FailedOperation.SignatureIncorrectOrUnapproved';
    }
  }
  if (request.TemplateParamSet.length !== variableCount(template.content)) {
    return 'FailedOperation.TemplateIncorrectOrUnapproved';
  }
  if (
    template.type === 'verification' &&
    !request.TemplateParamSet.every((value) => /^\d{0,6}$/.test(value))
  ) {
    return 'InvalidParameterValue.TemplateParameterFormatError';
  }
  return undefined;
};

/**
 * The SMS service's own checks, after the gateway authenticated the call: whole-request problems
 * throw (`Response.Error`); per-number problems become that number's status entry, as Tencent does.
 */
export const sendSms = (
  call: AuthenticatedTencentCall,
  state: TencentSendState,
  now: number,
  nextSerialNo: () => string
): SendSmsOutcome => {
  const request = readRequest(call.body);
  if (!state.sdkAppIds.has(request.SmsSdkAppId)) {
    throw tencentError('InvalidParameterValue.SdkAppIdNotExist');
  }
  if (request.PhoneNumberSet.length > maxNumbersPerRequest) {
    throw tencentError('LimitExceeded.PhoneNumberCountLimit');
  }

  const numbers = request.PhoneNumberSet.map(readTencentNumber);
  const regions = new Set(numbers.flatMap((number) => (number ? [number.region] : [])));
  if (regions.size > 1) {
    throw tencentError('UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber');
  }

  const template = state.templates.get(request.TemplateId);
  const statuses: SendStatus[] = [];
  const delivered: AcceptedTencentSend[] = [];
  for (const [index, raw] of request.PhoneNumberSet.entries()) {
    const number = numbers[index];
    const entry = {
      SerialNo: '',
      PhoneNumber: raw,
      Fee: 0,
      SessionContext: request.SessionContext,
      IsoCode: '',
    };
    const fail = (code: string) => {
      const error = tencentError(code);
      statuses.push({ ...entry, Code: error.code, Message: error.message });
    };
    if (!number) {
      fail('InvalidParameterValue.IncorrectPhoneNumber');
      continue;
    }
    const refusal = refusalFor(request, template, number, state);
    if (refusal !== undefined || !template) {
      fail(refusal ?? 'FailedOperation.TemplateIncorrectOrUnapproved');
      continue;
    }
    const limitKey = `${request.SmsSdkAppId}\n${recipientKey(number.e164)}`;
    const limited = state.rateLimitsEnabled && !state.whitelist.has(recipientKey(number.e164));
    const limit = limited ? state.limits.check(limitKey, now) : undefined;
    if (limit !== undefined) {
      fail(limit);
      continue;
    }
    if (limited) {
      state.limits.record(limitKey, now);
    }

    const body = render(template.content, request.TemplateParamSet);
    const serialNo = nextSerialNo();
    statuses.push({
      ...entry,
      SerialNo: serialNo,
      PhoneNumber: number.e164,
      Fee: 1,
      Code: 'Ok',
      Message: 'send success',
      IsoCode: number.isoCode,
    });
    delivered.push({
      provider: 'tencent',
      messageId: serialNo,
      to: raw,
      text: request.SignName === undefined ? body : `【${request.SignName}】${body}`,
      code: template.type === 'verification' ? (request.TemplateParamSet[0] ?? null) : null,
      template: template.id,
      signName: request.SignName ?? '',
      credential: call.secretId,
      signatureAlgorithm: 'TC3-HMAC-SHA256',
    });
  }
  return { statuses, delivered };
};
