import { readAliyunAnswer } from '@logto-sms/aliyun-pop';
import { textField } from '@logto-sms/sms-core';

/** What `sendMessage` resolves to once Aliyun accepted the message. */
export type AliyunSmsSendResult = {
  /** Receipt id for `QuerySendDetails`. */
  bizId: string | undefined;
  /** Aliyun's request id, for support tickets. */
  requestId: string | undefined;
  /** `PhoneNumbers` exactly as Aliyun received it (national number for mainland China, else country code + number). */
  phoneNumbers: string;
  /** The template code the message went out on. */
  templateCode: string;
};

/** The fields of a SendSms answer this connector reads; anything without a `Code` is not one. */
export type AliyunAnswer = { code: string; message?: string; requestId?: string; bizId?: string };

/** Reads a SendSms JSON answer; `undefined` for anything else (HTML, truncated, empty, no `Code`). */
export const readResponse = (body: string): AliyunAnswer | undefined => {
  const answer = readAliyunAnswer(body);
  if (answer === undefined) {
    return undefined;
  }
  const { fields, ...common } = answer;
  const bizId = textField(fields, 'BizId');
  return { ...common, ...(bizId === undefined ? {} : { bizId }) };
};
