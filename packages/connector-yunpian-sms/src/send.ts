import { createRedactor, type SmsSendInput } from '@logto-sms/sms-core';

import { sendRequest } from './client.js';
import type { YunpianSmsConfig } from './config.js';
import { checkResponse } from './errors.js';
import { toRecipient } from './recipient.js';
import { buildRequest } from './request.js';
import type { YunpianSmsSendResult } from './response.js';
import { chooseTemplate } from './templates.js';

/** One verification SMS: everything that can be refused locally is refused before the network. */
export const sendVerificationSms = async (
  input: SmsSendInput,
  config: YunpianSmsConfig
): Promise<YunpianSmsSendResult> => {
  const { mobile, region } = toRecipient(input.to, config);
  const { text, template } = chooseTemplate(config.templates, { ...input, region });
  // YunPian's `detail` can quote the text it received, and with it the code. The redactor works out
  // the forms of these secrets only if an error is built.
  const redactor = createRedactor([config.apikey, input.code]);
  const request = buildRequest({
    endpoint: config.endpoint,
    apikey: config.apikey,
    mobile,
    text,
    code: input.code,
  });
  const response = await sendRequest(request, config.timeout, redactor);
  // What went out, so an operator (and `logto-sms send`) can see the number as YunPian received it.
  return { ...checkResponse(response, redactor), mobile, template };
};
