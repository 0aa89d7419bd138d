import { once } from 'node:events';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Sandbox, SandboxConfig } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import { http, sandboxKey, sandboxSts, sendYunpian, yunpianKeys } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ config: { rateLimits: { enabled: false } } });
});
afterAll(async () => sandbox.close());

const own = () => new URL(sandbox.url).host;
const api = async (path: string, options: Parameters<typeof http>[1] = {}) =>
  http(`${sandbox.url}/__sandbox${path}`, options);
const jsonBody = { 'content-type': 'application/json' };

describe('the Host header (DNS rebinding)', () => {
  it('refuses a foreign Host on the control API, the inbox page and the provider endpoints', async () => {
    const foreign = { host: `attacker.example:${sandbox.port}` };
    for (const [path, method] of [
      ['/__sandbox/config', 'GET'],
      ['/__sandbox/messages', 'GET'],
      ['/__sandbox/messages', 'DELETE'],
      ['/inbox', 'GET'],
      ['/v2/sms/single_send.json', 'POST'],
    ] as const) {
      const response = await http(`${sandbox.url}${path}`, { method, headers: foreign });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.json.error).toContain('attacker.example');
    }
  });

  it('refuses a request with no Host header', async () => {
    const socket = connect(sandbox.port, '127.0.0.1');
    socket.end('GET /__sandbox/health HTTP/1.0\r\n\r\n');
    const [answer] = (await once(socket.setEncoding('utf8'), 'data')) as [string];
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
  });

  it("answers the emulated providers' own host names (a client redirected through /etc/hosts)", async () => {
    for (const host of ['dysmsapi.aliyuncs.com', 'sms.yunpian.com']) {
      expect((await api('/health', { headers: { host } })).status, host).toBe(200);
    }
    expect(
      (await api('/health', { headers: { host: 'dysmsapi.aliyuncs.com.attacker.example' } })).status
    ).toBe(403);
  });

  it('answers every documented Tencent SMS host, regional and international ones too, and no other tencentcloudapi.com name', async () => {
    for (const host of [
      'sms.tencentcloudapi.com',
      'sms.intl.tencentcloudapi.com',
      'sms.ap-singapore.tencentcloudapi.com',
      'sms.eu-frankfurt.tencentcloudapi.com',
    ]) {
      expect((await api('/health', { headers: { host } })).status, host).toBe(200);
    }
    for (const host of [
      'cvm.tencentcloudapi.com',
      'sms.ap-nowhere.tencentcloudapi.com',
      'sms.tencentcloudapi.com.attacker.example',
    ]) {
      expect((await api('/health', { headers: { host } })).status, host).toBe(403);
    }
  });

  it('answers loopback names and the bound address, with or without a port', async () => {
    for (const host of [
      own(),
      'localhost',
      `localhost:${sandbox.port}`,
      `LOCALHOST.:${sandbox.port}`,
      '127.0.0.1',
      `[::1]:${sandbox.port}`,
    ]) {
      expect((await api('/health', { headers: { host } })).status, host).toBe(200);
    }
  });

  it('answers the extra host names the operator names', async () => {
    const docker = await startSandbox({ allowedHosts: ['host.docker.internal'] });
    try {
      const ok = await http(`${docker.url}/__sandbox/health`, {
        headers: { host: `host.docker.internal:${docker.port}` },
      });
      expect(ok.status).toBe(200);
      const other = await http(`${docker.url}/__sandbox/health`, {
        headers: { host: 'evil.docker.internal' },
      });
      expect(other.status).toBe(403);
    } finally {
      await docker.close();
    }
  });
});

