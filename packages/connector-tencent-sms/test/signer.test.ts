import { describe, expect, it } from 'vitest';

import {
  canonicalRequest,
  credentialScope,
  sha256Hex,
  signTc3,
  stringToSign,
  tencentSmsService,
  utcDate,
} from '../src/signer.js';

import { tc3Vectors, vector } from './helpers.js';

describe('TC3-HMAC-SHA256 against the fact-sheet vectors', () => {
  it('has every vector (0, A and its variants, B–G)', () => {
    expect(tc3Vectors.map(({ name }) => name.split(':')[0])).toEqual([
      '0',
      'A',
      'A/charset',
      'A/reordered',
      'A/official layout',
      'B',
      'C',
      'D',
      'D/JSON.stringify',
      'E',
      'F',
      'G',
    ]);
  });

  it.each(tc3Vectors.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const bytes = Buffer.from(entry.bodyHex, 'hex');
    expect(bytes.toString('utf8')).toBe(entry.body);
    const signed = signTc3({
      secretId: entry.secretId,
      secretKey: entry.secretKey,
      timestamp: entry.timestamp,
      service: entry.service,
      host: entry.host,
      contentType: entry.contentType,
      body: bytes,
    });
    expect(sha256Hex(bytes)).toBe(entry.payloadHash);
    expect(sha256Hex(signed.canonicalRequest)).toBe(entry.hashedCanonicalRequest);
    expect(signed.credentialScope).toBe(`${entry.date}/${entry.service}/tc3_request`);
    expect(signed.signature).toBe(entry.signature);
    expect(signed.authorization).toBe(entry.authorization);
    // A string body is hashed as its UTF-8 bytes: the same signature.
    expect(signTc3({ ...entry, body: entry.body }).signature).toBe(entry.signature);
  });
});

describe('the steps, on Vector A', () => {
  const vectorA = vector('A');

  it('builds the six-line canonical request with its empty query and the empty line after the headers', () => {
    expect(
      canonicalRequest({
        contentType: vectorA.contentType,
        host: vectorA.host,
        payloadHash: vectorA.payloadHash,
      })
    ).toBe(
      `POST\n/\n\ncontent-type:application/json\nhost:sms.tencentcloudapi.com\n\ncontent-type;host\n${vectorA.payloadHash}`
    );
  });

  it('builds the four-line string to sign', () => {
    expect(
      stringToSign(
        vectorA.timestamp,
        credentialScope(vectorA.date, 'sms'),
        vectorA.hashedCanonicalRequest
      )
    ).toBe(
      `TC3-HMAC-SHA256\n1704067200\n2024-01-01/sms/tc3_request\n${vectorA.hashedCanonicalRequest}`
    );
  });

  it('separates the Authorization parts with a comma and a space', () => {
    expect(signTc3({ ...vectorA }).authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\/2024-01-01\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/
    );
  });
});

describe('inputs that change the signature', () => {
  const vectorA = vector('A');
  const base = { ...vectorA };

  it('the service is an input and the connector always uses sms', () => {
    expect(tencentSmsService).toBe('sms');
    expect(signTc3({ ...base, service: 'cvm' }).signature).not.toBe(vectorA.signature);
  });

  it('the scope date is the UTC date, also when it is already the next day in UTC+8 (Vector B)', () => {
    expect(utcDate(1_704_067_199)).toBe('2023-12-31');
    expect(utcDate(1_704_067_200)).toBe('2024-01-01');
  });

  it('the host with a port is signed as given (a loopback emulator)', () => {
    expect(signTc3({ ...base, host: '127.0.0.1:4010' }).signature).not.toBe(
      signTc3({ ...base, host: '127.0.0.1' }).signature
    );
  });

  it('refuses a fractional or negative timestamp', () => {
    expect(() => signTc3({ ...base, timestamp: 1_704_067_200.5 })).toThrow(RangeError);
    expect(() => signTc3({ ...base, timestamp: -1 })).toThrow(RangeError);
  });
});
