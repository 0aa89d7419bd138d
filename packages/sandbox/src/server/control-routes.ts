import type { IncomingMessage, ServerResponse } from 'node:http';

import { publicConfig } from '../config/public-config.js';
import type { FaultRegistry } from '../faults/registry.js';
import { InvalidFaultError } from '../faults/registry.js';
import type { Inbox } from '../inbox/inbox.js';
import { WaitTimeoutError, defaultWaitTimeoutMs } from '../inbox/inbox.js';
import { inboxPageHtml } from '../inbox/page.js';
import { isProvider, providers, type MessageFilter, type SandboxConfig } from '../types.js';

import type { Lifecycle } from './lifecycle.js';
import type { Reply } from './reply.js';
import { jsonReply, sendReply } from './reply.js';
import { isJsonContentType } from './request-guard.js';
import { streamEvents } from './sse.js';

export const controlPrefix = '/__sandbox';
export const inboxPath = '/inbox';

export type ControlContext = {
  config: SandboxConfig;
  inbox: Inbox;
  faults: FaultRegistry;
  lifecycle: Lifecycle;
};

const maxWaitMs = 10 * 60 * 1000;

const problem = (status: number, message: string): Reply => jsonReply(status, { error: message });

/** ?to=&provider=&since= → a filter, or a string describing what is wrong. */
const parseFilter = (query: URLSearchParams): MessageFilter | string => {
  const filter: MessageFilter = {};
  const to = query.get('to');
  if (to) {
    filter.to = to;
  }
  const provider = query.get('provider');
  if (provider) {
    if (!isProvider(provider)) {
      return `provider must be one of ${providers.map((name) => `'${name}'`).join(', ')}`;
    }
    filter.provider = provider;
  }
  const since = query.get('since');
  if (since) {
    const ms = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
    if (Number.isNaN(ms)) {
      return 'since must be epoch milliseconds or an ISO date';
    }
    filter.since = ms;
  }
  return filter;
};

/** One control request: the parsed target and the body, already read. */
export type ControlExchange = {
  request: IncomingMessage;
  response: ServerResponse;
  path: string;
  query: URLSearchParams;
  body: Buffer;
};

type ControlRoute = (exchange: ControlExchange, context: ControlContext) => Promise<void> | void;

const waitForMessage: ControlRoute = async ({ response, query }, context) => {
  const filter = parseFilter(query);
  if (typeof filter === 'string') {
    sendReply(response, problem(400, filter));
    return;
  }
  const timeout = Number(query.get('timeout') ?? defaultWaitTimeoutMs);
  if (!Number.isFinite(timeout) || timeout < 0 || timeout > maxWaitMs) {
    sendReply(response, problem(400, `timeout must be between 0 and ${maxWaitMs} ms`));
    return;
  }
  const abandoned = new AbortController();
  response.once('close', () => {
    abandoned.abort();
  });
  try {
    const message = await context.inbox.waitForMessage(filter, timeout, abandoned.signal);
    sendReply(response, jsonReply(200, { message }));
  } catch (error: unknown) {
    if (error instanceof WaitTimeoutError) {
      sendReply(response, problem(408, error.message));
    } else if (!response.destroyed && !response.headersSent) {
      sendReply(response, problem(503, 'Sandbox is closing'));
    }
  }
};

/** `GET /messages` and `GET /refusals`: the inbox `list` under `name`, filtered by the query. */
const filteredList =
  (name: string, list: (context: ControlContext, filter: MessageFilter) => unknown): ControlRoute =>
  ({ response, query }, context) => {
    const filter = parseFilter(query);
    sendReply(
      response,
      typeof filter === 'string'
        ? problem(400, filter)
        : jsonReply(200, { [name]: list(context, filter) })
    );
  };

const decodePathSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

const addFault = (response: ServerResponse, body: Buffer, faults: FaultRegistry): void => {
  try {
    const input: unknown = JSON.parse(body.toString('utf8') || 'null');
    const id = faults.add(input);
    sendReply(
      response,
      jsonReply(201, { id, fault: faults.list().find((fault) => fault.id === id) })
    );
  } catch (error) {
    const reason =
      error instanceof InvalidFaultError ? error.message : 'body must be a JSON FaultSpec';
    sendReply(response, problem(400, reason));
  }
};

