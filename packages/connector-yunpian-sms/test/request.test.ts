import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { buildRequest, formValue } from '../src/request.js';
import { splitAtCode } from '../src/templates.js';

describe('the single_send form body', () => {
  test('formValue writes any text exactly as URLSearchParams does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^\+?[\dA-Za-z]*$/)),
        (value) => {
          expect(formValue(value)).toBe(new URLSearchParams({ v: value }).toString().slice(2));
        }
      )
    );
  });

  test('is byte for byte what URLSearchParams gives for the whole message', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        fc.stringMatching(/^[A-Za-z0-9]{1,32}$/),
        fc.constantFrom('13800138000', '+85212345678'),
        (before, after, code, mobile) => {
          const text = splitAtCode(
            `${before.replaceAll('#', '')}#code#${after.replaceAll('#', '')}`
          );
          const { body, url, method } = buildRequest({
            endpoint: 'https://sms.yunpian.com',
            apikey: 'k3y+/=',
            mobile,
            text,
            code,
          });
          expect(method).toBe('POST');
          expect(url).toBe('https://sms.yunpian.com/v2/sms/single_send.json');
          expect(body).toBe(
            new URLSearchParams({
              apikey: 'k3y+/=',
              mobile,
              text: `${text.before}${code}${text.after}`,
            }).toString()
          );
        }
      )
    );
  });
});
