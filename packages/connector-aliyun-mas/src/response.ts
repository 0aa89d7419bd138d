import { readAliyunAnswer } from '@logto-sms/aliyun-pop';
import { isJsonObject, textField } from '@logto-sms/sms-core';

/** What `sendMessage` resolves to once Aliyun accepted the message. */
export type AliyunMasSendResult = {
  /** `Model.BizId`: the send's serial number, for delivery reports. */
  bizId: string | undefined;
  /** Aliyun's request id, for support tickets. */
  requestId: string | undefined;
};

/**
 * The fields of a SendSmsVerifyCode answer this connector reads (aliyun-dypns-api.md §3.1).
 * `Model.VerifyCode` is deliberately never read.
 */
export type AliyunMasAnswer = {
  code: string;
  message?: string;
  requestId?: string;
  /** `Success === true`; anything else (false, missing, a string) is `false`. */
  success: boolean;
  bizId?: string;
};

/** Reads a SendSmsVerifyCode JSON answer; `undefined` for anything else (HTML, truncated, empty, no `Code`). */
export const readResponse = (body: string): AliyunMasAnswer | undefined => {
  const answer = readAliyunAnswer(body);
  if (answer === undefined) {
    return undefined;
  }
  const { fields, ...common } = answer;
  const model = fields.Model;
  const modelFields = isJsonObject(model) ? model : {};
  const bizId = textField(modelFields, 'BizId');
  const requestId = common.requestId ?? textField(modelFields, 'RequestId');
  return {
    ...common,
    ...(requestId === undefined ? {} : { requestId }),
    success: fields.Success === true,
    ...(bizId === undefined ? {} : { bizId }),
  };
};
