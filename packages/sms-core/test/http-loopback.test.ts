// No nock in this file: its interceptor wraps real sockets and reports a got timeout on an
// in-flight response as an extra unhandled rejection that production code never sees.
import { afterEach, describe, expect, it } from 'vitest';

import { closedPortUrl, closeLoopbackServers, startHungServer, startLoopbackServer } from '../../../tests/support/loopback.js';

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
      response.writeHead(400, { 'content-type': 'application/json', 'x-test': 'yes' }).end('{"code":-1}');
    });
    const response = await sendWithRetryRule({ timeout: 2000, prepare: () => post(`${server.url}/`) });
    expect(response).toMatchObject({ status: 400, body: '{"code":-1}', attempts: 1 });
    expect(response.headers['x-test']).toBe('yes');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 5xx answer', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    });
    const response = await sendWithRetryRule({ timeout: 2000, prepare: () => post(`${server.url}/`) });
    expect(response.status).toBe(502);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up a hung response at the timeout and never retries it (the code may have gone out)', async () => {
    const server = await startHungServer();
    const started = Date.now();
    const error = await failureOf(sendWithRetryRule({ timeout: 300, prepare: () => post(`${server.url}/`) }));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout', reachedProvider: true, attempts: 1 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1300);
    expect(server.requests).toHaveLength(1);
  });

  it('bounds a slow drip by the same budget', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failureOf(sendWithRetryRule({ timeout: 400, prepare: () => post(`${server.url}/`) }));
    expect(error).toMatchObject({ kind: 'timeout', reachedProvider: true });
    expect(Date.now() - started).toBeLessThan(1400);
    expect(server.requests).toHaveLength(1);
  });

  it('ends a request queued behind a full socket pool at its own timeout, as never sent', async () => {
    const server = await startHungServer();
    const hung = Array.from({ length: 64 }, async () =>
      sendWithRetryRule({ timeout: 3000, prepare: () => post(`${server.url}/`) }).catch((error: unknown) => error)
    );
    const started = Date.now();
    const error = await failureOf(sendWithRetryRule({ timeout: 300, prepare: () => post(`${server.url}/`) }));
    expect(Date.now() - started).toBeLessThan(1300);
    expect(error).toMatchObject({ kind: 'timeout', reachedProvider: false, detail: 'queued for a connection' });
    const hungErrors = await Promise.all(hung);
    expect(hungErrors.every((hungError) => hungError instanceof TransportError)).toBe(true);
    expect(server.requests).toHaveLength(64);
  });

  it('abandons an oversized answer', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('x'.repeat(5 * 1024 * 1024));
    });
    const error = await failureOf(
      sendWithRetryRule({ timeout: 5000, prepare: () => post(`${server.url}/`), maxResponseBytes: 64 * 1024 })
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
    expect(error).toMatchObject({ kind: 'network', detail: 'ECONNREFUSED', reachedProvider: false, attempts: 2 });
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

