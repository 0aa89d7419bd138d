import { afterEach, describe, expect, it } from 'vitest';

import {
  aliyunSmsVectors,
  aliyunVectorFiles,
  type V1Vector,
  type V3Vector,
} from '../../../tests/fixtures/vectors/aliyun-vectors.js';
import { canonicalQuery, percentEncode } from '../src/aliyun/percent-encode.js';
import { v1Signature, v1StringToSign } from '../src/aliyun/verify-v1.js';
import { v3CanonicalRequest, v3Signature, v3StringToSign } from '../src/aliyun/verify-v3.js';
import { startSandbox } from '../src/index.js';
import type { Sandbox, SandboxConfigInput } from '../src/index.js';

import { http } from './helpers.js';

// Both fact sheets' vectors (tests/fixtures/vectors/aliyun-*.json), computed by Alibaba's SDK
// functions. The connectors' signer reads the same data; the code checking it here is the
// sandbox's own. The running sandbox replays each SendSms request with its clock pinned to the
// vector's time and must accept it byte for byte.

const byName = <Vector extends { name: string }>(
  vectors: readonly Vector[],
  prefix: string
): Vector => {
  const found = vectors.find((vector) => vector.name.startsWith(prefix));
  if (!found) {
    throw new Error(`no vector named ${prefix}…`);
  }
  return found;
};
const smsV1 = (prefix: string): V1Vector => byName(aliyunSmsVectors.v1, prefix);
const smsV3 = (prefix: string): V3Vector => byName(aliyunSmsVectors.v3, prefix);

const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const vectorTime = Date.parse(aliyunSmsVectors.common.time);
const vectorBParams = smsV1('B: ').params;

const vectorConfig = (credential: 'key' | 'sts'): SandboxConfigInput => ({
  aliyun: {
    accessKeys:
      credential === 'key' ? [{ accessKeyId: 'testid', accessKeySecret: 'testsecret' }] : [],
    stsCredentials:
      credential === 'sts'
        ? [
            {
              accessKeyId: 'testid',
              accessKeySecret: 'testsecret',
              securityToken: 'test-sts-token',
            },
          ]
        : [],
    signatures: ['阿里云短信测试', '阿里云短信测试专用'],
    templates: [
      // Notification templates, so the vectors' extra variables (product, customer) are allowed.
      {
        code: 'SMS_154950909',
        type: 'notification',
        region: 'mainland',
        // eslint-disable-next-line no-template-curly-in-string -- an Aliyun template text: ${code} is literal.
        content: '您的验证码为${code}',
      },
      {
        code: 'SMS_71390007',
        type: 'notification',
        region: 'mainland',
        // eslint-disable-next-line no-template-curly-in-string -- an Aliyun template text: ${customer} is literal.
        content: '尊敬的${customer}，欢迎使用',
      },
    ],
  },
});

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const canonical = (params: Record<string, string>) =>
  canonicalQuery(new Map(Object.entries(params)));

let sandbox: Sandbox | undefined;
const start = async (credential: 'key' | 'sts', time = vectorTime) => {
  sandbox = await startSandbox({ config: vectorConfig(credential), now: () => time });
  return sandbox;
};
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('pure verifier functions reproduce every published vector', () => {
  for (const [product, file] of Object.entries(aliyunVectorFiles)) {
    it.each(file.v1.map((vector) => [product, vector.name, vector] as const))(
      '%s V1 %s',
      (_product, _name, vector) => {
        const params = new Map(Object.entries(vector.params));
        if (vector.canonicalQuery !== undefined) {
          expect(canonicalQuery(params)).toBe(vector.canonicalQuery);
        }
        const stringToSign = v1StringToSign(vector.method, params);
        if (vector.stringToSign !== undefined) {
          expect(stringToSign).toBe(vector.stringToSign);
        }
        expect(v1Signature(vector.accessKeySecret, stringToSign)).toBe(vector.signature);
      }
    );

    it.each(file.v3.map((vector) => [product, vector.name, vector] as const))(
      '%s V3 %s',
      (_product, _name, vector) => {
        const headers = Object.fromEntries(
          Object.entries(vector.headers).map(([name, value]) => [name, [value]])
        );
        const canonicalRequest = v3CanonicalRequest({
          method: vector.method,
          path: vector.path,
          query: new Map(Object.entries(vector.query)),
          headers,
          signedHeaders: vector.signedHeaders.split(';'),
          payloadHash: emptyHash,
        });
        if (vector.canonicalRequest !== undefined) {
          expect(canonicalRequest).toBe(vector.canonicalRequest);
        }
        const stringToSign = v3StringToSign(canonicalRequest);
        if (vector.stringToSign !== undefined) {
          expect(stringToSign).toBe(vector.stringToSign);
        }
        expect(v3Signature(vector.accessKeySecret, stringToSign)).toBe(vector.signature);
      }
    );
  }

  it('percent-encodes the awkward characters of Vector C', () => {
    expect(percentEncode("a b*c~d!e'f(g)h+i/j")).toBe('a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj');
  });
});

// The signature as the wire carries it: percent-encoded, so `+`, `/` and `=` survive.
const wire = (vector: V1Vector) => encodeURIComponent(vector.signature);