describe('the Origin header (cross-site requests)', () => {
  it('refuses a cross-origin control write, read and provider call', async () => {
    const origin = { origin: 'https://attacker.example' };
    const arm = await api('/faults', {
      method: 'POST',
      headers: { ...origin, ...jsonBody },
      body: '{"kind":"hang"}',
    });
    expect(arm.status).toBe(403);
    expect(sandbox.faults.list()).toEqual([]);
    expect((await api('/messages', { headers: origin })).status).toBe(403);
    const send = await http(`${sandbox.url}/v2/sms/single_send.json`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        apikey: yunpianKeys.intl,
        mobile: '13800138000',
        text: '【Logto测试】您的验证码是1234',
      }).toString(),
    });
    expect(send.status).toBe(403);
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('refuses an opaque origin and another port on the same machine', async () => {
    expect((await api('/messages', { headers: { origin: 'null' } })).status).toBe(403);
    expect(
      (await api('/messages', { headers: { origin: `http://127.0.0.1:${sandbox.port + 1}` } }))
        .status
    ).toBe(403);
  });

  it("accepts the sandbox's own origin (the inbox page's requests)", async () => {
    const response = await api('/messages', {
      method: 'DELETE',
      headers: { origin: `http://${own()}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('control writes', () => {
  it('refuses a text/plain fault POST (what a cross-site form or sendBeacon can send)', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await api('/faults', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: '{"kind":"hang"}',
      });
      expect(response.status, contentType).toBe(415);
    }
    const missing = await api('/faults', { method: 'POST', body: '{"kind":"hang"}' });
    expect(missing.status).toBe(415);
    expect(sandbox.faults.list()).toEqual([]);
  });

  it('accepts application/json with parameters', async () => {
    const response = await api('/faults', {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: '{"kind":"hang","provider":"aliyun"}',
    });
    expect(response.status).toBe(201);
    sandbox.faults.clear();
  });

  it('answers 400, not 500, to a malformed percent-encoding in a control URL', async () => {
    const response = await api('/faults/%E0%A4%A', { method: 'DELETE' });
    expect(response.status).toBe(400);
    expect(response.json.error).toContain('percent-encoding');
  });
});

describe('secrets in answers', () => {
  it('GET /__sandbox/config masks every secret like the inbox does', async () => {
    const response = await api('/config');
    expect(response.status).toBe(200);
    for (const secret of [
      sandboxKey.accessKeySecret,
      sandboxSts.accessKeySecret,
      sandboxSts.securityToken,
      yunpianKeys.intl,
    ]) {
      expect(response.text).not.toContain(secret);
    }
    expect(response.json.yunpian.accounts[0].apikey).toBe(
      `${yunpianKeys.intl.slice(0, 4)}…${yunpianKeys.intl.slice(-4)}`
    );
    // The masked config keeps SandboxConfig's shape.
    const shown = response.json as SandboxConfig;
    const key = shown.aliyun.accessKeys.find(
      (entry) => entry.accessKeyId === sandboxKey.accessKeyId
    );
    expect(key?.accessKeySecret).toBe(
      `${sandboxKey.accessKeySecret.slice(0, 4)}…${sandboxKey.accessKeySecret.slice(-4)}`
    );
    const sts = shown.aliyun.stsCredentials.find(
      (entry) => entry.accessKeyId === sandboxSts.accessKeyId
    );
    expect(sts?.securityToken).toBe(
      `${sandboxSts.securityToken.slice(0, 4)}…${sandboxSts.securityToken.slice(-4)}`
    );
    // Everything else is shown as configured.
    expect(response.json.aliyun.signatures).toEqual(sandbox.config.aliyun.signatures);
  });

  it('never lists a full apikey in the inbox', async () => {
    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138000',
      text: '【Logto测试】您的验证码是4321。如非本人操作，请忽略本短信',
    });
    const response = await api('/messages');
    expect(response.text).not.toContain(yunpianKeys.intl);
  });
});

describe('binding a non-loopback address', () => {
  it('warns loudly, naming the address and the exposure', async () => {
    const warn = vi.fn();
    const exposed = await startSandbox({ host: '0.0.0.0', warn });
    try {
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/WARNING.*0\.0\.0\.0.*other machines/s);
      // Bound to every address: the address itself and each of this machine's addresses are Hosts
      // no DNS name can fake; names still are not.
      const loopbackUrl = `http://127.0.0.1:${exposed.port}/__sandbox/health`;
      expect(
        (await http(loopbackUrl, { headers: { host: `0.0.0.0:${exposed.port}` } })).status
      ).toBe(200);
      const [ownAddress] = Object.values(networkInterfaces()).flatMap((entries) =>
        (entries ?? []).filter((entry) => entry.family === 'IPv4').map((entry) => entry.address)
      );
      expect(
        (await http(loopbackUrl, { headers: { host: `${ownAddress}:${exposed.port}` } })).status
      ).toBe(200);
      expect(
        (await http(loopbackUrl, { headers: { host: `attacker.example:${exposed.port}` } })).status
      ).toBe(403);
    } finally {
      await exposed.close();
    }
  });

  it('stays quiet on loopback', async () => {
    const warn = vi.fn();
    const local = await startSandbox({ host: '127.0.0.1', warn });
    await local.close();
    expect(warn).not.toHaveBeenCalled();
  });
});
