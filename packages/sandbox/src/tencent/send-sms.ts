import { isJsonObject } from '../shared/json-object.js';
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
  whitelist: new Set(config.tencent.whitelist.map((number) => recipientKey(number))),
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

const parseBody = (body: Buffer): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw tencentError('FailedOperation.JsonParseFail');
  }
  if (!isJsonObject(parsed)) {
    throw tencentError('FailedOperation.JsonParseFail');
  }
  return parsed;
};

const requiredString = (fields: Readonly<Record<string, unknown>>, name: string): string => {
  const value = fields[name];
  if (value === undefined) {
    throw tencentError('MissingParameter', `The parameter ${name} is missing.`);
  }
  if (typeof value !== 'string') {
    throw tencentError('InvalidParameter', `The parameter ${name} must be a string.`);
  }
  return value;
};

const readPhoneNumberSet = (value: unknown): string[] => {
  if (value === undefined || (isStringArray(value) && value.length === 0)) {
    throw tencentError('MissingParameter.EmptyPhoneNumberSet');
  }
  if (!isStringArray(value)) {
    throw tencentError('InvalidParameter', 'PhoneNumberSet must be an array of strings.');
  }
  return value;
};

const readTemplateParamSet = (value: unknown): string[] => {
  if (value === undefined) {
    return [];
  }
  if (!isStringArray(value)) {
    throw tencentError('InvalidParameter', 'TemplateParamSet must be an array of strings.');
  }
  return value;
};

/** `SignName` when given; an empty one counts as absent. */
const readSignName = (value: unknown): Pick<SendSmsRequest, 'SignName'> => {
  if (value !== undefined && typeof value !== 'string') {
    throw tencentError('InvalidParameter', 'SignName must be a string.');
  }
  return typeof value === 'string' && value !== '' ? { SignName: value } : {};
};

/** Field types as the API documents them; a wrong type is `InvalidParameter`, a missing field `MissingParameter`. */
const readRequest = (body: Buffer): SendSmsRequest => {
  const fields = parseBody(body);
  const smsSdkAppId = requiredString(fields, 'SmsSdkAppId');
  const templateId = requiredString(fields, 'TemplateId');
  const phoneNumberSet = readPhoneNumberSet(fields.PhoneNumberSet);
  const templateParamSet = readTemplateParamSet(fields.TemplateParamSet);
  return {
    PhoneNumberSet: phoneNumberSet,
    SmsSdkAppId: smsSdkAppId,
    TemplateId: templateId,
    ...readSignName(fields.SignName),
    TemplateParamSet: templateParamSet,
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

type SendContext = {
  call: AuthenticatedTencentCall;
  request: SendSmsRequest;
  template: TencentTemplate | undefined;
  state: TencentSendState;
  now: number;
  nextSerialNo: () => string;
};

type NumberOutcome = { status: SendStatus; accepted?: AcceptedTencentSend };

type StatusEntry = Omit<SendStatus, 'Code' | 'Message'>;

const failed = (entry: StatusEntry, code: string): NumberOutcome => {
  const error = tencentError(code);
  return { status: { ...entry, Code: error.code, Message: error.message } };
};

/** The frequency-limit code this send hits, if any; an allowed send is counted against the limits. */
const frequencyRefusal = (send: SendContext, number: TencentNumber): string | undefined => {
  const { state, request, now } = send;
  if (!state.rateLimitsEnabled || state.whitelist.has(recipientKey(number.e164))) {
    return undefined;
  }
  const limitKey = `${request.SmsSdkAppId}\n${recipientKey(number.e164)}`;
  const limit = state.limits.check(limitKey, now);
  if (limit === undefined) {
    state.limits.record(limitKey, now);
  }
  return limit;
};

const delivered = (
  send: SendContext,
  entry: StatusEntry,
  number: TencentNumber,
  template: TencentTemplate
): NumberOutcome => {
  const { request } = send;
  const body = render(template.content, request.TemplateParamSet);
  const serialNo = send.nextSerialNo();
  return {
    status: {
      ...entry,
      SerialNo: serialNo,
      PhoneNumber: number.e164,
      Fee: 1,
      Code: 'Ok',
      Message: 'send success',
      IsoCode: number.isoCode,
    },
    accepted: {
      provider: 'tencent',
      messageId: serialNo,
      to: entry.PhoneNumber,
      text: request.SignName === undefined ? body : `【${request.SignName}】${body}`,
      code: template.type === 'verification' ? (request.TemplateParamSet[0] ?? null) : null,
      template: template.id,
      signName: request.SignName ?? '',
      credential: send.call.secretId,
      signatureAlgorithm: 'TC3-HMAC-SHA256',
    },
  };
};

/** One `PhoneNumberSet` entry (`raw`, read as `number`): its status, and the message if accepted. */
const sendToNumber = (
  send: SendContext,
  raw: string,
  number: TencentNumber | undefined
): NumberOutcome => {
  const entry: StatusEntry = {
    SerialNo: '',
    PhoneNumber: raw,
    Fee: 0,
    SessionContext: send.request.SessionContext,
    IsoCode: '',
  };
  if (!number) {
    return failed(entry, 'InvalidParameterValue.IncorrectPhoneNumber');
  }
  const { template } = send;
  const refusal = refusalFor(send.request, template, number, send.state);
  if (refusal !== undefined || !template) {
    return failed(entry, refusal ?? 'FailedOperation.TemplateIncorrectOrUnapproved');
  }
  const limit = frequencyRefusal(send, number);
  return limit === undefined ? delivered(send, entry, number, template) : failed(entry, limit);
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

  const numbers = request.PhoneNumberSet.map((raw) => readTencentNumber(raw));
  const regions = new Set(numbers.flatMap((number) => (number ? [number.region] : [])));
  if (regions.size > 1) {
    throw tencentError('UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber');
  }

  const send: SendContext = {
    call,
    request,
    template: state.templates.get(request.TemplateId),
    state,
    now,
    nextSerialNo,
  };
  const outcomes = request.PhoneNumberSet.map((raw, index) =>
    sendToNumber(send, raw, numbers[index])
  );
  return {
    statuses: outcomes.map(({ status }) => status),
    delivered: outcomes.flatMap(({ accepted }) => (accepted ? [accepted] : [])),
  };
};
