// The sandbox's TC3 verifier against the fact-sheet vectors (tests/fixtures/vectors/tencent-tc3.json,
// computed with Tencent's SDK and shared with the connector's signer tests).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { IncomingCall } from '../src/server/incoming-call.js';
import { authenticateTencent } from '../src/tencent/authenticate.js';
import { TencentError } from '../src/tencent/errors.js';
import { expectedTc3Signature, parseTc3Authorization } from '../src/tencent/verify-tc3.js';

type Vector = {
  name: string;
  secretId: string;
  secretKey: string;
  token?: string;
  region?: string;
  timestamp: number;
  host: string;
  service: string;
  contentType: string;
  bodyHex: string;
  signature: string;
  authorization: string;
};

const { vectors } = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/vectors/tencent-tc3.json', import.meta.url), 'utf8')
) as { vectors: Vector[] };

const callOf = (vector: Vector, extraHeaders: Record<string, string> = {}): IncomingCall => {
  const headers: Record<string, string> = {
    'content-type': vector.contentType,
    host: vector.host,
    authorization: vector.authorization,
    'x-tc-action': 'SendSms',
    'x-tc-version': '2021-01-11',
    'x-tc-region': vector.region ?? 'ap-guangzhou',
    'x-tc-timestamp': String(vector.timestamp),
    ...(vector.token === undefined ? {} : { 'x-tc-token': vector.token }),
    ...extraHeaders,
  };
  return {
    method: 'POST',
    path: '/',
    rawQuery: '',
    headers,
    headersDistinct: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, [value]])
    ),
    body: Buffer.from(vector.bodyHex, 'hex'),
  };
};

const secretsOf = (vector: Vector) =>
  new Map([
    [
      vector.secretId,
      {
        secretId: vector.secretId,
        secretKey: vector.secretKey,
        ...(vector.token ? { token: vector.token } : {}),
      },
    ],
  ]);

describe('the verifier reproduces every vector', () => {
  it('reads all twelve', () => {
    expect(vectors).toHaveLength(12);
  });

  it.each(vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const authorization = parseTc3Authorization(vector.authorization);
    expect(authorization).toMatchObject({
      secretId: vector.secretId,
      service: vector.service,
      signedHeaders: ['content-type', 'host'],
    });
    expect(
      expectedTc3Signature(
        callOf(vector),
        authorization!,
        String(vector.timestamp),
        vector.secretKey
      )
    ).toBe(vector.signature);
    expect(
      expectedTc3Signature(
        callOf(vector),
        authorization!,
        String(vector.timestamp),
        `${vector.secretKey}x`
      )
    ).not.toBe(vector.signature);
  });
});

const errorCode = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TencentError);
    return (error as TencentError).code;
  }
  return 'accepted';
};

describe('the gateway accepts the SMS vectors and refuses what the real API refuses', () => {
  const sms = vectors.filter(({ service, host }) => service === 'sms' && host.startsWith('sms.'));
  const regions = ['ap-guangzhou', 'ap-beijing', 'ap-singapore'];

  it.each(sms.map((vector) => [vector.name, vector] as const))(
    '%s is accepted at its own time',
    (_name, vector) => {
      expect(
        errorCode(() =>
          authenticateTencent(callOf(vector), {
            secrets: secretsOf(vector),
            regions,
            nowMs: vector.timestamp * 1000,
          })
        )
      ).toBe('accepted');
    }
  );

  it('Vector G (service 127, host without port) is a signature failure: the real API only knows sms', () => {
    const vectorG = vectors.find(({ name }) => name.startsWith('G:'))!;
    expect(
      errorCode(() =>
        authenticateTencent(callOf(vectorG), {
          secrets: secretsOf(vectorG),
          regions,
          nowMs: vectorG.timestamp * 1000,
        })
      )
    ).toBe('AuthFailure.SignatureFailure');
  });

  it('Vector A five minutes and one second late is SignatureExpire; at five minutes it passes', () => {
    const vectorA = vectors.find(({ name }) => name.startsWith('A:'))!;
    const at = (seconds: number) =>
      errorCode(() =>
        authenticateTencent(callOf(vectorA), {
          secrets: secretsOf(vectorA),
          regions,
          nowMs: (vectorA.timestamp + seconds) * 1000,
        })
      );
    expect(at(300)).toBe('accepted');
    expect(at(-300)).toBe('accepted');
    expect(at(301)).toBe('AuthFailure.SignatureExpire');
    expect(at(-301)).toBe('AuthFailure.SignatureExpire');
  });

  it('Vector C without its token, or with another, is TokenFailure', () => {
    const vectorC = vectors.find(({ name }) => name.startsWith('C:'))!;
    const { token: _token, ...withoutToken } = vectorC;
    const check = (vector: Vector, headers: Record<string, string> = {}) =>
      errorCode(() =>
        authenticateTencent(callOf(vector, headers), {
          secrets: secretsOf(vectorC),
          regions,
          nowMs: vectorC.timestamp * 1000,
        })
      );
    expect(check(withoutToken)).toBe('AuthFailure.TokenFailure');
    expect(check(vectorC, { 'x-tc-token': 'another-token' })).toBe('AuthFailure.TokenFailure');
  });
});