// Every signed header of a V3 vector, unsigned ones the SDK adds, and its Authorization.
const v3Headers = (vector: V3Vector) => ({
  ...vector.headers,
  accept: 'application/json',
  'user-agent': 'vector-replay',
  authorization: `ACS3-HMAC-SHA256 Credential=${vector.accessKeyId},SignedHeaders=${vector.signedHeaders},Signature=${vector.signature}`,
});
const v3Url = (vector: V3Vector) => `${sandbox!.url}/?${canonical(vector.query)}`;

describe('the running sandbox accepts the vectors as real requests', () => {
  it('Vector A (official doc example, GET, Format=XML) is accepted and answered in XML', async () => {
    const vector = smsV1('A: ');
    sandbox = await startSandbox({
      config: {
        ...vectorConfig('key'),
        aliyun: {
          ...vectorConfig('key').aliyun,
          accessKeys: [{ accessKeyId: 'testId', accessKeySecret: vector.accessKeySecret }],
        },
      },
      now: () => Date.parse('2017-07-12T02:45:00Z'),
    });
    const response = await http(
      `${sandbox.url}/?${canonical(vector.params)}&Signature=${wire(vector)}`
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('xml');
    expect(response.text).toMatch(
      /<SendSmsResponse><RequestId>[0-9A-F-]+<\/RequestId><Code>OK<\/Code>/
    );
    expect(sandbox.inbox.list()[0]?.text).toBe('【阿里云短信测试专用】尊敬的test，欢迎使用');
  });

  it('Vector B as pop-core sends it (POST form body) is accepted', async () => {
    await start('key');
    const response = await http(`${sandbox!.url}/`, {
      method: 'POST',
      headers: form,
      body: `${canonical(vectorBParams)}&Signature=${wire(smsV1('B: '))}`,
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
    expect(sandbox!.inbox.list()[0]).toMatchObject({
      to: '13800138000',
      code: '123456',
      signatureAlgorithm: 'HMAC-SHA1',
    });
  });

  it('Vector B as GET is accepted with the GET signature', async () => {
    await start('key');
    const response = await http(
      `${sandbox!.url}/?${canonical(vectorBParams)}&Signature=${wire(smsV1('B signed as GET'))}`
    );
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it('Vector B with the GET signature sent as POST shows the POST string-to-sign from the fact sheet', async () => {
    await start('key');
    const response = await http(`${sandbox!.url}/`, {
      method: 'POST',
      headers: form,
      body: `${canonical(vectorBParams)}&Signature=${wire(smsV1('B signed as GET'))}`,
    });
    expect(response.status).toBe(400);
    expect(response.json.Message).toBe(
      `Specified signature is not matched with our calculation. server string to sign is:${smsV1('B: ').stringToSign}`
    );
  });

  it('Vector C (two numbers, odd OutId) is accepted and stores one message per number', async () => {
    await start('key');
    const vector = smsV1('C: ');
    const response = await http(`${sandbox!.url}/`, {
      method: 'POST',
      headers: form,
      body: `${canonical(vector.params)}&Signature=${wire(vector)}`,
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
    expect(
      sandbox!.inbox
        .list()
        .map((message) => message.to)
        .sort()
    ).toEqual(['+8613800138000', '8613900139000']);
  });

  it('Vector D (V3, Host dysmsapi.aliyuncs.com) is accepted', async () => {
    await start('key');
    const vector = smsV3('D: ');
    const response = await http(v3Url(vector), { method: 'POST', headers: v3Headers(vector) });
    expect(response.json).toMatchObject({ Code: 'OK' });
    expect(sandbox!.inbox.list()[0]?.signatureAlgorithm).toBe('ACS3-HMAC-SHA256');
  });

  it('Vector D is rejected once the sandbox clock is 16 minutes later', async () => {
    await start('key', vectorTime + 16 * 60_000);
    const vector = smsV3('D: ');
    const response = await http(v3Url(vector), { method: 'POST', headers: v3Headers(vector) });
    expect(response.status).toBe(400);
    expect(response.json.Code).toBe('InvalidTimeStamp.Expired');
  });

  it('Vector E (V3 with STS token) is accepted', async () => {
    await start('sts');
    const vector = smsV3('E: ');
    const response = await http(v3Url(vector), { method: 'POST', headers: v3Headers(vector) });
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it('Vector F (exact SDK V3 output with x-acs-credentials-provider) is accepted', async () => {
    await start('key');
    const vector = smsV3('F: ');
    const response = await http(v3Url(vector), { method: 'POST', headers: v3Headers(vector) });
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it("Vector F (exact SDK 'v2' output: POST, everything in the query, Format=json) is accepted", async () => {
    await start('key');
    const vector = smsV1('F: ');
    // The SDK's insertion order, not sorted: the server re-canonicalises.
    const response = await http(
      `${sandbox!.url}/?${new URLSearchParams(vector.params).toString()}&Signature=${wire(vector)}`,
      {
        method: 'POST',
      }
    );
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it('Vector G (V1 POST with SecurityToken) is accepted', async () => {
    await start('sts');
    const vector = smsV1('G: ');
    const response = await http(`${sandbox!.url}/`, {
      method: 'POST',
      headers: form,
      body: `${canonical(vector.params)}&Signature=${wire(vector)}`,
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
  });
});
