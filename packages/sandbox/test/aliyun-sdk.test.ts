import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Sandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import {
  DysmsapiClient,
  dysmsapi,
  openApiCore,
  sandboxKey,
  sandboxSts,
  sendV1,
  sms,
  v1Params,
} from './helpers.js';

// The verifier was written from the spec alone; these tests hold it against what Alibaba's own
// SDK (`@alicloud/dysmsapi20170525` 4.6.0 over `@alicloud/openapi-core`) actually puts on the wire.

type Credentials = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

const sdkClient = (endpoint: string, credentials: Credentials, signatureAlgorithm?: 'v2') =>
  new DysmsapiClient(
    new openApiCore.$OpenApiUtil.Config({
      ...credentials,
      // The Tea transport builds `${protocol}://${endpoint}`, so host:port with protocol 'http' works.
      endpoint,
      protocol: 'http',
      ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    })
  );

const sdkSend = async (
  endpoint: string,
  credentials: Credentials,
  phone: string,
  signatureAlgorithm?: 'v2'
) =>
  sdkClient(endpoint, credentials, signatureAlgorithm).sendSms(
    new dysmsapi.SendSmsRequest({
      phoneNumbers: phone,
      signName: 'Logto测试',
      templateCode: 'SMS_900001',
      templateParam: JSON.stringify({ code: '482910' }),
    })
  );

const sdkError = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as {
      code: string;
      statusCode: number;
      message: string;
      data?: Record<string, unknown>;
    };
  }
  throw new Error('expected the SDK call to fail');
};

