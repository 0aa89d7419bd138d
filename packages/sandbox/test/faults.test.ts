import type { ClientRequest, IncomingMessage } from 'node:http';
import { request } from 'node:http';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { FaultSpec, Sandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import { anyInstanceOf, http, sendV1, sendYunpian, sms, v1Params, yunpianKeys } from './helpers.js';

const cnText = (code: string) => `【Logto测试】您的验证码是${code}。如非本人操作，请忽略本短信`;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ config: { rateLimits: { enabled: false } } });
});
afterAll(async () => sandbox.close());
beforeEach(() => {
  sandbox.inbox.clear();
  sandbox.faults.clear();
});

const aliyun = async (to = '13800138000', extra: Record<string, string> = {}) =>
  sendV1(sandbox, { ...v1Params(sms(to)), ...extra });
const yunpian = async (mobile = '13800138000') =>
  sendYunpian(sandbox, { apikey: yunpianKeys.intl, mobile, text: cnText('1234') });

/** Sends an Aliyun call and hands back the raw request/response for streaming faults. */
const openAliyunCall = async (target: Sandbox = sandbox) =>
  new Promise<{ req: ClientRequest; res: IncomingMessage }>((resolve, reject) => {
    const body = new URLSearchParams({
      ...v1Params(sms('13800138000')),
      Signature: 'irrelevant',
    }).toString();
    const request_ = request(`${target.url}/`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    request_.on('response', (response) => {
      resolve({ req: request_, res: response });
    });
    request_.on('error', reject);
    request_.end(body);
  });

describe('error faults use the provider envelope', () => {
  it('Aliyun isv.* → HTTP 200 business body; one-shot', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'error',
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      message: '触发分钟级流控Permits:1',
    });
    const faulted = await aliyun();
    expect(faulted.status).toBe(200);
    expect(faulted.json).toEqual({
      RequestId: anyInstanceOf(String),
      Code: 'isv.BUSINESS_LIMIT_CONTROL',
      Message: '触发分钟级流控Permits:1',
    });
    expect(sandbox.inbox.count()).toBe(0);
    expect(sandbox.faults.list()).toEqual([]);
    expect((await aliyun()).json.Code).toBe('OK');
  });

  it('Aliyun gateway codes get their real status and HostId/Recommend', async () => {
    const cases: Array<[FaultSpec, number, string]> = [
      [
        { kind: 'error', code: 'Throttling.User' },
        400,
        'Request was denied due to user flow control.',
      ],
      [
        { kind: 'error', code: 'ServiceUnavailable' },
        503,
        'The request has failed due to a temporary failure of the server.',
      ],
      [
        { kind: 'error', code: 'Throttling', httpStatus: 429, message: 'slow down' },
        429,
        'slow down',
      ],
    ];
    for (const [fault, status, message] of cases) {
      sandbox.faults.add({ provider: 'aliyun', ...fault });
      const response = await aliyun();
      expect(response.status).toBe(status);
      expect(response.json).toMatchObject({
        Code: fault.code,
        Message: message,
        HostId: 'dysmsapi.aliyuncs.com',
      });
      expect(response.json.Recommend).toContain(`q=${fault.code}`);
    }
    sandbox.faults.add({ provider: 'aliyun', kind: 'error' });
    expect((await aliyun()).json).toMatchObject({ Code: 'isp.SYSTEM_ERROR' });
    expect(sandbox.inbox.count()).toBe(0);
  });

  it("Aliyun error faults follow the caller's Format (XML)", async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'Throttling.User' });
    const response = await aliyun('13800138000', { Format: 'XML' });
    expect(response.text).toContain('<Error>');
    expect(response.text).toContain('<Code>Throttling.User</Code>');
  });

  it('YunPian error faults use the 400 envelope', async () => {
    sandbox.faults.add({ provider: 'yunpian', kind: 'error', code: -51 });
    const busy = await yunpian();
    expect(busy.status).toBe(400);
    expect(busy.json).toEqual({
      http_status_code: 400,
      code: -51,
      msg: '系统繁忙',
      detail: '系统繁忙，请稍后重试',
    });
    sandbox.faults.add({ provider: 'yunpian', kind: 'error', code: 3 });
    expect((await yunpian()).json).toMatchObject({ code: 3, msg: '账户余额不足' });
    sandbox.faults.add({
      provider: 'yunpian',
      kind: 'error',
      code: 9999,
      message: 'custom trouble',
    });
    expect((await yunpian()).json).toMatchObject({
      code: 9999,
      msg: 'custom trouble',
      detail: 'custom trouble',
    });
    expect(sandbox.inbox.count()).toBe(0);
  });
});

