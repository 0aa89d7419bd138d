/**
 * Loopback HTTP servers for tests that need real sockets: one that answers as scripted, one that
 * never answers, and a port nothing listens on. Every server records the raw requests it received,
 * so a test can assert on the exact bytes a connector put on the wire.
 */
import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server, Socket } from 'node:net';

/** A request exactly as the server received it. */
export type RecordedRequest = {
  method: string;
  /** Path and query, as sent (not decoded). */
  url: string;
  /** Header names lower-cased, as Node presents them. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** An HTTP answer to script. `body` objects are sent as JSON. */
export type ScriptedReply = {
  status: number;
  headers?: Record<string, string>;
  body: string | Record<string, unknown>;
};

/**
 * Decides what to do with request number `hit` (1-based): answer through `response`, or leave it
 * unanswered (a silent provider).
 */
export type LoopbackHandler = (
  request: RecordedRequest,
  response: ServerResponse,
  hit: number
) => void;

export type LoopbackServer = {
  /** `http://127.0.0.1:<port>`, no trailing slash: what connectors take as `endpoint`. */
  url: string;
  port: number;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  /** Stops listening and destroys open connections (an unanswered request included). */
  close: () => Promise<void>;
};

const openServers = new Set<LoopbackServer>();

/** The TCP port a listening server is bound to; throws for a pipe or a server not listening. */
export const listeningPort = (server: Server): number => {
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`expected a server listening on a TCP port, got ${String(address)}`);
  }
  return address.port;
};

/** A server on 127.0.0.1 and a free port, answering through `handler`. */
export const startLoopbackServer = async (handler: LoopbackHandler): Promise<LoopbackServer> => {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  // Recorded on arrival, so a request counts even while its body is still coming; the handler
  // runs once the body is complete.
  const server = http.createServer((request: IncomingMessage, response) => {
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: { ...request.headers },
      body: '',
    };
    requests.push(recorded);
    const hit = requests.length;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      recorded.body = Buffer.concat(chunks).toString('utf8');
      handler(recorded, response, hit);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = listeningPort(server);
  const loopback: LoopbackServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: async () => {
      openServers.delete(loopback);
      if (!server.listening) {
        return;
      }
      for (const socket of sockets) {
        socket.destroy();
      }
      server.close();
      await once(server, 'close');
    },
  };
  openServers.add(loopback);
  return loopback;
};

export const sendReply = (
  response: ServerResponse,
  { status, headers, body }: ScriptedReply
): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response
    .writeHead(
      status,
      headers ?? (typeof body === 'string' ? {} : { 'content-type': 'application/json' })
    )
    .end(text);
};

/** Answers with `replies` in order; the last one repeats. */
export const startScriptedServer = async (
  replies: readonly ScriptedReply[]
): Promise<LoopbackServer> =>
  startLoopbackServer((_request, response, hit) => {
    const reply = replies[Math.min(hit, replies.length) - 1];
    if (!reply) {
      throw new Error('startScriptedServer needs at least one reply');
    }
    sendReply(response, reply);
  });

/** Accepts connections and requests and never answers: a provider that went silent. */
export const startHungServer = async (): Promise<LoopbackServer> =>
  startLoopbackServer(() => undefined);

/** An `http://` URL on a loopback port that was listening a moment ago and is now closed. */
export const closedPortUrl = async (host = '127.0.0.1'): Promise<string> => {
  const server = http.createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const port = listeningPort(server);
  server.close();
  await once(server, 'close');
  return `http://${host}:${port}`;
};

/** Closes every server this module started that is still open (for `afterEach`). */
export const closeLoopbackServers = async (): Promise<void> => {
  await Promise.all([...openServers].map(async (server) => server.close()));
};
