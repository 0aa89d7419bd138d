import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Inbox } from '../src/inbox/inbox.js';
import type { Sandbox } from '../src/index.js';
import { defaultSandboxConfig, startSandbox } from '../src/index.js';

import { http, sendV1, sendYunpian, sms, v1Params, yunpianKeys } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ config: { rateLimits: { enabled: false } } });
});
afterAll(async () => sandbox.close());
beforeEach(() => {
  sandbox.inbox.clear();
});

const cnText = (code: string) => `【Logto测试】您的验证码是${code}。如非本人操作，请忽略本短信`;
const sendAliyun = async (to: string, code = '123456') => sendV1(sandbox, v1Params(sms(to, code)));
const sendYp = async (mobile: string, code = '123456') =>
  sendYunpian(sandbox, { apikey: yunpianKeys.intl, mobile, text: cnText(code) });
const api = async (path: string, options: Parameters<typeof http>[1] = {}) =>
  http(`${sandbox.url}/__sandbox${path}`, options);

describe('GET /__sandbox/refusals', () => {
  it('lists refused requests newest first, filtered like messages, with no secret, and DELETE /messages forgets them', async () => {
    await sendV1(sandbox, v1Params(sms('13800138000', '1111')), { secret: 'WrongSecretValue0001' });
    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13900139000',
      text: '【Logto测试】没有这个模板 #code#',
    });
    await sendAliyun('13700137000', '3333');

    const all = await api('/refusals');
    expect(all.status).toBe(200);
    expect(all.json.refusals).toMatchObject([
      { provider: 'yunpian', to: ['13900139000'], httpStatus: 400, reason: 'code 5' },
      { provider: 'aliyun', to: ['13800138000'], httpStatus: 400, reason: 'SignatureDoesNotMatch' },
    ]);
    expect(JSON.stringify(all.json)).not.toMatch(/WrongSecretValue0001|1111|apikey/);
    expect((await api('/refusals?to=8613800138000&provider=aliyun')).json.refusals).toHaveLength(1);
    expect((await api('/refusals?provider=sms')).status).toBe(400);

    expect((await api('/messages', { method: 'DELETE' })).status).toBe(200);
    expect((await api('/refusals')).json.refusals).toEqual([]);
  });
});

describe('GET/DELETE /__sandbox/messages', () => {
  it('lists newest first and filters by recipient (any prefix) and provider', async () => {
    await sendAliyun('+8613800138000', '1111');
    await sendYp('13800138000', '2222');
    await sendYp('13900139000', '3333');

    const all = await api('/messages');
    expect(all.status).toBe(200);
    expect(all.json.messages).toMatchObject([{ code: '3333' }, { code: '2222' }, { code: '1111' }]);

    const byNumber = await api('/messages?to=13800138000');
    expect(byNumber.json.messages).toMatchObject([{ code: '2222' }, { code: '1111' }]);
    const byProvider = await api('/messages?to=%2B8613800138000&provider=aliyun');
    expect(byProvider.json.messages).toHaveLength(1);
    expect(byProvider.json.messages[0]).toMatchObject({
      provider: 'aliyun',
      to: '+8613800138000',
      code: '1111',
    });
    expect((await api('/messages?provider=sms')).status).toBe(400);

    expect(sandbox.inbox.list({ to: '8613800138000' })).toHaveLength(2);
    expect(sandbox.inbox.count()).toBe(3);
  });

  it('clears over HTTP', async () => {
    await sendAliyun('13800138000');
    expect((await api('/messages', { method: 'DELETE' })).json).toEqual({ ok: true });
    expect(sandbox.inbox.count()).toBe(0);
  });
});

describe('waiting for a message', () => {
  it('long-polls until the next matching message arrives', async () => {
    const waiting = api('/messages/wait?to=13700137000&timeout=5000');
    await delay(50);
    await sendYp('13900139000'); // Not the number we wait for
    await sendYp('13700137000', '4567');
    const response = await waiting;
    expect(response.status).toBe(200);
    expect(response.json.message).toMatchObject({ to: '13700137000', code: '4567' });
  });

  it('answers 408 when nothing arrives in time', async () => {
    const response = await api('/messages/wait?to=13700137001&timeout=100');
    expect(response.status).toBe(408);
    expect(response.json.error).toMatch(/100 ms/);
  });

  it('with since=, returns an already stored message (send first, wait after)', async () => {
    const before = Date.now();
    await sendAliyun('13700137002', '8080');
    const response = await api(`/messages/wait?to=13700137002&since=${before}&timeout=100`);
    expect(response.json.message.code).toBe('8080');
  });

  it('programmatic waitForMessage resolves and times out', async () => {
    const waiting = sandbox.inbox.waitForMessage({ to: '13700137003', provider: 'yunpian' }, 5000);
    await sendAliyun('13700137003'); // Wrong provider
    await sendYp('13700137003', '6543');
    expect((await waiting).code).toBe('6543');
    await expect(sandbox.inbox.waitForMessage({ to: '13700137004' }, 50)).rejects.toThrow(/50 ms/);
  });
});

describe('GET /__sandbox/events (SSE)', () => {
  it('streams message and clear events', async () => {
    const events: Array<{ event: string; data: unknown }> = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      request(`${sandbox.url}/__sandbox/events`, { agent: false }, resolve)
        .on('error', reject)
        .end();
    });
    expect(stream.headers['content-type']).toContain('text/event-stream');
    let buffer = '';
    const received = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data) });
          }
          if (events.length === 2) {
            resolve();
          }
        }
      });
    });
    await sendAliyun('13600136000', '2468');
    sandbox.inbox.clear();
    await received;
    stream.destroy();
    expect(events[0]).toMatchObject({
      event: 'message',
      data: { to: '13600136000', code: '2468', provider: 'aliyun' },
    });
    expect(events[1]).toEqual({ event: 'clear', data: {} });
  });
});

