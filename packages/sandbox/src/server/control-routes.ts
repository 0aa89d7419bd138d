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
import { jsonReply } from './reply.js';
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

const send = (res: ServerResponse, reply: Reply): void => {
  res.writeHead(reply.status, {
    'content-length': Buffer.byteLength(reply.body),
    ...reply.headers,
  });
  res.end(reply.body);
};

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

const waitForMessage = (
  res: ServerResponse,
  query: URLSearchParams,
  context: ControlContext
): void => {
  const filter = parseFilter(query);
  if (typeof filter === 'string') {
    send(res, problem(400, filter));
    return;
  }
  const timeout = Number(query.get('timeout') ?? defaultWaitTimeoutMs);
  if (!Number.isFinite(timeout) || timeout < 0 || timeout > maxWaitMs) {
    send(res, problem(400, `timeout must be between 0 and ${maxWaitMs} ms`));
    return;
  }
  const abandoned = new AbortController();
  res.once('close', () => {
    abandoned.abort();
  });
  context.inbox.waitForMessage(filter, timeout, abandoned.signal).then(
    (message) => {
      send(res, jsonReply(200, { message }));
    },
    (error: unknown) => {
      if (error instanceof WaitTimeoutError) {
        send(res, problem(408, error.message));
      } else if (!res.destroyed && !res.headersSent) {
        send(res, problem(503, 'Sandbox is closing'));
      }
    }
  );
};

const decodePathSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

const faultRoutes = (
  request: IncomingMessage,
  res: ServerResponse,
  rest: string,
  body: Buffer,
  context: ControlContext
) => {
  if (rest === '' && request.method === 'GET') {
    send(res, jsonReply(200, { faults: context.faults.list() }));
    return;
  }
  if (rest === '' && request.method === 'DELETE') {
    context.faults.clear();
    send(res, jsonReply(200, { ok: true }));
    return;
  }
  if (rest === '' && request.method === 'POST') {
    try {
      const id = context.faults.add(JSON.parse(body.toString('utf8') || 'null'));
      send(
        res,
        jsonReply(201, { id, fault: context.faults.list().find((fault) => fault.id === id) })
      );
      return;
    } catch (error) {
      const reason =
        error instanceof InvalidFaultError ? error.message : 'body must be a JSON FaultSpec';
      send(res, problem(400, reason));
      return;
    }
  }
  if (rest.startsWith('/') && request.method === 'DELETE') {
    const id = decodePathSegment(rest.slice(1));
    if (id === undefined) {
      send(res, problem(400, 'The fault id is not valid percent-encoding'));
      return;
    }
    context.faults.remove(id)
      ? send(res, jsonReply(200, { ok: true }))
      : send(res, problem(404, 'No such fault'));
    return;
  }
  send(res, problem(405, 'Method not allowed'));
};

/** The inbox page and the JSON control API under /__sandbox/. */
export const handleControl = (
  request: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  body: Buffer,
  context: ControlContext
): void => {
  const method = request.method ?? 'GET';
  if (path === inboxPath || path === `${inboxPath}/`) {
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, problem(405, 'Method not allowed'));
      return;
    }
    send(res, {
      status: 200,
      headers: { 'content-type': 'text/html;charset=utf-8', 'cache-control': 'no-store' },
      body: inboxPageHtml,
    });
    return;
  }

  // A write must be a JSON request: a cross-site form or sendBeacon can only send form and text
  // bodies, and never application/json without a CORS preflight this server does not answer.
  const isWrite = method !== 'GET' && method !== 'HEAD';
  if (
    isWrite &&
    (body.length > 0 || method !== 'DELETE') &&
    !isJsonContentType(request.headers['content-type'])
  ) {
    send(res, problem(415, 'Control writes must be sent as application/json'));
    return;
  }

  const route = path.slice(controlPrefix.length);
  if (route === '' || route === '/') {
    res.writeHead(302, { location: inboxPath, 'content-length': 0 });
    return void res.end();
  }
  if (route === '/faults' || route.startsWith('/faults/')) {
    faultRoutes(request, res, route.slice('/faults'.length), body, context);
    return;
  }

  const key = `${method} ${route}`;
  switch (key) {
    case 'GET /health': {
      send(res, jsonReply(200, { ok: true }));
      return;
    }
    case 'GET /config': {
      send(res, jsonReply(200, publicConfig(context.config)));
      return;
    }
    case 'GET /messages': {
      const filter = parseFilter(query);
      if (typeof filter === 'string') {
        send(res, problem(400, filter));
        return;
      }
      send(res, jsonReply(200, { messages: context.inbox.list(filter) }));
      return;
    }
    case 'GET /refusals': {
      const filter = parseFilter(query);
      if (typeof filter === 'string') {
        send(res, problem(400, filter));
        return;
      }
      send(res, jsonReply(200, { refusals: context.inbox.refusals(filter) }));
      return;
    }
    case 'DELETE /messages': {
      context.inbox.clear();
      send(res, jsonReply(200, { ok: true }));
      return;
    }
    case 'GET /messages/wait': {
      waitForMessage(res, query, context);
      return;
    }
    case 'GET /events': {
      streamEvents(res, context.inbox, context.lifecycle);
      return;
    }
    default: {
      send(res, problem(404, `No sandbox route ${method} ${path}`));
    }
  }
};
