/**
 * Property-based checks of the pure building blocks: the Aliyun percent-encoder against an oracle
 * written from RFC 3986, phone routing, and request signing (deterministic, input-sensitive, and
 * accepted by the emulator's independent verifier).
 */
import {
  canonicalQueryString,
  percentEncode,
  signV1,
  signV3,
  type Credentials,
} from '@logto-sms/aliyun-pop';
import { loadPhonePlan, routePhoneNumber, type PhoneRoute } from '@logto-sms/sms-core';

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  v1Signature as serverV1Signature,
  v1StringToSign as serverV1StringToSign,
} from '../../packages/sandbox/src/aliyun/verify-v1.js';
import {
  parseV3Authorization,
  v3CanonicalRequest as serverV3CanonicalRequest,
  v3Signature as serverV3Signature,
  v3StringToSign as serverV3StringToSign,
} from '../../packages/sandbox/src/aliyun/verify-v3.js';

import { rfc3986Oracle } from './support/rfc3986-oracle.js';

// -------------------------------------------------------------------------------------------------
// RFC 3986 oracle
// -------------------------------------------------------------------------------------------------

/** In a /u regex a surrogate range only matches unpaired surrogates. */
const hasLoneSurrogate = (value: string): boolean => /[\uD800-\uDFFF]/u.test(value);

describe('percentEncode (Aliyun signer) matches RFC 3986', () => {
  it('equals the oracle for arbitrary well-formed Unicode (all planes, combining marks, emoji)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 })
        ),
        (value) => {
          fc.pre(!hasLoneSurrogate(value));
          expect(percentEncode(value)).toBe(rfc3986Oracle(value));
        }
      ),
      {
        numRuns: 3000,
        examples: [
          [''],
          ["!'()*"],
          ['~-._'],
          ['a b+c/d=e&f'],
          ['😀'],
          ['阿里云短信'],
          ['\u0000\u007F\u0080\u07FF\u0800\uFFFF'],
        ],
      }
    );
  });

  it('leaves exactly the unreserved ASCII characters literal and uses uppercase hex', () => {
    for (let code = 0; code < 128; code++) {
      const char = String.fromCharCode(code);
      const expected = /[A-Za-z0-9\-._~]/.test(char)
        ? char
        : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
      expect(percentEncode(char)).toBe(expected);
    }
  });

  it('decodes back to the input (what the server does before verifying)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        expect(decodeURIComponent(percentEncode(value))).toBe(value);
      }),
      { numRuns: 1000 }
    );
  });

  // Decision (see docs/reliability.md): a lone surrogate has no UTF-8 encoding. Substituting U+FFFD
  // would sign a value other than the one configured, so the encoder must refuse it outright
  // rather than return any string. The connector must then never hand it one (see
  // input-properties.test.ts: such a config is InvalidConfig).
  it('refuses lone surrogates instead of encoding something else', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.integer({ min: 0xd8_00, max: 0xdf_ff }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (before, surrogate, after) => {
          const value = `${before}${String.fromCharCode(surrogate)}${after}`;
          fc.pre(hasLoneSurrogate(value));
          expect(() => percentEncode(value)).toThrow();
        }
      ),
      { numRuns: 500 }
    );
  });
});

// -------------------------------------------------------------------------------------------------
// Phone routing
// -------------------------------------------------------------------------------------------------

const separators = [' ', '-', '.', '(', ')', '\u00A0', '\u3000', '\t'];

/** Phone-like text: an optional +/00 prefix, digits, separators sprinkled in. */
const phoneLike = fc
  .tuple(
    fc.constantFrom('', '+', '00', '+00', ' +', '0'),
    fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 17 }),
      fc
        .tuple(
          fc.constantFrom('86', '852', '1', '44', '886', '81'),
          fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 4, maxLength: 13 })
        )
        .map(([cc, rest]) => cc + rest),
      fc
        .tuple(
          fc.constantFrom('86', ''),
          fc.constantFrom('13', '14', '15', '16', '17', '18', '19', '12', '10'),
          fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 })
        )
        .map(([cc, head, rest]) => cc + head + rest)
    ),
    fc.array(fc.tuple(fc.nat(20), fc.constantFrom(...separators)), { maxLength: 4 })
  )
  .map(([prefix, digits, inserts]) => {
    let text = digits;
    for (const [position, separator] of inserts) {
      const at = position % (text.length + 1);
      text = text.slice(0, at) + separator + text.slice(at);
    }
    return prefix + text;
  });

const anyPhoneInput = fc.oneof(
  phoneLike,
  phoneLike,
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'0123456789+ -０１２３４５６７８９٠١٢'), maxLength: 20 })
);

/** The route, or undefined when routing refused the input (always with a ConnectorError). */
const tryRoute = (input: string, strict: boolean): PhoneRoute | undefined => {
  try {
    return routePhoneNumber(input, { strictPhoneRegionNumberCheck: strict });
  } catch (error: unknown) {
    expect((error as { code?: unknown }).code).toBe('invalid_request_parameters');
    return undefined;
  }
};