describe('other control routes', () => {
  it('health, config, redirects and the inbox page', async () => {
    expect((await api('/health')).json).toEqual({ ok: true });
    const shown = await api('/config');
    expect(shown.json.aliyun.templates).toEqual(sandbox.config.aliyun.templates);
    expect(shown.json.yunpian.accounts).toMatchObject(
      sandbox.config.yunpian.accounts.map((account) => ({
        apikey: `${account.apikey.slice(0, 4)}…${account.apikey.slice(-4)}`,
      }))
    );
    expect(sandbox.config.aliyun.accessKeys).toEqual(defaultSandboxConfig.aliyun.accessKeys);
    const redirect = await api('/');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('/inbox');
    const browser = await http(`${sandbox.url}/`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(browser.status).toBe(302);
    const page = await http(sandbox.inboxUrl);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<mark');
    expect(page.text).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/);
    expect((await api('/nope')).status).toBe(404);
    expect((await http(`${sandbox.url}/v2/sms/batch_send.json`, { method: 'POST' })).status).toBe(
      404
    );
  });

  it('an Aliyun call to / without parameters is an Aliyun error, not the redirect', async () => {
    const response = await http(`${sandbox.url}/`);
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Code>MissingAction</Code>');
  });

  it('answers 413 for bodies over 1 MiB', async () => {
    const response = await http(`${sandbox.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.alloc(1024 * 1024 + 1, 'a'),
    });
    expect(response.status).toBe(413);
  });

  it('serves many requests over one keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const health = async (url: string) =>
      new Promise<void>((resolve, reject) => {
        request(`${url}/__sandbox/health`, { agent }, (response) => {
          sockets.add(response.socket);
          response.resume().on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
    try {
      for (let index = 0; index < 5; index += 1) {
        await health(sandbox.url);
      }
    } finally {
      agent.destroy();
    }
    expect(sockets.size).toBe(1);
  });
});

describe('Inbox store', () => {
  it('keeps at most maxMessages, dropping the oldest', () => {
    const inbox = new Inbox(3, Date.now);
    for (let index = 0; index < 2000; index += 1) {
      inbox.add({
        provider: 'aliyun',
        to: '13800138000',
        text: `#${index}`,
        messageId: String(index),
        code: null,
        template: 'T',
        signName: 'S',
        requestId: String(index),
        credential: 'K',
      });
    }
    expect(inbox.count()).toBe(3);
    expect(inbox.list().map((message) => message.text)).toEqual(['#1999', '#1998', '#1997']);
  });

  it('is capped through config as well', async () => {
    const small = await startSandbox({
      config: { inbox: { maxMessages: 2 }, rateLimits: { enabled: false } },
    });
    try {
      for (const code of ['1111', '2222', '3333']) {
        await sendYunpian(small, {
          apikey: yunpianKeys.intl,
          mobile: '13800138000',
          text: cnText(code),
        });
      }
      expect(small.inbox.list().map((message) => message.code)).toEqual(['3333', '2222']);
    } finally {
      await small.close();
    }
  });
});

describe('request log', () => {
  it('logs one line per provider call without apikeys, secrets or signatures', async () => {
    const lines: string[] = [];
    const logged = await startSandbox({
      log: (line) => lines.push(line),
      config: { rateLimits: { enabled: false } },
    });
    try {
      const params = v1Params(sms('13800138000'));
      await sendV1(logged, params, { layout: 'get' });
      await sendYunpian(logged, {
        apikey: yunpianKeys.intl,
        mobile: '13900139000',
        text: cnText('1234'),
      });
      await sendYunpian(logged, {
        apikey: yunpianKeys.intl,
        mobile: '13900139000',
        text: 'no template',
      });
      await http(`${logged.url}/__sandbox/health`);
    } finally {
      await logged.close();
    }
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/ aliyun GET \/ 200 OK 13800138000 \d+ms$/);
    expect(lines[1]).toMatch(
      / yunpian POST \/v2\/sms\/single_send\.json 200 OK 13900139000 \d+ms$/
    );
    expect(lines[2]).toMatch(/ 400 code 5 /);
    const all = lines.join('\n');
    expect(all).not.toContain(yunpianKeys.intl);
    expect(all).not.toContain('SandboxAccessKeySecret');
    expect(all).not.toContain('Signature');
    expect(all).not.toContain('?');
  });

  it("escapes control characters from outside data, such as an error fault's code", async () => {
    const lines: string[] = [];
    const logged = await startSandbox({
      log: (line) => lines.push(line),
      config: { rateLimits: { enabled: false } },
    });
    try {
      // An OSC window-title sequence, a carriage return that would overwrite the line, and a C1 CSI.
      logged.faults.add({
        kind: 'error',
        provider: 'yunpian',
        code: '\u001B]0;pwned\u0007\r✓ sent\u009B2J',
      });
      await sendYunpian(logged, {
        apikey: yunpianKeys.intl,
        mobile: '13900139000',
        text: cnText('1234'),
      });
    } finally {
      await logged.close();
    }
    expect(lines).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- the assertion is that no control character reaches the log.
    expect(lines[0]).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
    expect(lines[0]).toContain('fault error \\u001B]0;pwned\\u0007\\u000D✓ sent\\u009B2J');
  });
});
