import type { ClientRequest, IncomingMessage } from 'node:http';
import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { settlesWithin } from '../../../tests/helpers/order.js';
import { startSandbox } from '../src/index.js';

import { sms, v1Params, yunpianKeys } from './helpers.js';

// Its own file so the process-wide handle counts are not disturbed by other tests' sockets.

const cnText = (code: string) => `【Logto测试】您的验证码是${code}。如非本人操作，请忽略本短信`;

const tcpHandles = () =>
  process
    .getActiveResourcesInfo()
    .filter((name) => name === 'TCPSocketWrap' || name === 'TCPServerWrap').length;

// These connections are destroyed by close() on purpose; their errors are expected.
const ignoreErrors = () => undefined;

describe('close()', () => {
  it('resolves promptly with hung, dripping, delayed, SSE and keep-alive connections open, leaving no handles', async () => {
    const baselineTcp = tcpHandles();
    const target = await startSandbox({ config: { rateLimits: { enabled: false } } });
    const clientClosed: Array<Promise<void>> = [];
    const track = (request_: ClientRequest) =>
      clientClosed.push(
        new Promise((resolve) => {
          request_.on('error', ignoreErrors);
          request_.on('close', () => {
            resolve();
          });
        })
      );

    target.faults.add({ kind: 'hang' });
    const hung = request(`${target.url}/v2/sms/single_send.json`, { method: 'POST', agent: false });
    track(hung);
    hung.end('apikey=x');

    target.faults.add({ kind: 'drip', intervalMs: 20 });
    const dripping = request(`${target.url}/`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    track(dripping);
    const drip = await new Promise<IncomingMessage>((resolve) => {
      dripping.on('response', resolve);
      dripping.end(new URLSearchParams(v1Params(sms('13800138000'))).toString());
    });
    drip.on('error', ignoreErrors).resume();
    clientClosed.push(
      new Promise((resolve) => {
        drip.on('close', () => {
          resolve();
        });
      })
    );

    target.faults.add({ kind: 'delay', delayMs: 400 });
    const delayed = request(`${target.url}/v2/sms/single_send.json`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    track(delayed);
    delayed.end(
      new URLSearchParams({
        apikey: yunpianKeys.intl,
        mobile: '13800138000',
        text: cnText('1234'),
      }).toString()
    );

    const sse = request(`${target.url}/__sandbox/events`, { agent: false });
    track(sse);
    sse.on('response', (response) => response.on('error', ignoreErrors).resume());
    sse.end();

    const keepAlive = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) => {
      request(`${target.url}/__sandbox/health`, { agent: keepAlive }, (response) =>
        response.resume().on('end', resolve)
      ).end();
    });

    const waiting = target.inbox.waitForMessage({}, 60_000);
    await delay(100);
    expect(tcpHandles()).toBeGreaterThan(baselineTcp + 4);

    // Well before the 5 s keep-alive timeout that an idle socket left open would wait for (the SSE
    // and hung sockets would hold it for ever): close() destroyed them.
    expect(await settlesWithin(target.close(), 4000)).toBe(true);
    await expect(waiting).rejects.toThrow(/closed/);
    await Promise.all(clientClosed);
    keepAlive.destroy();
    // Outlive the 400 ms delay: an abandoned delayed send must not be delivered after close.
    await delay(500);

    expect(tcpHandles()).toBe(baselineTcp);
    expect(target.inbox.count()).toBe(0);
    // Closing twice is harmless.
    await target.close();
  });
});