describe('routePhoneNumber', () => {
  beforeAll(loadPhonePlan);

  it('is idempotent: routing "+" + e164 gives the same route, in both modes', () => {
    fc.assert(
      fc.property(anyPhoneInput, fc.boolean(), (input, strict) => {
        const route = tryRoute(input, strict);
        if (route === undefined) {
          return;
        }
        const again = routePhoneNumber(`+${route.e164}`, { strictPhoneRegionNumberCheck: strict });
        expect(again.e164).toBe(route.e164);
        expect(again.region).toBe(route.region);
        expect(routePhoneNumber(again.e164, { strictPhoneRegionNumberCheck: true })).toEqual(again);
      }),
      { numRuns: 2000 }
    );
  });

  it('in strict mode routes to mainland China only numbers that carry country code 86, and keeps every digit', () => {
    fc.assert(
      fc.property(anyPhoneInput, (input) => {
        const route = tryRoute(input, true);
        if (route === undefined) {
          return;
        }
        // Oracle: the input's ASCII digits, without an international "00" prefix.
        const compact = input.trim().replaceAll(/[\s\-.()]/g, '');
        const digits = compact.replace(/^\+/, '').replace(/^00/, '');
        expect(route.e164).toBe(digits);
        if (route.region === 'mainland') {
          expect(route.e164).toMatch(/^861[3-9]\d{9}$/);
          expect(route.national).toBe(route.e164.slice(2));
        } else {
          expect(route.e164.startsWith('86')).toBe(false);
        }
      }),
      { numRuns: 2000 }
    );
  });

  it('never invents a country: any accepted number has 7–15 ASCII digits and no leading 0', () => {
    fc.assert(
      fc.property(anyPhoneInput, fc.boolean(), (input, strict) => {
        const route = tryRoute(input, strict);
        if (route === undefined) {
          return;
        }
        expect(route.e164).toMatch(/^[1-9][0-9]{6,14}$/);
      }),
      { numRuns: 2000 }
    );
  });

  it('legacy (non-strict) mode only adds 86 to a bare 11-digit 1[3-9] number', () => {
    fc.assert(
      fc.property(anyPhoneInput, (input) => {
        const strict = tryRoute(input, true);
        const legacy = tryRoute(input, false);
        if (legacy !== undefined) {
          const sameAsStrict = strict?.e164 === legacy.e164;
          if (!sameAsStrict) {
            expect(legacy.region).toBe('mainland');
            expect(input.trim().replaceAll(/[\s\-.()]/g, '')).toMatch(/^1[3-9]\d{9}$/);
          }
        }
      }),
      { numRuns: 3000 }
    );
  });
});

// -------------------------------------------------------------------------------------------------
// Signing
// -------------------------------------------------------------------------------------------------

/** Header-carried values (nonce, key id, token) have no leading/trailing whitespace on the wire. */
const token = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./+='),
  minLength: 1,
  maxLength: 24,
});
const unicodeValue = fc.string({ unit: 'grapheme', maxLength: 20 });
const paramName = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
  minLength: 1,
  maxLength: 12,
});

type SignInput = {
  credentials: Credentials;
  apiParams: Record<string, string>;
  timestamp: Date;
  nonce: string;
  host: string;
};

const signInput: fc.Arbitrary<SignInput> = fc.record({
  credentials: fc.record({
    accessKeyId: token,
    accessKeySecret: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
    securityToken: fc.option(token, { nil: undefined }),
  }),
  apiParams: fc.record({
    PhoneNumbers: fc.string({
      unit: fc.constantFrom(...'0123456789'),
      minLength: 7,
      maxLength: 15,
    }),
    SignName: unicodeValue,
    TemplateCode: unicodeValue,
    TemplateParam: unicodeValue,
  }),
  // Whole seconds: both schemes sign the time at one-second resolution.
  timestamp: fc
    .integer({ min: 1_500_000_000, max: 2_500_000_000 })
    .map((seconds) => new Date(seconds * 1000)),
  nonce: token,
  host: fc.constantFrom('dysmsapi.aliyuncs.com', '127.0.0.1:4010', 'localhost:1234'),
});

type Mutation = { field: string; apply: (input: SignInput) => SignInput };