const removeFault = (response: ServerResponse, encodedId: string, faults: FaultRegistry): void => {
  const id = decodePathSegment(encodedId);
  if (id === undefined) {
    sendReply(response, problem(400, 'The fault id is not valid percent-encoding'));
    return;
  }
  sendReply(
    response,
    faults.remove(id) ? jsonReply(200, { ok: true }) : problem(404, 'No such fault')
  );
};

const faultCollection = ({ request, response, body }: ControlExchange, faults: FaultRegistry) => {
  switch (request.method) {
    case 'GET': {
      sendReply(response, jsonReply(200, { faults: faults.list() }));
      return;
    }
    case 'DELETE': {
      faults.clear();
      sendReply(response, jsonReply(200, { ok: true }));
      return;
    }
    case 'POST': {
      addFault(response, body, faults);
      return;
    }
    default: {
      sendReply(response, problem(405, 'Method not allowed'));
    }
  }
};

/** `/faults` (list, clear, add) and `/faults/<id>` (remove); `rest` is the path after `/faults`. */
const faultRoutes = (exchange: ControlExchange, rest: string, context: ControlContext) => {
  if (rest === '') {
    faultCollection(exchange, context.faults);
  } else if (exchange.request.method === 'DELETE') {
    removeFault(exchange.response, rest.slice(1), context.faults);
  } else {
    sendReply(exchange.response, problem(405, 'Method not allowed'));
  }
};

const routes = new Map<string, ControlRoute>([
  [
    'GET /health',
    ({ response }) => {
      sendReply(response, jsonReply(200, { ok: true }));
    },
  ],
  [
    'GET /config',
    ({ response }, context) => {
      sendReply(response, jsonReply(200, publicConfig(context.config)));
    },
  ],
  ['GET /messages', filteredList('messages', (context, filter) => context.inbox.list(filter))],
  ['GET /refusals', filteredList('refusals', (context, filter) => context.inbox.refusals(filter))],
  [
    'DELETE /messages',
    ({ response }, context) => {
      context.inbox.clear();
      sendReply(response, jsonReply(200, { ok: true }));
    },
  ],
  ['GET /messages/wait', waitForMessage],
  [
    'GET /events',
    ({ response }, context) => {
      streamEvents(response, context.inbox, context.lifecycle);
    },
  ],
]);

const isInboxPagePath = (path: string): boolean => path === inboxPath || path === `${inboxPath}/`;

/** The paths `handleControl` serves: the inbox page and everything under /__sandbox. */
export const isControlPath = (path: string): boolean =>
  isInboxPagePath(path) || path === controlPrefix || path.startsWith(`${controlPrefix}/`);

const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

// A write must be a JSON request: a cross-site form or sendBeacon can only send form and text
// bodies, and never application/json without a CORS preflight this server does not answer.
const isForgeableWrite = ({ request, body }: ControlExchange, method: string): boolean =>
  !isRead(method) &&
  (body.length > 0 || method !== 'DELETE') &&
  !isJsonContentType(request.headers['content-type']);

const serveInboxPage = (response: ServerResponse, method: string): void => {
  sendReply(
    response,
    isRead(method)
      ? {
          status: 200,
          headers: { 'content-type': 'text/html;charset=utf-8', 'cache-control': 'no-store' },
          body: inboxPageHtml,
        }
      : problem(405, 'Method not allowed')
  );
};

/** The inbox page and the JSON control API under /__sandbox/; resolves once answered. */
export const handleControl = async (
  exchange: ControlExchange,
  context: ControlContext
): Promise<void> => {
  const { request, response, path } = exchange;
  const method = request.method ?? 'GET';
  if (isInboxPagePath(path)) {
    serveInboxPage(response, method);
    return;
  }
  if (isForgeableWrite(exchange, method)) {
    sendReply(response, problem(415, 'Control writes must be sent as application/json'));
    return;
  }

  const route = path.slice(controlPrefix.length);
  if (route === '' || route === '/') {
    response.writeHead(302, { location: inboxPath, 'content-length': 0 });
    response.end();
    return;
  }
  if (route === '/faults' || route.startsWith('/faults/')) {
    faultRoutes(exchange, route.slice('/faults'.length), context);
    return;
  }
  const handler = routes.get(`${method} ${route}`);
  if (handler === undefined) {
    sendReply(response, problem(404, `No sandbox route ${method} ${path}`));
    return;
  }
  await handler(exchange, context);
};
