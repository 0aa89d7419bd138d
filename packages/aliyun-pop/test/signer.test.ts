// Every vector of both fact sheets (tests/fixtures/vectors/aliyun-*.json), checked step by step:
// canonical strings first, then signatures, then the whole request the signer builds.
import { describe, expect, it } from 'vitest';

import {
  aliyunVectorFiles,
  type V3Vector,
} from '../../../tests/fixtures/vectors/aliyun-vectors.js';
import {
  canonicalizeHeaders,
  canonicalQueryString,
  emptyPayloadHash,
  formatTimestamp,
  percentEncode,
  signV1,
  signV1Params,
  signV3,
  v1StringToSign,
  v3Authorization,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
  type RpcAction,
} from '../src/signer.js';

const sendSms: RpcAction = { action: 'SendSms', version: '2017-05-25' };
const sendSmsVerifyCode: RpcAction = { action: 'SendSmsVerifyCode', version: '2017-05-25' };
const jan1 = new Date('2024-01-01T00:00:00Z');
const nonce = '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf';

describe('percentEncode (RFC 3986 over UTF-8)', () => {
  it.each([
    [' ', '%20'],
    ['*', '%2A'],
    ['~', '~'],
    ['+', '%2B'],
    ['/', '%2F'],
    ['#', '%23'],
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

describe('canonicalizeHeaders', () => {
  it('skips accept, user-agent and authorization, and folds header-name case', () => {
    const { canonicalHeaders, signedHeaders } = canonicalizeHeaders({
      host: 'dysmsapi.aliyuncs.com',
      'x-acs-date': '2024-01-01T00:00:00Z',
      accept: 'application/json',
      'user-agent': 'x',
      Authorization: 'y',
      'X-Acs-Date': '2024-01-01T00:00:00Z',
    });
    expect(signedHeaders).toBe('host;x-acs-date');
    expect(canonicalHeaders).toBe(
      'host:dysmsapi.aliyuncs.com\nx-acs-date:2024-01-01T00:00:00Z,2024-01-01T00:00:00Z\n'
    );
  });

  it('signs content-type when present', () => {
    expect(canonicalizeHeaders({ 'Content-Type': ' a/b ', host: 'h' })).toEqual({
      canonicalHeaders: 'content-type:a/b\nhost:h\n',
      signedHeaders: 'content-type;host',
    });
  });
});

it('the empty-body hash is SHA-256 of nothing', () => {
  expect(emptyPayloadHash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

// The action and version a V3 vector calls, read from its own signed headers.
const actionOf = (vector: V3Vector): RpcAction => ({
  action: vector.headers['x-acs-action'] ?? '',
  version: vector.headers['x-acs-version'] ?? '',
});

for (const [product, file] of Object.entries(aliyunVectorFiles)) {
  describe(`${product} V1 (HMAC-SHA1) vectors`, () => {
    it.each(file.v1.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
      const signed = signV1Params(vector.method, vector.params, vector.accessKeySecret);
      if (vector.canonicalQuery !== undefined) {
        expect(signed.canonicalQuery).toBe(vector.canonicalQuery);
      }
      if (vector.stringToSign !== undefined) {
        expect(v1StringToSign(vector.method, signed.canonicalQuery)).toBe(vector.stringToSign);
        expect(signed.stringToSign).toBe(vector.stringToSign);
      }
      expect(signed.signature).toBe(vector.signature);
      // A raw `+`, `/` or `=` of the base64 signature would decode to something else on the server.
      expect(signed.encoded).toBe(
        `${signed.canonicalQuery}&Signature=${percentEncode(vector.signature)}`
      );
      if (vector.wireSignature !== undefined) {
        expect(percentEncode(vector.signature)).toBe(vector.wireSignature);
      }
    });
  });

  describe(`${product} V3 (ACS3-HMAC-SHA256) vectors`, () => {
    it.each(file.v3.map((vector) => [vector.name, vector] as const))(
      'step by step: %s',
      (_name, vector) => {
        const payloadHash = vector.headers['x-acs-content-sha256'] ?? '';
        expect(payloadHash).toBe(emptyPayloadHash);
        const canonicalRequest = v3CanonicalRequest({
          method: vector.method,
          path: vector.path,
          query: vector.query,
          // Unsigned headers the SDK also sends must not change anything.
          headers: { ...vector.headers, accept: 'application/json', 'user-agent': 'vector-test' },
          payloadHash,
        });
        if (vector.canonicalRequest !== undefined) {
          expect(canonicalRequest).toBe(vector.canonicalRequest);
        }
        if (vector.canonicalQuery !== undefined) {
          expect(canonicalQueryString(vector.query)).toBe(vector.canonicalQuery);
        }
        expect(canonicalizeHeaders(vector.headers).signedHeaders).toBe(vector.signedHeaders);
        const stringToSign = v3StringToSign(canonicalRequest);
        if (vector.stringToSign !== undefined) {
          expect(stringToSign).toBe(vector.stringToSign);
        }
        expect(v3Signature(stringToSign, vector.accessKeySecret)).toBe(vector.signature);
      }
    );

    it.each(file.v3.map((vector) => [vector.name, vector] as const))(
      'signV3 rebuilds the request: %s',
      (_name, vector) => {
        const {
          host = '',
          'x-acs-credentials-provider': provider,
          'x-acs-date': date = '',
          'x-acs-signature-nonce': vectorNonce = '',
        } = vector.headers;
        const signed = signV3({
          method: vector.method,
          host,
          credentials: {
            accessKeyId: vector.accessKeyId,
            accessKeySecret: vector.accessKeySecret,
            securityToken: vector.securityToken,
          },
          action: actionOf(vector),
          apiParams: vector.query,
          timestamp: new Date(date),
          nonce: vectorNonce,
          ...(provider === undefined
            ? {}
            : { extraHeaders: { 'x-acs-credentials-provider': provider } }),
        });
        expect(signed.signature).toBe(vector.signature);
        expect(signed.query).toBe(canonicalQueryString(vector.query));
        expect(signed.headers).toEqual({
          ...vector.headers,
          authorization: v3Authorization(
            vector.accessKeyId,
            vector.signedHeaders,
            vector.signature
          ),
        });
      }
    );
  });
}

describe('signV1 (the connectors’ layout)', () => {
  const apiParams = {
    PhoneNumber: '13800138000',
    SignName: '速通互联验证码',
    TemplateCode: '100001',
    TemplateParam: '{"code":"123456","min":"5"}',
  };

  it.each([
    ['SendSms', sendSms],
    ['SendSmsVerifyCode', sendSmsVerifyCode],
  ])(
    'adds the common parameters for %s, Format=JSON, no RegionId, and the STS token when present',
    (_name, action) => {
      const signed = signV1({
        method: 'POST',
        credentials: {
          accessKeyId: 'testid',
          accessKeySecret: 'testsecret',
          securityToken: 'test-sts-token',
        },
        action,
        apiParams,
        timestamp: jan1,
        nonce,
      });
      expect(signed.params).toEqual({
        ...apiParams,
        AccessKeyId: 'testid',
        Action: action.action,
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
    }
  );

  it('reproduces the Dypnsapi SDK vector once Format is spelled as the SDK spells it', () => {
    const vector = aliyunVectorFiles.Dypnsapi.v1[0]!;
    const signed = signV1({
      method: 'POST',
      credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      action: sendSmsVerifyCode,
      apiParams: { CountryCode: '86', ...apiParams },
      timestamp: jan1,
      nonce,
    });
    expect(signV1Params('POST', { ...signed.params, Format: 'json' }, 'testsecret').signature).toBe(
      vector.signature
    );
  });

  it('is pure: the same inputs give the same signature; a new nonce, time or action a different one', () => {
    const input = {
      method: 'POST' as const,
      credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      action: sendSms,
      apiParams,
      timestamp: jan1,
      nonce,
    };
    expect(signV1(input).signature).toBe(signV1(input).signature);
    expect(signV1({ ...input, nonce: 'other' }).signature).not.toBe(signV1(input).signature);
    expect(signV1({ ...input, timestamp: new Date('2024-01-01T00:00:01Z') }).signature).not.toBe(
      signV1(input).signature
    );
    expect(signV1({ ...input, action: sendSmsVerifyCode }).signature).not.toBe(
      signV1(input).signature
    );
  });
});
