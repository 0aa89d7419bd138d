import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

import { CancelError, got, RequestError, TimeoutError } from 'got';

export type HttpRequest = {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
};

export type HttpResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** 1 for the first attempt, 2 when the safe retry was used. */
  attempts: number;
};

/**
 * Why no usable answer arrived. `reachedProvider` is false only when the request provably never
 * left this machine or never finished connecting, which is the one case where resending cannot
 * deliver a second code.
 */
export class TransportError extends Error {
  // eslint-disable-next-line @typescript-eslint/class-literal-property-style -- an own property, so `{ ...error }` and structural comparisons still carry the name
  override readonly name = 'TransportError';

  constructor(
    readonly kind: 'timeout' | 'network' | 'response-too-large',
    readonly reachedProvider: boolean,
    /** Node / got error code (`ECONNREFUSED`, `ETIMEDOUT`, …) or the timed-out phase. */
    readonly detail: string,
    readonly attempts: number
  ) {
    super(`${kind}: ${detail}`);
  }
}

export type SendOptions = {
  /** Budget for the whole send in milliseconds, the retry included. */
  timeout: number;
  /** Builds the request for an attempt; called again for the retry so signatures are fresh. */
  prepare: (attempt: number) => HttpRequest;
  /**
   * Whether an answer means "rejected before doing anything, try again" (Aliyun `Throttling*`).
   * Gets the budget left in ms; returns the delay in ms before the retry, or `undefined` to keep
   * the answer. A delay that leaves too little budget for the retry keeps the answer too.
   */
  retryAfterResponse?: (
    response: Omit<HttpResponse, 'attempts'>,
    budgetLeftMs: number
  ) => number | undefined;
  /** Larger answers are abandoned: a provider reply is a few hundred bytes. Default 1 MiB. */
  maxResponseBytes?: number;
};

// A bounded keep-alive pool: repeated sends reuse TLS sessions, and a burst of sign-ins cannot open
// unbounded sockets. Every socket of a burst may stay idle (a smaller free pool closed most of them
// after each burst, so the next one paid the TLS handshakes again); idle sockets are unref'd by
// Node and closed after `timeout`, before typical provider load balancers drop them (a stale
// socket fails in a way that must not be retried).
const agentOptions = {
  keepAlive: true,
  maxSockets: 64,
  maxFreeSockets: 64,
  timeout: 4000,
  scheduling: 'lifo',
} as const;

const createClient = () =>
  got.extend({
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
    agent: { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) },
    http2: false,
  });
// The client and its pool are created on the first send, not at import: got.extend costs ~1 ms,
// paid by every Logto start, and a module that builds nothing at import can stay out of
// lib/index.js when only its types or error classes are needed there (scripts/build.mjs).
let client: ReturnType<typeof createClient> | undefined;
const getClient = () => {
  client ??= createClient();
  return client;
};

// Errors raised before a single byte of the request can have reached the provider.
const unsentErrorCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const unsentTimeoutPhases = new Set(['lookup', 'connect', 'secureConnect']);

const toTransportError = (
  error: unknown,
  attempts: number,
  maxResponseBytes: number
): TransportError => {
  if (error instanceof CancelError) {
    return new TransportError(
      'response-too-large',
      true,
      `answer exceeded ${maxResponseBytes} bytes`,
      attempts
    );
  }
  if (error instanceof TimeoutError) {
    return new TransportError(
      'timeout',
      !unsentTimeoutPhases.has(error.event),
      error.event,
      attempts
    );
  }
  if (error instanceof RequestError) {
    const code = error.code || 'ERR_NETWORK';
    return new TransportError('network', !unsentErrorCodes.has(code), code, attempts);
  }
  return new TransportError('network', true, 'unexpected error', attempts);
};

