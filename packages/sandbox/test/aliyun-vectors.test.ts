import { afterEach, describe, expect, it } from 'vitest';

import { canonicalQuery, percentEncode } from '../src/aliyun/percent-encode.js';
import { v1Signature, v1StringToSign } from '../src/aliyun/verify-v1.js';
import { v3CanonicalRequest, v3Signature, v3StringToSign } from '../src/aliyun/verify-v3.js';
import { startSandbox } from '../src/index.js';
import type { Sandbox, SandboxConfigInput } from '../src/index.js';

import { http } from './helpers.js';

// Fact sheet §9: signatures computed by Alibaba's SDK functions. The sandbox replays each request
// with its clock pinned to the vector's time and must accept it byte for byte.

const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const nonce = '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf';
const vectorTime = Date.parse('2024-01-01T00:00:00Z');

const vectorBParams = {
  AccessKeyId: 'testid',
  Action: 'SendSms',
  Format: 'JSON',
  PhoneNumbers: '13800138000',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: nonce,
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_154950909',
  TemplateParam: '{"code":"123456"}',
  Timestamp: '2024-01-01T00:00:00Z',
  Version: '2017-05-25',
};

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
        content: '您的验证码为${code}',
      },
      {
        code: 'SMS_71390007',
        type: 'notification',
        region: 'mainland',
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

describe('pure verifier functions reproduce the published vectors', () => {
  it('Vector B: canonical query, string-to-sign and both signatures', () => {
    const params = new Map(Object.entries(vectorBParams));
    expect(canonicalQuery(params)).toBe(
      'AccessKeyId=testid&Action=SendSms&Format=JSON&PhoneNumbers=13800138000&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%22123456%22%7D&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25'
    );
    const stringToSign = v1StringToSign('POST', params);
    expect(stringToSign).toContain('SignName%3D%25E9%2598%25BF');
    expect(stringToSign.startsWith('POST&%2F&AccessKeyId%3Dtestid%26Action%3DSendSms')).toBe(true);
    expect(v1Signature('testsecret', stringToSign)).toBe('tX/6Wu4osoADBUzPNSDb3pfx+1M=');
    expect(v1Signature('testsecret', v1StringToSign('GET', params))).toBe(
      '3TIxCfd9rHhjrv4HynQhy6UH/5U='
    );
  });

  it('Vector C: encoding edge cases', () => {
    expect(percentEncode("a b*c~d!e'f(g)h+i/j")).toBe('a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj');
    const params = new Map(
      Object.entries({
        ...vectorBParams,
        PhoneNumbers: '+8613800138000,8613900139000',
        OutId: "a b*c~d!e'f(g)h+i/j",
        TemplateParam: '{"code":"123456","product":"测试 App"}',
      })
    );
    expect(v1Signature('testsecret', v1StringToSign('POST', params))).toBe(
      'q51Ac5eplTuACdgx1vjbC945Z8k='
    );
  });

  it('Vector D: V3 canonical request and signature', () => {
    const headers = {
      host: ['dysmsapi.aliyuncs.com'],
      'x-acs-action': ['SendSms'],
      'x-acs-version': ['2017-05-25'],
      'x-acs-date': ['2024-01-01T00:00:00Z'],
      'x-acs-signature-nonce': [nonce],
      'x-acs-content-sha256': [emptyHash],
    };
    const canonicalRequest = v3CanonicalRequest({
      method: 'POST',
      path: '/',
      query: new Map(
        Object.entries({
          PhoneNumbers: '13800138000',
          SignName: '阿里云短信测试',
          TemplateCode: 'SMS_154950909',
          TemplateParam: '{"code":"123456"}',
        })
      ),
      headers,
      signedHeaders: Object.keys(headers),
      payloadHash: emptyHash,
    });
    expect(canonicalRequest).toContain('\nx-acs-version:2017-05-25\n\nhost;x-acs-action;');
    const stringToSign = v3StringToSign(canonicalRequest);
    expect(stringToSign).toBe(
      'ACS3-HMAC-SHA256\n3de9b608553d2482d4b0f8b166aa9939c9900473c57999fa203d6d0330121f7a'
    );
    expect(v3Signature('testsecret', stringToSign)).toBe(
      '6dd80cf851afd577f5ae46300ad39315bd7c068fc7d831ae5611acef453b414b'
    );
  });
});

describe('the running sandbox accepts the vectors as real requests', () => {
  it('Vector A (official doc example, GET, Format=XML) is accepted and answered in XML', async () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    sandbox = await startSandbox({
      config: {
        ...vectorConfig('key'),
        aliyun: {
          ...vectorConfig('key').aliyun,
          accessKeys: [{ accessKeyId: 'testId', accessKeySecret: 'testSecret' }],
        },
      },
      now: () => Date.parse('2017-07-12T02:45:00Z'),
    });
    const response = await http(
      `${sandbox.url}/?${canonical(params)}&Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D`
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
      body: `${canonical(vectorBParams)}&Signature=tX%2F6Wu4osoADBUzPNSDb3pfx%2B1M%3D`,
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
      `${sandbox!.url}/?${canonical(vectorBParams)}&Signature=3TIxCfd9rHhjrv4HynQhy6UH%2F5U%3D`
    );
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it('Vector B with the GET signature sent as POST shows the POST string-to-sign from the fact sheet', async () => {
    await start('key');
    const response = await http(`${sandbox!.url}/`, {
      method: 'POST',
      headers: form,
      body: `${canonical(vectorBParams)}&Signature=3TIxCfd9rHhjrv4HynQhy6UH%2F5U%3D`,
    });
    expect(response.status).toBe(400);
    expect(response.json.Message).toBe(
      'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dtestid%26Action%3DSendSms%26Format%3DJSON%26PhoneNumbers%3D13800138000%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_154950909%26TemplateParam%3D%257B%2522code%2522%253A%2522123456%2522%257D%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2017-05-25'
    );
  });

  it('Vector C (two numbers, odd OutId) is accepted and stores one message per number', async () => {
    await start('key');
    const params = {
      ...vectorBParams,
      PhoneNumbers: '+8613800138000,8613900139000',
      OutId: "a b*c~d!e'f(g)h+i/j",
      TemplateParam: '{"code":"123456","product":"测试 App"}',
    };
    const response = await http(`${sandbox!.url}/`, {
      method: 'POST',
      headers: form,
      body: `${canonical(params)}&Signature=${encodeURIComponent('q51Ac5eplTuACdgx1vjbC945Z8k=')}`,
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
    expect(
      sandbox!.inbox
        .list()
        .map((message) => message.to)
        .sort()
    ).toEqual(['+8613800138000', '8613900139000']);
  });

  const vectorDHeaders = (
    extra: Record<string, string>,
    signedHeaders: string,
    signature: string
  ) => ({
    host: 'dysmsapi.aliyuncs.com',
    'x-acs-action': 'SendSms',
    'x-acs-version': '2017-05-25',
    'x-acs-date': '2024-01-01T00:00:00Z',
    'x-acs-signature-nonce': nonce,
    'x-acs-content-sha256': emptyHash,
    accept: 'application/json',
    'user-agent': 'vector-replay',
    ...extra,
    authorization: `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${signedHeaders},Signature=${signature}`,
  });
  const vectorDQuery =
    'PhoneNumbers=13800138000&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95&TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%22123456%22%7D';

  it('Vector D (V3, Host dysmsapi.aliyuncs.com) is accepted', async () => {
    await start('key');
    const response = await http(`${sandbox!.url}/?${vectorDQuery}`, {
      method: 'POST',
      headers: vectorDHeaders(
        {},
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        '6dd80cf851afd577f5ae46300ad39315bd7c068fc7d831ae5611acef453b414b'
      ),
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
    expect(sandbox!.inbox.list()[0]?.signatureAlgorithm).toBe('ACS3-HMAC-SHA256');
  });

  it('Vector D is rejected once the sandbox clock is 16 minutes later', async () => {
    await start('key', vectorTime + 16 * 60_000);
    const response = await http(`${sandbox!.url}/?${vectorDQuery}`, {
      method: 'POST',
      headers: vectorDHeaders(
        {},
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        '6dd80cf851afd577f5ae46300ad39315bd7c068fc7d831ae5611acef453b414b'
      ),
    });
    expect(response.status).toBe(400);
    expect(response.json.Code).toBe('InvalidTimeStamp.Expired');
  });

  it('Vector E (V3 with STS token) is accepted', async () => {
    await start('sts');
    const response = await http(`${sandbox!.url}/?${vectorDQuery}`, {
      method: 'POST',
      headers: vectorDHeaders(
        { 'x-acs-accesskey-id': 'testid', 'x-acs-security-token': 'test-sts-token' },
        'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
        '746ceff56cfd8c2cc374c6f98888758161038a25a1e64cd0d802eb20e916953c'
      ),
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it('Vector F (exact SDK V3 output with x-acs-credentials-provider) is accepted', async () => {
    await start('key');
    const response = await http(`${sandbox!.url}/?${vectorDQuery}`, {
      method: 'POST',
      headers: vectorDHeaders(
        { 'x-acs-credentials-provider': 'static_ak' },
        'host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version',
        '10907dd18b38faa42dc5451d6ec5e4bf75d705dde78d0053f936ee423e4ffb5d'
      ),
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it("Vector F (exact SDK 'v2' output: POST, everything in the query, Format=json) is accepted", async () => {
    await start('key');
    const params = {
      Action: 'SendSms',
      Format: 'json',
      Version: '2017-05-25',
      Timestamp: '2024-01-01T00:00:00Z',
      SignatureNonce: nonce,
      PhoneNumbers: '13800138000',
      SignName: '阿里云短信测试',
      TemplateCode: 'SMS_154950909',
      TemplateParam: '{"code":"123456"}',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: 'testid',
    };
    const response = await http(
      `${sandbox!.url}/?${new URLSearchParams(params)}&Signature=hKs2q3KX1DxhDuL7865L7vmB%2BaE%3D`,
      {
        method: 'POST',
      }
    );
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json).toMatchObject({ Code: 'OK' });
  });

  it('Vector G (V1 POST with SecurityToken) is accepted', async () => {
    await start('sts');
    const params = { ...vectorBParams, SecurityToken: 'test-sts-token' };
    const response = await http(`${sandbox!.url}/`, {
      method: 'POST',
      headers: form,
      body: `${canonical(params)}&Signature=ImaMlJb8%2F5gvvadKfAevcXDFy%2BI%3D`,
    });
    expect(response.json).toMatchObject({ Code: 'OK' });
  });
});
