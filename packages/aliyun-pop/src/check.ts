import {
  providerError,
  type ErrorFacts,
  type ErrorRule,
  type HttpResponse,
  type ProviderErrorData,
  type Redactor,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { cleanProviderMessage } from './answer.js';

/** The part of an answer `checkAliyunResponse` reads; products add their own fields. */
export type AliyunAnswerBasics = { code: string; message?: string; requestId?: string };

/** What one Aliyun product tells `checkAliyunResponse`. */
export type AliyunAnswerSpec<Answer extends AliyunAnswerBasics, Result> = {
  provider: ProviderErrorData['provider'];
  /** Used in messages, e.g. "Aliyun SMS". */
  productName: string;
  /** The product's parser (`readResponse`). */
  read: (body: string) => Answer | undefined;
  /** The send result when the answer says the message was accepted; `undefined` otherwise. */
  accepted: (answer: Answer) => Result | undefined;
  /**
   * The row of the product's code table for an answer's code and message (with its own fallback);
   * the connector adds what it knows about the call, such as the recipient's region.
   */
  ruleFor: (facts: ErrorFacts<string>) => ErrorRule<string>;
  /** How a refusal starts, e.g. "Aliyun SMS refused the delivery-status query"; default "<productName> refused the message". */
  refused?: string;
  /** A better summary for a refusal whose code alone misleads (`undefined`: the usual summary). */
  explainRefusal?: (answer: Answer) => string | undefined;
  /** For HTTP 5xx: the send may or may not have happened. */
  serverErrorHint: string;
  /** For an answer that is not the product's API answer (proxy page, wrong endpoint). */
  notAnAnswerHint: string;
};

const withPeriod = (text: string) => (/[.!?。！？]$/.test(text) ? text : `${text}.`);

/**
 * Turns an Aliyun answer into the send result or a ConnectorError. Success needs a 2xx and an
 * accepted answer: business errors also come back as HTTP 200, and a `Code: "OK"` the product does
 * not confirm (e.g. Dypnsapi `Success: false`) is not a success. Error data carries the provider
 * code, RequestId, HTTP status and a fix hint, all through `redactor`.
 *
 * @throws ConnectorError for every answer that is not an accepted send.
 */
// eslint-disable-next-line complexity -- the answer's cases in the order they must be judged, read on every send
export const checkAliyunResponse = <Answer extends AliyunAnswerBasics, Result>(
  response: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor,
  spec: AliyunAnswerSpec<Answer, Result>
): Result => {
  const { status } = response;
  const { productName } = spec;
  const answer = spec.read(response.body);
  const cleanMessage =
    answer?.message === undefined ? undefined : cleanProviderMessage(redactor.text(answer.message));
  const fail = (code: ConnectorErrorCodes, summary: string, hint: string): ConnectorError =>
    providerError(
      code,
      {
        provider: spec.provider,
        summary,
        hint,
        httpStatus: status,
        ...(answer === undefined
          ? {}
          : {
              providerCode: answer.code,
              ...(cleanMessage === undefined ? {} : { providerMessage: cleanMessage }),
              ...(answer.requestId === undefined ? {} : { requestId: answer.requestId }),
            }),
      },
      redactor
    );

  if (status >= 500) {
    const what = answer
      ? `${answer.code}${cleanMessage ? `: ${cleanMessage}` : ''}`
      : `no Aliyun error body`;
    throw fail(
      ConnectorErrorCodes.General,
      withPeriod(`${productName} answered HTTP ${status} (${what})`),
      spec.serverErrorHint
    );
  }

  const isSuccessStatus = status >= 200 && status < 300;
  if (
    answer === undefined ||
    (answer.code === 'OK' && !isSuccessStatus) ||
    (status >= 300 && status < 400)
  ) {
    throw fail(
      ConnectorErrorCodes.InvalidResponse,
      `${productName} answered HTTP ${status} with a body that is not an Aliyun API answer.`,
      spec.notAnAnswerHint
    );
  }

  if (answer.code === 'OK') {
    const result = spec.accepted(answer);
    if (result !== undefined) {
      return result;
    }
    throw fail(
      ConnectorErrorCodes.InvalidResponse,
      `${productName} answered Code "OK" but did not confirm the send (Success is not true).`,
      'The message may not have been sent; try again, and contact Aliyun support with the RequestId if it repeats.'
    );
  }

  const rule = spec.ruleFor({ code: answer.code, message: answer.message });
  const message = cleanMessage === undefined ? '' : ` ${withPeriod(cleanMessage)}`;
  const summary =
    spec.explainRefusal?.(answer) ??
    `${spec.refused ?? `${productName} refused the message`} (${answer.code}).${message}`;
  throw fail(rule.errorCode, summary, rule.hint);
};