describe('transport faults', () => {
  it('delay: waits, then delivers normally', async () => {
    sandbox.faults.add({ kind: 'delay', delayMs: 300 });
    const started = Date.now();
    const response = await yunpian();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(response.json.code).toBe(0);
    expect(sandbox.inbox.count()).toBe(1);
  });

  it('hang: never answers; the client gives up and nothing is stored', async () => {
    sandbox.faults.add({ kind: 'hang' });
    const outcome = await new Promise<string>((resolve) => {
      const request_ = request(`${sandbox.url}/v2/sms/single_send.json`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        timeout: 200,
      });
      request_.on('response', () => {
        resolve('answered');
      });
      request_.on('timeout', () => {
        request_.destroy();
        resolve('timed out');
      });
      request_.on('error', () => {
        // The timeout handler destroys the request; that error is the expected outcome.
      });
      request_.end(
        new URLSearchParams({
          apikey: yunpianKeys.intl,
          mobile: '13800138000',
          text: cnText('1234'),
        }).toString()
      );
    });
    expect(outcome).toBe('timed out');
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('drip: headers first, then one byte per interval', async () => {
    sandbox.faults.add({ kind: 'drip', intervalMs: 40 });
    const { res } = await openAliyunCall();
    expect(res.statusCode).toBe(200);
    const bytes = await new Promise<number>((resolve) => {
      let count = 0;
      res.on('data', (chunk: Buffer) => {
        count += chunk.length;
      });
      setTimeout(() => {
        res.destroy();
        resolve(count);
      }, 400);
    });
    // ~10 ticks expected; loose bounds keep a busy CI machine from flaking, yet a burst or a stall fails.
    expect(bytes).toBeGreaterThanOrEqual(2);
    expect(bytes).toBeLessThanOrEqual(11);
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('reset: the connection is destroyed without a response', async () => {
    sandbox.faults.add({ kind: 'reset' });
    const error = await aliyun().then(
      () => null,
      (error_: NodeJS.ErrnoException) => error_
    );
    expect(error?.code).toMatch(/ECONNRESET|EPIPE/);
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('html502, truncated, non-json, empty, unknown-shape', async () => {
    sandbox.faults.add({ kind: 'html502' });
    const gateway = await aliyun();
    expect(gateway.status).toBe(502);
    expect(gateway.headers['content-type']).toContain('text/html');
    expect(gateway.text).toContain('502 Bad Gateway');

    sandbox.faults.add({ kind: 'truncated' });
    const truncated = await yunpian();
    expect(truncated.status).toBe(200);
    expect(truncated.text.startsWith('{"code":0')).toBe(true);
    expect(() => JSON.parse(truncated.text)).toThrow();

    sandbox.faults.add({ kind: 'non-json' });
    const text = await aliyun();
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toContain('text/plain');
    expect(text.json).toBeUndefined();

    sandbox.faults.add({ kind: 'empty' });
    const empty = await yunpian();
    expect([empty.status, empty.text]).toEqual([200, '']);

    sandbox.faults.add({ kind: 'unknown-shape' });
    expect((await aliyun()).json).toEqual({ foo: 1 });
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('huge: a JSON body of exactly sizeBytes', async () => {
    sandbox.faults.add({ kind: 'huge', sizeBytes: 2 * 1024 * 1024 + 3 });
    const response = await yunpian();
    expect(Buffer.byteLength(response.text)).toBe(2 * 1024 * 1024 + 3);
    expect(response.json).toEqual({ padding: anyInstanceOf(String) });
  });
});

describe('fault matching', () => {
  it('sticky faults keep firing until cleared', async () => {
    sandbox.faults.add({ kind: 'empty', sticky: true });
    expect((await yunpian()).text).toBe('');
    expect((await aliyun()).text).toBe('');
    expect(sandbox.faults.list()).toHaveLength(1);
    sandbox.faults.clear();
    expect((await yunpian()).json.code).toBe(0);
  });

  it('per-number faults compare digits across prefixes', async () => {
    sandbox.faults.add({
      kind: 'error',
      code: 'isv.MOBILE_NUMBER_ILLEGAL',
      to: '+8613800138000',
      sticky: true,
    });
    sandbox.faults.add({ kind: 'error', code: 20, to: '0085261234567', provider: 'yunpian' });
    expect((await aliyun('13900139000')).json.Code).toBe('OK');
    expect((await aliyun('13800138000')).json.Code).toBe('isv.MOBILE_NUMBER_ILLEGAL');
    expect((await aliyun('008613800138000')).json.Code).toBe('isv.MOBILE_NUMBER_ILLEGAL');
    const intl = await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '+85261234567',
      text: '【Logto】Your verification code is 1234. It expires in 5 minutes.',
    });
    expect(intl.json).toMatchObject({ code: 20 });
  });

  it('provider-scoped faults leave the other provider alone', async () => {
    sandbox.faults.add({ kind: 'html502', provider: 'yunpian' });
    expect((await aliyun()).json.Code).toBe('OK');
    expect((await yunpian()).status).toBe(502);
  });

  it('the HTTP control API adds, lists, deletes and validates faults', async () => {
    const created = await http(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'error',
        provider: 'aliyun',
        code: 'isv.AMOUNT_NOT_ENOUGH',
        sticky: true,
      }),
    });
    expect(created.status).toBe(201);
    expect(created.json.fault.id).toBe(created.json.id);
    expect(created.json.fault).toMatchObject({
      kind: 'error',
      code: 'isv.AMOUNT_NOT_ENOUGH',
    });
    expect((await http(`${sandbox.url}/__sandbox/faults`)).json.faults).toHaveLength(1);
    expect((await aliyun()).json).toMatchObject({
      Code: 'isv.AMOUNT_NOT_ENOUGH',
      Message: '账户余额不足',
    });

    expect(
      (await http(`${sandbox.url}/__sandbox/faults/${created.json.id}`, { method: 'DELETE' }))
        .status
    ).toBe(200);
    expect(sandbox.faults.list()).toEqual([]);

    for (const bad of [
      '{"kind":"explode"}',
      '{"kind":"delay","delayMs":-1}',
      'not json',
      '{"kind":"error","provider":"twilio"}',
    ]) {
      const response = await http(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bad,
      });
      expect(response.status).toBe(400);
      expect(typeof response.json.error).toBe('string');
    }
    sandbox.faults.add({ kind: 'empty' });
    expect((await http(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' })).json).toEqual({
      ok: true,
    });
    expect(sandbox.faults.list()).toEqual([]);
  });

  it('programmatic add() validates too', () => {
    expect(() => sandbox.faults.add({ kind: 'boom' as FaultSpec['kind'] })).toThrow(/kind/);
  });

  it('does not touch control routes', async () => {
    sandbox.faults.add({ kind: 'reset', sticky: true });
    expect((await http(`${sandbox.url}/__sandbox/health`)).json).toEqual({ ok: true });
  });
});
