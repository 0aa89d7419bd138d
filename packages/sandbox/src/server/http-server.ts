import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';

import { defaultDelayMs, deliveryOutcome, performFault } from '../faults/perform.js';
import { isDeliveryFault } from '../faults/registry.js';
import type { FaultRegistry } from '../faults/registry.js';
import type { Inbox } from '../inbox/inbox.js';
import { terminalSafe } from '../shared/terminal-safe.js';
import type { DeliveryOutcome, FaultSpec, SandboxConfig } from '../types.js';

import type { ControlContext } from './control-routes.js';
import { handleControl, inboxPath, isControlPath } from './control-routes.js';
import type { IncomingCall } from './incoming-call.js';
import { Lifecycle } from './lifecycle.js';
import type { ProviderEndpoint } from './provider-endpoint.js';
import { readBody } from './read-body.js';
import { jsonReply, sendReply } from './reply.js';
import type { RequestGuard } from './request-guard.js';

export type ServerDependencies = {
  config: SandboxConfig;
  inbox: Inbox;
  faults: FaultRegistry;
  /** Exact request path → the providers emulated there; the first that claims a call serves it. */
  endpoints: ReadonlyMap<string, readonly ProviderEndpoint[]>;
  log?: (line: string) => void;
  /** Refuses requests from foreign hosts and origins (see request-guard.ts). */
  guard: RequestGuard;
};

export type SandboxServer = {
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
};

const splitUrl = (url: string): { path: string; rawQuery: string } => {
  const mark = url.indexOf('?');
  return mark === -1
    ? { path: url, rawQuery: '' }
    : { path: url.slice(0, mark), rawQuery: url.slice(mark + 1) };
};

/** A person typing the sandbox URL into a browser wants the inbox, not an Aliyun XML error. */
const faultSummary = (fault: FaultSpec): string =>
  fault.kind === 'error' ? `fault error ${String(fault.code ?? '')}` : `fault ${fault.kind}`;

const incomingCall = (
  request: IncomingMessage,
  path: string,
  rawQuery: string,
  body: Buffer
): IncomingCall => ({
  method: request.method ?? 'GET',
  path,
  rawQuery,
  headers: request.headers,
  headersDistinct: request.headersDistinct,
  body,
});

const isBrowserVisit = (request: IncomingMessage, rawQuery: string): boolean =>
  request.method === 'GET' &&
  rawQuery === '' &&
  !request.headers.authorization &&
  (request.headers.accept ?? '').includes('text/html');

