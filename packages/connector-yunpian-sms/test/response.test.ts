import { createRedactor } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { rejectionOf } from '../../../tests/support/index.js';
import { checkResponse } from '../src/errors.js';
import { exactSid } from '../src/response.js';

const redactor = createRedactor([]);

const read = (body: string, status = 200) => checkResponse({ status, body }, redactor);

const unread = () => {
  throw new Error('the source was read');
};

describe('sid precision', () => {
  test.each([
    ['2^53 + 1', '9007199254740993'],
    ['2^63 - 1', '9223372036854775807'],
    ['an ordinary sid', '3310228982'],
  ])('keeps %s exact', (_name, sid) => {
    expect(
      read(
        `{"code":0,"msg":"发送成功","count":1,"fee":0.05,"unit":"RMB","mobile":"13800138000","sid":${sid}}`
      )
    ).toEqual({
      sid,
      count: 1,
      fee: 0.05,
    });
    // JSON.parse alone would have rounded it.
    if (sid === '9007199254740993') {
      expect(String(JSON.parse(`{"sid":${sid}}`).sid)).not.toBe(sid);
    }
  });

  test('reads the real member, not look-alikes in strings or nested objects', () => {
    const body =
      '{ "msg" : "sid\\":1 \\"sid\\": 2", "detail": {"sid": 3}, "x\\"sid": 4, "list": [{"sid":5}],\n  "s\\u0069d" :\t9007199254740993 , "code": 0 }';
    expect(read(body)).toEqual({ sid: '9007199254740993' });
  });

  test('takes the last of duplicate members, as JSON.parse does', () => {
    expect(read('{"code":0,"sid":1,"sid":9007199254740995}').sid).toBe('9007199254740995');
  });

  test('accepts a sid sent as a string, and a success without sid', () => {
    expect(read('{"code":0,"sid":"9007199254740993"}')).toEqual({ sid: '9007199254740993' });
    expect(read('{"code":0,"count":2,"fee":"0.1000"}')).toEqual({ count: 2, fee: 0.1 });
  });

  test('exactSid reads the source only for a value JSON.parse may have rounded', () => {
    expect(exactSid(30_000_000_001, unread)).toBe('30000000001');
    expect(exactSid(Number.MAX_SAFE_INTEGER, unread)).toBe('9007199254740991');
    expect(exactSid('9007199254740993', unread)).toBe('9007199254740993');
    expect(exactSid(undefined, unread)).toBeUndefined();
    expect(exactSid(2 ** 53, () => '9007199254740993')).toBe('9007199254740993');
    expect(exactSid(-0, () => '-0')).toBe('-0');
    expect(exactSid(null, () => 'null')).toBeUndefined();
    expect(exactSid('', unread)).toBeUndefined();
  });

  test('every integer sid up to 2^64, written as a number, comes back as written', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n }),
        fc.constantFrom('', ' ', '\n'),
        (sid, space) => {
          expect(read(`{"code":0,${space}"sid":${space}${sid}${space}}`).sid).toBe(String(sid));
        }
      )
    );
  });
});

describe('answers that are not a YunPian envelope', () => {
  test.each([
    ['an empty 200', 200, '', ConnectorErrorCodes.InvalidResponse],
    ['a JSON array', 200, '[]', ConnectorErrorCodes.InvalidResponse],
    ['an object without code', 200, '{"foo":"bar"}', ConnectorErrorCodes.InvalidResponse],
    ['a non-integer code', 200, '{"code":"ok"}', ConnectorErrorCodes.InvalidResponse],
    ['a JSON null', 400, 'null', ConnectorErrorCodes.InvalidResponse],
    ['text on a 400', 400, 'Bad Request', ConnectorErrorCodes.InvalidResponse],
    [
      'HTML on a 502',
      502,
      '<html><body>502 Bad Gateway</body></html>',
      ConnectorErrorCodes.General,
    ],
    ['an empty 503', 503, '', ConnectorErrorCodes.General],
    ['JSON without code on a 500', 500, '{"error":"oops"}', ConnectorErrorCodes.General],
  ])('%s', async (_name, status, body, code) => {
    const error = await rejectionOf(Promise.resolve().then(() => read(body, status)));
    expect(error.code).toBe(code);
    expect(error.data).toMatchObject({ provider: 'yunpian', httpStatus: status });
  });

  test('a numeric-string code is read as the code', async () => {
    const error = await rejectionOf(
      Promise.resolve().then(() => read('{"code":"-3","msg":"IP没有权限"}', 400))
    );
    expect(error.data).toMatchObject({ providerCode: -3 });
  });

  test('a byte-order mark does not make a success unreadable', () => {
    expect(read('\uFEFF{"code":0,"sid":12}')).toEqual({ sid: '12' });
  });

  test('a long unexpected body is quoted short', async () => {
    const error = await rejectionOf(
      Promise.resolve().then(() => read(`<html>${'x'.repeat(5000)}</html>`, 404))
    );
    expect(
      String((error.data as { errorDescription: string }).errorDescription).length
    ).toBeLessThan(600);
  });
});

describe('quoted bodies', () => {
  test('an HTML error page is quoted as text', async () => {
    const error = await rejectionOf(
      Promise.resolve().then(() =>
        read(
          '<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body></html>',
          502
        )
      )
    );
    expect((error.data as { errorDescription: string }).errorDescription).toBe(
      'YunPian answered HTTP 502 with an unexpected body: 502 Bad Gateway 502 Bad Gateway. YunPian or a proxy in front of it is failing; the message may or may not have been sent. Try again in a moment.'
    );
  });
});
