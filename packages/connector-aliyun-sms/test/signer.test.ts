// Every vector of the fact sheet (§9), checked step by step: canonical strings first, then signatures.
import { describe, expect, it } from 'vitest';

import {
  canonicalizeHeaders,
  canonicalQueryString,
  emptyPayloadHash,
  formatTimestamp,
  percentEncode,
  signV1,
  signV1Params,
  signV3,
  v1Signature,
  v1StringToSign,
  v3Authorization,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from '../src/signer.js';

const nonce = '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf';
const signNameTest = '阿里云短信测试';
const signNameTestEncoded = '%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95';
const jan1 = new Date('2024-01-01T00:00:00Z');

describe('percentEncode (RFC 3986 over UTF-8)', () => {
  it.each([
    [' ', '%20'],
    ['*', '%2A'],
    ['~', '~'],
    ['+', '%2B'],
    ['/', '%2F'],
    ["!'()", '%21%27%28%29'],
    ['-_.', '-_.'],
    ['AZaz09', 'AZaz09'],
    ['=&%', '%3D%26%25'],
    ['测试', '%E6%B5%8B%E8%AF%95'],
    ['😀', '%F0%9F%98%80'],
  ])('%j → %s', (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });
});

describe('formatTimestamp', () => {
  it('renders UTC without milliseconds', () => {
    expect(formatTimestamp(new Date('2017-07-12T02:42:19.987Z'))).toBe('2017-07-12T02:42:19Z');
    expect(formatTimestamp(new Date('2024-01-01T08:00:00+08:00'))).toBe('2024-01-01T00:00:00Z');
  });
});

describe('canonicalQueryString', () => {
  it('sorts by parameter name, not by the encoded pair', () => {
    // "A=" would sort after "A.1=" if the pairs were sorted ('=' > '.'), and before it by name.
    expect(canonicalQueryString({ 'A.1': 'x', A: 'y' })).toBe('A=y&A.1=x');
  });

  it('writes an empty value as name=', () => {
    expect(canonicalQueryString({ b: '', a: '1' })).toBe('a=1&b=');
  });
});

describe('Vector A — official documentation vector (GET, V1)', () => {
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
  const canonical =
    'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25';
  const stringToSign =
    'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25';

  it('canonical query', () => {
    expect(canonicalQueryString(params)).toBe(canonical);
  });

  it('string to sign', () => {
    expect(v1StringToSign('GET', canonical)).toBe(stringToSign);
  });

  it('signature and its wire form', () => {
    expect(v1Signature(stringToSign, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(signV1Params('GET', params, 'testSecret').encoded).toBe(
      `${canonical}&Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D`
    );
  });
});

const vectorB = {
  AccessKeyId: 'testid',
  Action: 'SendSms',
  Format: 'JSON',
  PhoneNumbers: '13800138000',
  RegionId: 'cn-hangzhou',
  SignName: signNameTest,
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: nonce,
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_154950909',
  TemplateParam: '{"code":"123456"}',
  Timestamp: '2024-01-01T00:00:00Z',
  Version: '2017-05-25',
};

describe('Vector B — POST, Chinese SignName, code 123456 (V1)', () => {
  const canonical = `AccessKeyId=testid&Action=SendSms&Format=JSON&PhoneNumbers=13800138000&RegionId=cn-hangzhou&SignName=${signNameTestEncoded}&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%22123456%22%7D&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25`;
  const stringToSign =
    'POST&%2F&AccessKeyId%3Dtestid%26Action%3DSendSms%26Format%3DJSON%26PhoneNumbers%3D13800138000%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_154950909%26TemplateParam%3D%257B%2522code%2522%253A%2522123456%2522%257D%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2017-05-25';

  it('canonical query and string to sign', () => {
    expect(canonicalQueryString(vectorB)).toBe(canonical);
    expect(v1StringToSign('POST', canonical)).toBe(stringToSign);
  });

  it('POST signature and the exact pop-core form body', () => {
    const signed = signV1Params('POST', vectorB, 'testsecret');
    expect(signed.signature).toBe('tX/6Wu4osoADBUzPNSDb3pfx+1M=');
    expect(signed.encoded).toBe(`${canonical}&Signature=tX%2F6Wu4osoADBUzPNSDb3pfx%2B1M%3D`);
  });

  it('the same parameters signed as GET', () => {
    const signed = signV1Params('GET', vectorB, 'testsecret');
    expect(signed.signature).toBe('3TIxCfd9rHhjrv4HynQhy6UH/5U=');
    expect(signed.encoded).toBe(`${canonical}&Signature=3TIxCfd9rHhjrv4HynQhy6UH%2F5U%3D`);
  });
});

describe('Vector C — encoding edge cases (V1 POST)', () => {
  const params = {
    ...vectorB,
    PhoneNumbers: '+8613800138000,8613900139000',
    OutId: "a b*c~d!e'f(g)h+i/j",
    TemplateParam: '{"code":"123456","product":"测试 App"}',
  };

  it('encodes each awkward value', () => {
    expect(percentEncode(params.OutId)).toBe('a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj');
    expect(percentEncode(params.PhoneNumbers)).toBe('%2B8613800138000%2C8613900139000');
    expect(percentEncode(params.TemplateParam)).toBe(
      '%7B%22code%22%3A%22123456%22%2C%22product%22%3A%22%E6%B5%8B%E8%AF%95%20App%22%7D'
    );
  });

  it('canonical query and signature', () => {
    const signed = signV1Params('POST', params, 'testsecret');
    expect(signed.canonicalQuery).toBe(
      `AccessKeyId=testid&Action=SendSms&Format=JSON&OutId=a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj&PhoneNumbers=%2B8613800138000%2C8613900139000&RegionId=cn-hangzhou&SignName=${signNameTestEncoded}&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%22123456%22%2C%22product%22%3A%22%E6%B5%8B%E8%AF%95%20App%22%7D&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25`
    );
    expect(signed.signature).toBe('q51Ac5eplTuACdgx1vjbC945Z8k=');
  });
});

const sendSmsQuery = {
  PhoneNumbers: '13800138000',
  SignName: signNameTest,
  TemplateCode: 'SMS_154950909',
  TemplateParam: '{"code":"123456"}',
};
const canonicalSendSmsQuery = `PhoneNumbers=13800138000&SignName=${signNameTestEncoded}&TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%22123456%22%7D`;
const vectorDHeaders = {
  host: 'dysmsapi.aliyuncs.com',
  'x-acs-action': 'SendSms',
  'x-acs-version': '2017-05-25',
  'x-acs-date': '2024-01-01T00:00:00Z',
  'x-acs-signature-nonce': nonce,
  'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
};

describe('Vector D — V3 ACS3-HMAC-SHA256', () => {
  const canonicalRequest = [
    'POST',
    '/',
    canonicalSendSmsQuery,
    'host:dysmsapi.aliyuncs.com',
    'x-acs-action:SendSms',
    'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'x-acs-date:2024-01-01T00:00:00Z',
    'x-acs-signature-nonce:3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    'x-acs-version:2017-05-25',
    '',
    'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ].join('\n');
  const stringToSign =
    'ACS3-HMAC-SHA256\n3de9b608553d2482d4b0f8b166aa9939c9900473c57999fa203d6d0330121f7a';
  const signature = '6dd80cf851afd577f5ae46300ad39315bd7c068fc7d831ae5611acef453b414b';
  const authorization = `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${signature}`;

  it('empty-body hash', () => {
    expect(emptyPayloadHash).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    );
  });

  it('canonical headers skip accept, user-agent and authorization, and fold case', () => {
    const { canonicalHeaders, signedHeaders } = canonicalizeHeaders({
      ...vectorDHeaders,
      accept: 'application/json',
      'user-agent': 'x',
      Authorization: 'y',
      'X-Acs-Date': vectorDHeaders['x-acs-date'],
    });
    expect(signedHeaders).toBe(
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version'
    );
    expect(canonicalHeaders).toContain('x-acs-date:2024-01-01T00:00:00Z,2024-01-01T00:00:00Z\n');
  });

  it('canonical request, string to sign, signature, Authorization', () => {
    const built = v3CanonicalRequest({
      method: 'POST',
      path: '/',
      query: sendSmsQuery,
      headers: { ...vectorDHeaders, accept: 'application/json', 'user-agent': 'test' },
      payloadHash: emptyPayloadHash,
    });
    expect(built).toBe(canonicalRequest);
    expect(v3StringToSign(built)).toBe(stringToSign);
    expect(v3Signature(stringToSign, 'testsecret')).toBe(signature);
    expect(
      v3Authorization(
        'testid',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        signature
      )
    ).toBe(authorization);
  });

  it('signV3 builds the whole request from the clock and nonce it is given', () => {
    const signed = signV3({
      method: 'POST',
      host: 'dysmsapi.aliyuncs.com',
      credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      apiParams: sendSmsQuery,
      timestamp: jan1,
      nonce,
    });
    expect(signed.canonicalRequest).toBe(canonicalRequest);
    expect(signed.stringToSign).toBe(stringToSign);
    expect(signed.query).toBe(canonicalSendSmsQuery);
    expect(signed.headers).toEqual({ ...vectorDHeaders, authorization });
  });
});

describe('Vector E — V3 with an STS token', () => {
  it('signs x-acs-accesskey-id and x-acs-security-token', () => {
    const signed = signV3({
      method: 'POST',
      host: 'dysmsapi.aliyuncs.com',
      credentials: {
        accessKeyId: 'testid',
        accessKeySecret: 'testsecret',
        securityToken: 'test-sts-token',
      },
      apiParams: sendSmsQuery,
      timestamp: jan1,
      nonce,
    });
    const signedHeaders =
      'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version';
    expect(signed.canonicalRequest).toContain('x-acs-accesskey-id:testid\n');
    expect(signed.canonicalRequest).toContain('x-acs-security-token:test-sts-token\n');
    expect(signed.signature).toBe(
      '746ceff56cfd8c2cc374c6f98888758161038a25a1e64cd0d802eb20e916953c'
    );
    expect(signed.headers.authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${signedHeaders},Signature=746ceff56cfd8c2cc374c6f98888758161038a25a1e64cd0d802eb20e916953c`
    );
    expect(signed.headers['x-acs-security-token']).toBe('test-sts-token');
    expect(signed.headers['x-acs-accesskey-id']).toBe('testid');
  });
});

describe('Vector F — what the official SDK (dysmsapi20170525 4.6.0) emits', () => {
  it('V3 with the SDK telemetry header x-acs-credentials-provider', () => {
    const signed = signV3({
      method: 'POST',
      host: 'dysmsapi.aliyuncs.com',
      credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      apiParams: sendSmsQuery,
      timestamp: jan1,
      nonce,
      extraHeaders: { 'x-acs-credentials-provider': 'static_ak' },
    });
    expect(signed.canonicalRequest.split('\n')).toContain('x-acs-credentials-provider:static_ak');
    expect(signed.headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=10907dd18b38faa42dc5451d6ec5e4bf75d705dde78d0053f936ee423e4ffb5d'
    );
  });

  it('V1 ("v2" in the SDK) with lower-case Format=json and no RegionId', () => {
    const params = {
      Action: 'SendSms',
      Format: 'json',
      Version: '2017-05-25',
      Timestamp: '2024-01-01T00:00:00Z',
      SignatureNonce: nonce,
      ...sendSmsQuery,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: 'testid',
    };
    const signed = signV1Params('POST', params, 'testsecret');
    expect(signed.canonicalQuery).toBe(
      `AccessKeyId=testid&Action=SendSms&Format=json&${canonicalSendSmsQuery.replace(
        /&TemplateCode/,
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&TemplateCode'
      )}&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25`
    );
    expect(signed.signature).toBe('hKs2q3KX1DxhDuL7865L7vmB+aE=');
  });
});

describe('Vector G — V1 with an STS token (POST)', () => {
  it('SecurityToken is an ordinary signed parameter, sorted between RegionId and SignName', () => {
    const signed = signV1Params(
      'POST',
      { ...vectorB, SecurityToken: 'test-sts-token' },
      'testsecret'
    );
    expect(signed.canonicalQuery).toContain(
      '&RegionId=cn-hangzhou&SecurityToken=test-sts-token&SignName='
    );
    expect(signed.signature).toBe('ImaMlJb8/5gvvadKfAevcXDFy+I=');
    expect(
      signed.encoded.endsWith('&Version=2017-05-25&Signature=ImaMlJb8%2F5gvvadKfAevcXDFy%2BI%3D')
    ).toBe(true);
  });
});

describe('signV1 (the connector layout)', () => {
  it('adds the common parameters, Format=JSON and no RegionId, and the STS token when present', () => {
    const signed = signV1({
      method: 'POST',
      credentials: {
        accessKeyId: 'testid',
        accessKeySecret: 'testsecret',
        securityToken: 'test-sts-token',
      },
      apiParams: sendSmsQuery,
      timestamp: jan1,
      nonce,
    });
    expect(signed.params).toEqual({
      ...sendSmsQuery,
      AccessKeyId: 'testid',
      Action: 'SendSms',
      Format: 'JSON',
      SecurityToken: 'test-sts-token',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      Timestamp: '2024-01-01T00:00:00Z',
      Version: '2017-05-25',
    });
    // Same parameters through the vector-checked primitives.
    expect(signed.signature).toBe(signV1Params('POST', signed.params, 'testsecret').signature);
  });

  it('is pure: the same inputs give the same signature, a new nonce or time a different one', () => {
    const input = {
      method: 'POST' as const,
      credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      apiParams: sendSmsQuery,
      timestamp: jan1,
      nonce,
    };
    expect(signV1(input).signature).toBe(signV1(input).signature);
    expect(signV1({ ...input, nonce: 'other' }).signature).not.toBe(signV1(input).signature);
    expect(signV1({ ...input, timestamp: new Date('2024-01-01T00:00:01Z') }).signature).not.toBe(
      signV1(input).signature
    );
  });
});