export const createSandboxServer = (dependencies: ServerDependencies): SandboxServer => {
  const { inbox, faults, endpoints, log, guard } = dependencies;
  const lifecycle = new Lifecycle();
  const sockets = new Set<Socket>();
  const control: ControlContext = { config: dependencies.config, inbox, faults, lifecycle };

  const writeLog = (line: string): void => {
    if (!log) {
      return;
    }
    try {
      // Lines carry outside data (a fault's code, an error message): no terminal control sequences.
      log(terminalSafe(line));
    } catch {
      // A failing log sink must never break request handling.
    }
  };

  const findFault = (endpoint: ProviderEndpoint, call: IncomingCall) =>
    faults.isEmpty
      ? undefined
      : faults.find(endpoint.provider, endpoint.recipients(call), endpoint.isSend?.(call) ?? true);

  // Every answer but a success shows in the inbox as refused, so a failed send can be diagnosed there.
  const refuse = (
    endpoint: ProviderEndpoint,
    call: IncomingCall,
    response: ServerResponse,
    reason: string
  ): void => {
    inbox.refuse({
      provider: endpoint.provider,
      to: endpoint.recipients(call),
      reason,
      ...(response.headersSent ? { httpStatus: response.statusCode } : {}),
    });
  };

  /**
   * The endpoint's own answer, with the carrier outcome of a delivery fault if one applies; returns
   * its log summary and whether the provider accepted the request.
   */
  const answer = (
    endpoint: ProviderEndpoint,
    call: IncomingCall,
    response: ServerResponse,
    outcome?: DeliveryOutcome
  ) => {
    const reply = endpoint.handle(call, outcome);
    sendReply(response, reply);
    const summary = reply.summary ?? '';
    const accepted = summary.startsWith('OK ');
    if (!accepted) {
      refuse(endpoint, call, response, reply.summary ?? `HTTP ${reply.status}`);
    }
    return { summary, accepted };
  };

  // Runs after the body is read; `endpoint` answers unless an armed fault takes the request over.
  const handleProvider = async (
    endpoint: ProviderEndpoint,
    call: IncomingCall,
    response: ServerResponse
  ): Promise<string> => {
    const fault = findFault(endpoint, call);
    if (fault && isDeliveryFault(fault)) {
      // The fault is for the next message the provider accepts: a refused send leaves it armed.
      const { summary, accepted } = answer(endpoint, call, response, deliveryOutcome(fault));
      if (accepted) {
        faults.disarm(fault);
      }
      return `${fault.kind} ${summary}`;
    }
    if (fault) {
      faults.disarm(fault);
    }
    if (fault && fault.kind !== 'delay') {
      performFault(fault, { endpoint, call, response, lifecycle });
      const summary = faultSummary(fault);
      refuse(endpoint, call, response, summary);
      return summary;
    }
    if (fault && !(await lifecycle.sleep(fault.delayMs ?? defaultDelayMs))) {
      return 'closed during delay';
    }
    const { summary } = answer(endpoint, call, response);
    return fault ? `delayed ${summary}` : summary;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const startedAt = performance.now();
    const { path, rawQuery } = splitUrl(request.url ?? '/');
    const refusal = guard(request);
    if (refusal !== undefined) {
      request.resume();
      response.shouldKeepAlive = false;
      sendReply(response, jsonReply(403, { error: refusal }));
      return;
    }

    if (path === '/' && isBrowserVisit(request, rawQuery)) {
      response.writeHead(302, { location: inboxPath, 'content-length': 0 });
      response.end();
      return;
    }

    const body = await readBody(request);
    if (body.kind === 'aborted') {
      return;
    }
    if (body.kind === 'too-large') {
      response.shouldKeepAlive = false;
      sendReply(response, jsonReply(413, { error: 'Request body exceeds 1 MiB' }));
      return;
    }

    if (isControlPath(path)) {
      await handleControl(
        { request, response, path, query: new URLSearchParams(rawQuery), body: body.body },
        control
      );
      return;
    }

    const call = incomingCall(request, path, rawQuery, body.body);
    const endpoint = endpoints.get(path)?.find((candidate) => candidate.claims?.(call) ?? true);
    if (!endpoint) {
      sendReply(response, jsonReply(404, { error: `Nothing is emulated at ${path}` }));
      return;
    }

    const summary = await handleProvider(endpoint, call, response);
    // Path only: query strings carry AccessKeyIds and signatures, form bodies carry apikeys.
    writeLog(
      `${new Date().toISOString()} ${endpoint.provider} ${call.method} ${path} ${response.headersSent ? response.statusCode : '-'} ${summary} ${Math.round(performance.now() - startedAt)}ms`
    );
  };

  // Never rejects: a failure is logged, then answered 500, or the socket dropped once headers are out.
  const handleSafely = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      await handle(request, response);
    } catch (error: unknown) {
      writeLog(
        `${new Date().toISOString()} internal error: ${error instanceof Error ? error.message : String(error)}`
      );
      if (response.headersSent) {
        response.destroy();
      } else {
        sendReply(response, jsonReply(500, { error: 'Sandbox internal error' }));
      }
    }
  };

  const server: Server = createServer((request, response) => {
    request.on('error', () => {
      // A client that aborts its upload is readBody's 'aborted' case, not a server failure.
    });
    void handleSafely(request, response);
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  return {
    listen: async (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),

    close: async () =>
      new Promise((resolve) => {
        lifecycle.close();
        inbox.close();
        server.close(() => {
          resolve();
        });
        // Keep-alive, hung, dripping and SSE sockets would otherwise hold close() open indefinitely.
        for (const socket of sockets) {
          socket.destroy();
        }
        server.closeAllConnections();
      }),
  };
};
