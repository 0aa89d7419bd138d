import { createRedactor, type SmsSendInput } from '@logto-sms/sms-core';

import { postSingleSend } from './client.js';
import type { YunpianConfig } from './config.js';
import { toYunpianRecipient } from './mobile.js';
import { readSendAnswer, type YunpianSendResult } from './response.js';
import { composeText } from './templates.js';

/** One verification SMS: everything that can be refused locally is refused before the network. */
export const sendVerificationSms = async (input: SmsSendInput, config: YunpianConfig): Promise<YunpianSendResult> => {
  const { mobile, region } = toYunpianRecipient(input.to, config);
  const text = composeText(config.templates, { ...input, region });
  // YunPian's `detail` can quote the text it received, and with it the code.
  const redactor = createRedactor([config.apikey, input.code]);
  const response = await postSingleSend(
    { endpoint: config.endpoint, timeout: config.timeout, apikey: config.apikey, mobile, text },
    redactor
  );
  return readSendAnswer(response, redactor);
};