/** Forwards to the sandbox after rewriting the URL: a man in the middle changing a signed param. */
const startTamperingProxy = async (target: string, rewrite: (url: string) => string) => {
  const proxy = createServer((incoming, outgoing) => {
    const forwarded = request(
      `${target}${rewrite(incoming.url ?? '/')}`,
      { method: incoming.method, headers: incoming.headers, agent: false },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      }
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => {
    proxy.listen(0, '127.0.0.1', resolve);
  });
  return {
    endpoint: `127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: async () =>
      new Promise<void>((resolve) => {
        proxy.close(() => {
          resolve();
        });
      }),
  };
};

describe('Alibaba SDK against the sandbox', () => {
  let sandbox: Sandbox;
  let endpoint: string;
  let phoneSeed = 0;
  // A fresh number per send keeps the 1/min flow control out of the way.
  const nextPhone = () => `1390000${String(phoneSeed++).padStart(4, '0')}`;

  beforeAll(async () => {
    sandbox = await startSandbox();
    endpoint = new URL(sandbox.url).host;
  });
  afterAll(async () => sandbox.close());
  beforeEach(() => {
    sandbox.inbox.clear();
  });

  describe.each([
    ['default V3 (ACS3-HMAC-SHA256)', undefined, 'ACS3-HMAC-SHA256'],
    ["signatureAlgorithm 'v2' (HMAC-SHA1)", 'v2', 'HMAC-SHA1'],
  ] as const)('%s', (_label, algorithm, expected) => {
    it('accepts a send signed with a long-term AccessKey and stores it', async () => {
      const phone = nextPhone();
      const response = await sdkSend(endpoint, sandboxKey, phone, algorithm);
      expect(response.statusCode).toBe(200);
      expect(response.body.code).toBe('OK');
      expect(response.body.bizId).toMatch(/^\d+\^\d+$/);
      expect(response.body.requestId).toMatch(/^[0-9A-F-]{36}$/);
      const [message] = sandbox.inbox.list({ to: phone });
      expect(message).toMatchObject({
        provider: 'aliyun',
        to: phone,
        text: '【Logto测试】您的验证码为482910，5分钟内有效，请勿泄露。',
        code: '482910',
        template: 'SMS_900001',
        signName: 'Logto测试',
        credential: sandboxKey.accessKeyId,
        requestId: response.body.requestId,
        signatureAlgorithm: expected,
      });
    });

    it('accepts a send signed with STS credentials', async () => {
      const phone = nextPhone();
      const response = await sdkSend(endpoint, sandboxSts, phone, algorithm);
      expect(response.body.code).toBe('OK');
      expect(sandbox.inbox.list({ to: phone })[0]?.credential).toBe(sandboxSts.accessKeyId);
    });

    it('rejects a secret that is off by one character with SignatureDoesNotMatch', async () => {
      const wrongSecret = `${sandboxKey.accessKeySecret.slice(0, -1)}2`;
      const error = await sdkError(
        sdkSend(endpoint, { ...sandboxKey, accessKeySecret: wrongSecret }, nextPhone(), algorithm)
      );
      expect(error.code).toBe('SignatureDoesNotMatch');
      expect(error.statusCode).toBe(400);
      expect(error.message).toContain('server string to sign is:');
      expect(sandbox.inbox.count()).toBe(0);
    });

    it('rejects an STS call whose token was swapped', async () => {
      const error = await sdkError(
        sdkSend(
          endpoint,
          { ...sandboxSts, securityToken: 'SomeoneElsesToken' },
          nextPhone(),
          algorithm
        )
      );
      expect(error.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
      expect(sandbox.inbox.count()).toBe(0);
    });

    it('rejects a parameter tampered with after signing', async () => {
      const original = nextPhone();
      const attacker = nextPhone();
      const proxy = await startTamperingProxy(sandbox.url, (url) =>
        url.replace(original, attacker)
      );
      try {
        const error = await sdkError(sdkSend(proxy.endpoint, sandboxKey, original, algorithm));
        expect(error.code).toBe('SignatureDoesNotMatch');
        expect(sandbox.inbox.count()).toBe(0);
      } finally {
        await proxy.close();
      }
    });
  });

  it('answers unknown AccessKeyIds with 404 InvalidAccessKeyId.NotFound through the SDK', async () => {
    const error = await sdkError(
      sdkSend(endpoint, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' }, nextPhone())
    );
    expect(error.code).toBe('InvalidAccessKeyId.NotFound');
    expect(error.statusCode).toBe(404);
  });

  it('hands business errors back as a normal 200 response body, like the real service', async () => {
    const response = await sdkClient(endpoint, sandboxKey).sendSms(
      new dysmsapi.SendSmsRequest({
        phoneNumbers: nextPhone(),
        signName: 'NotApproved',
        templateCode: 'SMS_900001',
        templateParam: '{"code":"1234"}',
      })
    );
    expect(response.statusCode).toBe(200);
    expect(response.body.code).toBe('isv.SMS_SIGNATURE_ILLEGAL');
  });
});

describe('V1 requests signed by hand with OpenApiUtil.getRPCSignature', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ config: { rateLimits: { enabled: false } } });
  });
  afterAll(async () => sandbox.close());

  it.each(
    (['get', 'post-body', 'post-query', 'post-split'] as const).map((layout, index) => ({
      layout,
      index,
    }))
  )('accepts the $layout layout', async ({ layout, index }) => {
    const phone = `1370000000${index}`;
    const response = await sendV1(sandbox, v1Params(sms(phone, '7788')), { layout });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ Code: 'OK', Message: 'OK' });
    expect(sandbox.inbox.list({ to: phone })[0]).toMatchObject({
      code: '7788',
      signatureAlgorithm: 'HMAC-SHA1',
    });
  });

  it('signs with the real HTTP method: a GET signature sent as POST is rejected', async () => {
    const params = v1Params(sms('13700009999'));
    const getSignature = openApiCore.OpenApiUtil.getRPCSignature(
      params,
      'GET',
      sandboxKey.accessKeySecret
    );
    const response = await sendV1(sandbox, params, {
      tamper: (signed) => ({ ...signed, Signature: getSignature }),
    });
    expect(response.status).toBe(400);
    expect(response.json.Code).toBe('SignatureDoesNotMatch');
    expect(response.json.Message).toMatch(/server string to sign is:POST&%2F&AccessKeyId%3D/);
  });

  it("percent-encodes the characters encodeURIComponent leaves alone (! ' ( ) *) and keeps ~", async () => {
    const params = v1Params(sms('13700008888', '5566', { OutId: "a b*c~d!e'f(g)h+i/j" }));
    const response = await sendV1(sandbox, params);
    expect(response.json.Code).toBe('OK');
  });

  it('rejects a hand-signed request whose TemplateParam was changed after signing', async () => {
    const response = await sendV1(sandbox, v1Params(sms('13700007777', '1111')), {
      tamper: (signed) => ({ ...signed, TemplateParam: '{"code":"2222"}' }),
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      Code: 'SignatureDoesNotMatch',
      HostId: 'dysmsapi.aliyuncs.com',
    });
    expect(response.json.Recommend).toContain(
      'q=SignatureDoesNotMatch&product=Dysmsapi&requestId='
    );
    expect(response.json.Recommend).toContain(response.json.RequestId);
  });
});