const delay = async (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

// The retry needs a fair share of the budget to be worth making.
const minimumRetryBudgetMs = 50;

/**
 * An attempt that ran out of budget. Without a socket it was still queued behind busy ones, and
 * with a socket still connecting nothing was written yet: only then is it known not to have
 * reached the provider.
 */
const expiredAttempt = (socket: Socket | undefined, attempts: number): TransportError => {
  if (!socket) {
    return new TransportError('timeout', false, 'queued for a connection', attempts);
  }
  if (socket.connecting) {
    return new TransportError('timeout', false, 'connect', attempts);
  }
  return new TransportError('timeout', true, 'request', attempts);
};

/**
 * Sends with the project's one retry rule: a second attempt only when the first provably never
 * reached the provider (refused, DNS failure, connect timeout) or the provider explicitly rejected
 * it unprocessed (`retryAfterResponse`). Never after a response timeout, a reset or a 5xx: SMS
 * sends are not idempotent and a second code is worse than an error.
 *
 * Redirects are not followed and no status is an error here: every answer that arrives is
 * returned for the connector's `checkResponse` to judge. Requests go through one client's agents (a
 * keep-alive pool of at most 64 sockets per origin).
 *
 * @param options.timeout budget in milliseconds for the whole send, retry and retry delay
 * included; a request still queued for a pooled socket ends at it too.
 * @param options.prepare builds attempt 1 and, if a retry is made, attempt 2 (signed afresh).
 * @param options.retryAfterResponse see `SendOptions`; without it, every answer is final.
 * @param options.maxResponseBytes @default 1048576 (1 MiB)
 * @returns the provider's answer (any status) and how many attempts it took (1 or 2).
 * @throws TransportError when no answer arrived: `kind` `timeout`, `network` or
 * `response-too-large`; `reachedProvider` says whether the provider may have received it.
 */
// eslint-disable-next-line complexity -- one attempt loop sharing the deadline, expiry timer and retry decision; hot path
export const sendWithRetryRule = async (options: SendOptions): Promise<HttpResponse> => {
  const { timeout, prepare, retryAfterResponse, maxResponseBytes = 1024 * 1024 } = options;
  const deadline = Date.now() + timeout;

  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    const isLastAttempt = attempt === 2;
    const request = prepare(attempt);
    const response = getClient()(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // No got `request` timeout: the expiry below ends every attempt at the budget, and got's
      // whole-request timer cost each send ~30 µs of CPU (bench: 1.05x of the official connector's
      // client CPU with it, below it without).
      timeout: {
        // Leave part of the budget for one retry when connecting hangs (a black-holed address).
        connect: isLastAttempt ? remaining : Math.ceil(remaining / 2),
      },
    });
    // Read only if the attempt expires: whether it had a socket yet, and whether it was connected.
    let clientRequest: ClientRequest | undefined;
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- got's on() returns the same request promise, awaited below
    response.on('request', (created: ClientRequest) => {
      clientRequest = created;
    });
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- got's on() returns the same request promise, awaited below
    response.on('downloadProgress', ({ transferred }: { transferred: number }) => {
      if (transferred > maxResponseBytes) {
        response.cancel();
      }
    });
    // Got's own timeout cannot end a request still queued for a pooled socket until one frees up;
    // cancelling settles the promise at once, wherever the request is.
    // Judged before cancelling: cancelling destroys the socket, and a destroyed socket no longer
    // reports that it was still connecting.
    let expiredFailure: TransportError | undefined;
    const expiry = setTimeout(() => {
      expiredFailure = expiredAttempt(clientRequest?.socket ?? undefined, attempt);
      response.cancel();
    }, remaining);

    try {
      // eslint-disable-next-line no-await-in-loop -- attempts are sequential by definition (a retry follows a failure)
      const { statusCode, headers, body } = await response;
      const answer = { status: statusCode, headers, body };
      const retryDelay = isLastAttempt
        ? undefined
        : retryAfterResponse?.(answer, deadline - Date.now());
      const budgetLeft = deadline - Date.now() - (retryDelay ?? 0);
      if (retryDelay === undefined || budgetLeft < minimumRetryBudgetMs) {
        return { ...answer, attempts: attempt };
      }
      // eslint-disable-next-line no-await-in-loop -- the back-off must finish before the next attempt
      await delay(retryDelay);
    } catch (error: unknown) {
      const failure = expiredFailure ?? toTransportError(error, attempt, maxResponseBytes);
      const budgetLeft = deadline - Date.now();
      if (isLastAttempt || failure.reachedProvider || budgetLeft < minimumRetryBudgetMs) {
        throw failure;
      }
    } finally {
      clearTimeout(expiry);
    }
  }
};
