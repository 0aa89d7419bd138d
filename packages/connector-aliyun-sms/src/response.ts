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

/** The fields of an Aliyun answer this connector reads; anything without a `Code` is not one. */
export type AliyunAnswer = { code: string; message?: string; requestId?: string; bizId?: string };

const textField = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Reads an Aliyun JSON answer; `undefined` for anything else (HTML, truncated, empty, no `Code`). */
export const readResponse = (body: string): AliyunAnswer | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return undefined;
  }
  const record = parsed as Record<string, unknown>;
  const code = textField(record, 'Code');
  if (code === undefined) {
    return undefined;
  }
  const message = textField(record, 'Message');
  const requestId = textField(record, 'RequestId');
  const bizId = textField(record, 'BizId');
  return {
    code,
    ...(message === undefined ? {} : { message }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(bizId === undefined ? {} : { bizId }),
  };
};
