// No nock in this file: its interceptor wraps real sockets and reports a got timeout on an
// in-flight response as an extra unhandled rejection that production code never sees.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { settlesWithin } from '../../../tests/helpers/order.js';
import {
  closedPortUrl,
  closeLoopbackServers,
  startHungServer,
  startLoopbackServer,
} from '../../../tests/support/loopback.js';
import { sendWithRetryRule, TransportError, type HttpRequest } from '../src/http.js';

const post = (url: string, attempt = 1): HttpRequest => ({
  method: 'POST',
  url,
  headers: { 'x-attempt': String(attempt) },
  body: `attempt=${attempt}`,
});

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the send to fail');
};

describe('sendWithRetryRule against a loopback server', () => {
  afterEach(async () => {
    await closeLoopbackServers();
  });

  it('returns status, headers and body of any answer without retrying it', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response
        .writeHead(400, { 'content-type': 'application/json', 'x-test': 'yes' })
        .end('{"code":-1}');
    });
    const response = await sendWithRetryRule({
      timeout: 2000,
      prepare: () => post(`${server.url}/`),
    });
    expect(response).toMatchObject({ status: 400, body: '{"code":-1}', attempts: 1 });
    expect(response.headers['x-test']).toBe('yes');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 5xx answer', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    });
    const response = await sendWithRetryRule({
      timeout: 2000,
      prepare: () => post(`${server.url}/`),
    });
    expect(response.status).toBe(502);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up a hung response at the timeout and never retries it (the code may have gone out)', async () => {
    const server = await startHungServer();
    const started = Date.now();
    const sending = sendWithRetryRule({ timeout: 300, prepare: () => post(`${server.url}/`) });
    // Ended by the budget itself, before got's backstop 250 ms later.
    expect(await settlesWithin(sending, 300 + 200)).toBe(true);
    const error = await failureOf(sending);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout', reachedProvider: true, attempts: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(server.requests).toHaveLength(1);
  });

  it('bounds a slow drip by the same budget', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => {
        clearInterval(timer);
      });
    });
    const sending = sendWithRetryRule({ timeout: 400, prepare: () => post(`${server.url}/`) });
    expect(await settlesWithin(sending, 400 + 200)).toBe(true);
    const error = await failureOf(sending);
    expect(error).toMatchObject({ kind: 'timeout', reachedProvider: true });
    expect(server.requests).toHaveLength(1);
  });

  it('ends a request queued behind a full socket pool at its own timeout, as never sent', async () => {
    const server = await startHungServer();
    const hung = Array.from({ length: 64 }, async () => {
      try {
        return await sendWithRetryRule({ timeout: 3000, prepare: () => post(`${server.url}/`) });
      } catch (error: unknown) {
        return error;
      }
    });
    const queued = sendWithRetryRule({ timeout: 300, prepare: () => post(`${server.url}/`) });
    // Ended by its own budget, long before the 64 sends ahead of it give up their sockets (3 s).
    expect(await settlesWithin(queued, 300 + 200)).toBe(true);
    const error = await failureOf(queued);
    expect(error).toMatchObject({
      kind: 'timeout',
      reachedProvider: false,
      detail: 'queued for a connection',
    });
    const hungErrors = await Promise.all(hung);
    expect(hungErrors.every((hungError) => hungError instanceof TransportError)).toBe(true);
    expect(server.requests).toHaveLength(64);
  });

  it('abandons an oversized answer', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('x'.repeat(5 * 1024 * 1024));
    });
    const error = await failureOf(
      sendWithRetryRule({
        timeout: 5000,
        prepare: () => post(`${server.url}/`),
        maxResponseBytes: 64 * 1024,
      })
    );
    expect(error).toMatchObject({ kind: 'response-too-large', attempts: 1 });
  });

  it('retries a refused connection once, preparing a fresh request', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200).end('ok');
    });
    const refused = await closedPortUrl();
    const prepared: number[] = [];
    const response = await sendWithRetryRule({
      timeout: 2000,
      prepare: (attempt) => {
        prepared.push(attempt);
        return post(attempt === 1 ? refused : server.url, attempt);
      },
    });
    expect(prepared).toEqual([1, 2]);
    expect(response).toMatchObject({ status: 200, body: 'ok', attempts: 2 });
    expect(server.requests).toHaveLength(1);
  });

  it('stops after one retry when the connection stays refused', async () => {
    const refused = await closedPortUrl();
    let prepared = 0;
    const error = await failureOf(
      sendWithRetryRule({
        timeout: 2000,
        prepare: () => {
          prepared += 1;
          return post(refused);
        },
      })
    );
    expect(error).toMatchObject({
      kind: 'network',
      detail: 'ECONNREFUSED',
      reachedProvider: false,
      attempts: 2,
    });
    expect(prepared).toBe(2);
  });

  it('retries once when the provider says it rejected the request unprocessed', async () => {
    const server = await startLoopbackServer((_request, response, hit) => {
      if (hit === 1) {
        response.writeHead(400, { 'x-acs-retry-after': '20' }).end('{"Code":"Throttling.User"}');
        return;
      }
      response.writeHead(200).end('{"Code":"OK"}');
    });
    const seen: string[] = [];
    const response = await sendWithRetryRule({
      timeout: 2000,
      prepare: (attempt) => post(`${server.url}/`, attempt),
      retryAfterResponse: ({ body, headers }) => {
        seen.push(body);
        return body.includes('Throttling') ? Number(headers['x-acs-retry-after']) : undefined;
      },
    });
    expect(seen).toEqual(['{"Code":"Throttling.User"}']);
    expect(response).toMatchObject({ status: 200, body: '{"Code":"OK"}', attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('keeps a throttling answer when the delay would not fit the budget', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(400).end('{"Code":"Throttling.User"}');
    });
    const response = await sendWithRetryRule({
      timeout: 500,
      prepare: (attempt) => post(`${server.url}/`, attempt),
      retryAfterResponse: () => 10_000,
    });
    expect(response).toMatchObject({ status: 400, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

/**
 * A loopback port whose connects hang, like a black-holed address: a child process listens with a
 * backlog of 1 and blocks its event loop so it never accepts; once the accept queue is full (two
 * connections on Linux), the kernel drops further SYNs and the client keeps retransmitting.
 */
const startBlackHole = async () => {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const server = require('node:net').createServer();
       server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(server.address().port + '\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      resolve(Number(chunk.toString().trim()));
    });
    child.once('exit', () => {
      reject(new Error('black-hole listener exited'));
    });
  });
  // Fill the accept queue (the kernel completes these handshakes itself).
  const fillers = Array.from({ length: 2 }, () =>
    connect(port, '127.0.0.1').on('error', () => undefined)
  );
  await Promise.all(
    fillers.map(
      async (filler) =>
        new Promise((resolve) => {
          filler.once('connect', resolve);
        })
    )
  );
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      for (const filler of fillers) {
        filler.destroy();
      }
      child.kill('SIGKILL');
    },
  };
};

describe('sendWithRetryRule when connecting hangs', () => {
  it('gives the first connect only part of the budget, so the one retry still gets a turn', async () => {
    const blackHole = await startBlackHole();
    try {
      const prepared: number[] = [];
      const error = await failureOf(
        sendWithRetryRule({
          timeout: 1200,
          prepare: (attempt) => {
            prepared.push(attempt);
            return post(blackHole.url, attempt);
          },
        })
      );
      expect(prepared).toEqual([1, 2]);
      // The retry ran out of budget still connecting (its expiry fires before got's connect timer,
      // armed later for the same span): nothing was written, and the error must say so.
      expect(error).toMatchObject({
        kind: 'timeout',
        reachedProvider: false,
        detail: 'connect',
        attempts: 2,
      });
    } finally {
      await blackHole.close();
    }
  });
});