/** One changed input, guaranteed different from the original. */
const mutation = (input: SignInput): fc.Arbitrary<Mutation> =>
  fc.oneof(
    token
      .filter((value) => value !== input.credentials.accessKeyId)
      .map((value) => ({
        field: 'accessKeyId',
        apply: (i: SignInput) => ({ ...i, credentials: { ...i.credentials, accessKeyId: value } }),
      })),
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
      .filter((value) => value !== input.credentials.accessKeySecret)
      .map((value) => ({
        field: 'accessKeySecret',
        apply: (i: SignInput) => ({
          ...i,
          credentials: { ...i.credentials, accessKeySecret: value },
        }),
      })),
    fc
      .option(token, { nil: undefined })
      .filter((value) => value !== input.credentials.securityToken)
      .map((value) => ({
        field: 'securityToken',
        apply: (i: SignInput) => ({
          ...i,
          credentials: { ...i.credentials, securityToken: value },
        }),
      })),
    token
      .filter((value) => value !== input.nonce)
      .map((value) => ({ field: 'nonce', apply: (i: SignInput) => ({ ...i, nonce: value }) })),
    fc
      .integer({ min: 1, max: 100_000 })
      .chain((seconds) => fc.constantFrom(seconds, -seconds))
      .map((seconds) => ({
        field: 'timestamp',
        apply: (i: SignInput) => ({
          ...i,
          timestamp: new Date(i.timestamp.getTime() + seconds * 1000),
        }),
      })),
    fc
      .tuple(
        fc.constantFrom('PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam'),
        unicodeValue
      )
      .filter(([name, value]) => input.apiParams[name] !== value)
      .map(([name, value]) => ({
        field: name,
        apply: (i: SignInput) => ({ ...i, apiParams: { ...i.apiParams, [name]: value } }),
      })),
    fc
      .tuple(paramName, unicodeValue)
      .filter(([name]) => !(name in input.apiParams))
      .map(([name, value]) => ({
        field: `extra param ${name}`,
        apply: (i: SignInput) => ({ ...i, apiParams: { ...i.apiParams, [name]: value } }),
      }))
  );

// The property holds for any action; SendSms is the one with published vectors.
const action = { action: 'SendSms', version: '2017-05-25' };
const v1 = (input: SignInput) =>
  signV1({
    method: 'POST',
    credentials: input.credentials,
    action,
    apiParams: input.apiParams,
    timestamp: input.timestamp,
    nonce: input.nonce,
  });
const v3 = (input: SignInput) =>
  signV3({
    method: 'POST',
    host: input.host,
    credentials: input.credentials,
    action,
    apiParams: input.apiParams,
    timestamp: input.timestamp,
    nonce: input.nonce,
  });

describe('request signing', () => {
  it('is deterministic for a fixed nonce and time (both schemes)', () => {
    fc.assert(
      fc.property(signInput, (input) => {
        expect(v1(input)).toEqual(v1(structuredClone(input)));
        expect(v3(input)).toEqual(v3(structuredClone(input)));
      }),
      { numRuns: 500 }
    );
  });

  it('changes when any input changes (V1 signature; V3 signed request)', () => {
    fc.assert(
      fc.property(
        signInput.chain((input) => fc.tuple(fc.constant(input), mutation(input))),
        ([input, change]) => {
          const changed = change.apply(input);
          expect(v1(changed).signature, `V1 ${change.field}`).not.toBe(v1(input).signature);
          const before = v3(input);
          const after = v3(changed);
          if (change.field === 'accessKeyId' && !input.credentials.securityToken) {
            // ACS3 signs no header carrying a long-term key id; it travels in Authorization.
            expect(after.headers.authorization, `V3 ${change.field}`).not.toBe(
              before.headers.authorization
            );
          } else {
            expect(after.signature, `V3 ${change.field}`).not.toBe(before.signature);
          }
        }
      ),
      { numRuns: 1500 }
    );
  });

  it("is accepted by the emulator's independent V1 verifier for arbitrary Unicode parameters", () => {
    fc.assert(
      fc.property(signInput, (input) => {
        const signed = v1(input);
        // What the server sees: the form body decoded, Signature removed.
        const received = new Map(new URLSearchParams(signed.encoded));
        expect(received.get('Signature')).toBe(signed.signature);
        for (const [name, value] of Object.entries(signed.params)) {
          expect(received.get(name)).toBe(value);
        }
        const expected = serverV1Signature(
          input.credentials.accessKeySecret,
          serverV1StringToSign('POST', received)
        );
        expect(signed.signature).toBe(expected);
      }),
      { numRuns: 1000 }
    );
  });

  it("is accepted by the emulator's independent V3 verifier for arbitrary Unicode parameters", () => {
    fc.assert(
      fc.property(signInput, (input) => {
        const signed = v3(input);
        const authorization = parseV3Authorization(signed.headers.authorization ?? '');
        expect(authorization).not.toBeNull();
        const query = new Map(new URLSearchParams(signed.query));
        for (const [name, value] of Object.entries(input.apiParams)) {
          expect(query.get(name)).toBe(value);
        }
        expect(signed.query).toBe(canonicalQueryString(input.apiParams));
        const headers = Object.fromEntries(
          Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), [value]])
        );
        const canonical = serverV3CanonicalRequest({
          method: 'POST',
          path: '/',
          query,
          headers,
          signedHeaders: authorization?.signedHeaders ?? [],
          payloadHash: signed.headers['x-acs-content-sha256'] ?? '',
        });
        expect(
          serverV3Signature(input.credentials.accessKeySecret, serverV3StringToSign(canonical))
        ).toBe(signed.signature);
      }),
      { numRuns: 1000 }
    );
  });
});
