import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import {
  endpointGuard,
  localeGuard,
  optionalLocaleGuard,
  strictPhoneRegionNumberCheckGuard,
  templateListGuard,
  timeoutGuard,
  usageTypeGuard,
} from '../src/config.js';

const endpoint = endpointGuard({
  defaultUrl: 'https://api.example.com',
  isProviderHost: (host) => host === 'api.example.com' || host.endsWith('.api.example.com'),
  expected: 'an example API host',
});

const messagesOf = (result: z.SafeParseReturnType<unknown, unknown>) =>
  result.success ? [] : result.error.issues.map(({ message }) => message);

describe('endpointGuard', () => {
  it.each([
    [undefined, 'https://api.example.com'],
    ['', 'https://api.example.com'], // A cleared Console field
    [null, 'https://api.example.com'],
    ['https://api.example.com/', 'https://api.example.com'],
    ['  https://eu.api.example.com  ', 'https://eu.api.example.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
    ['https://127.0.0.1:8443', 'https://127.0.0.1:8443'],
  ])('accepts %j as %s', (input, expected) => {
    expect(endpoint.parse(input)).toBe(expected);
  });

  it.each([
    ['http://api.example.com', 'http:// is only allowed'],
    ['http://10.0.0.5:4010', 'http:// is only allowed'],
    ['https://evil.example.org', 'is not an example API host'],
    ['https://api.example.com.evil.org', 'is not an example API host'],
    ['https://api.example.com/v2', 'bare origin'],
    ['https://user:pw@api.example.com', 'bare origin'],
    ['https://api.example.com?x=1', 'bare origin'],
    ['ftp://api.example.com', 'must start with https://'],
    ['not a url', 'must be a URL'],
  ])('refuses %j', (input, message) => {
    expect(messagesOf(endpoint.safeParse(input)).join(' ')).toContain(message);
  });

  describe('hosts the Logto server operator allows over http (Docker Desktop)', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('refuses host.docker.internal over http without the environment variable, naming it', () => {
      expect(
        messagesOf(endpoint.safeParse('http://host.docker.internal:4010')).join(' ')
      ).toContain('LOGTO_SMS_ALLOWED_HTTP_HOSTS');
    });

    it('accepts exactly the listed hosts, whatever their case, and nothing else', () => {
      vi.stubEnv('LOGTO_SMS_ALLOWED_HTTP_HOSTS', ' Host.Docker.Internal , sandbox.lan');
      expect(endpoint.parse('http://host.docker.internal:4010')).toBe(
        'http://host.docker.internal:4010'
      );
      expect(endpoint.parse('http://sandbox.lan:4010')).toBe('http://sandbox.lan:4010');
      expect(messagesOf(endpoint.safeParse('http://docker.internal:4010')).join(' ')).toContain(
        'http:// is only allowed'
      );
      expect(
        messagesOf(endpoint.safeParse('http://host.docker.internal.evil.org')).join(' ')
      ).toContain('http:// is only allowed');
    });
  });
});

describe('timeoutGuard', () => {
  it('defaults to 10 s and bounds the value', () => {
    expect(timeoutGuard.parse(undefined)).toBe(10_000);
    expect(timeoutGuard.parse(2500)).toBe(2500);
    expect(timeoutGuard.parse('')).toBe(10_000);
    expect(timeoutGuard.parse(null)).toBe(10_000);
    expect(timeoutGuard.parse(' 2500 ')).toBe(2500);
    expect(messagesOf(timeoutGuard.safeParse(50))).toEqual(['timeout must be at least 100 ms.']);
    expect(messagesOf(timeoutGuard.safeParse(600_000))).toEqual([
      'timeout must be at most 60000 ms (one minute).',
    ]);
    expect(messagesOf(timeoutGuard.safeParse(1500.5))).toEqual([
      'timeout is a whole number of milliseconds.',
    ]);
    expect(messagesOf(timeoutGuard.safeParse('ten seconds'))).toEqual([
      'timeout is a number of milliseconds, e.g. 10000.',
    ]);
  });
});

describe('templateListGuard', () => {
  const list = templateListGuard(
    z.object({ usageType: usageTypeGuard, locale: localeGuard.optional() })
  );
  const required = ['Register', 'SignIn', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
  }));

  it('accepts the required usage types with distinct locales', () => {
    expect(list.safeParse([...required, { usageType: 'SignIn', locale: 'en' }]).success).toBe(true);
  });

  it('requires only a Generic template, and says the others are recommended', () => {
    expect(list.safeParse([{ usageType: 'Generic' }]).success).toBe(true);
    expect(messagesOf(list.safeParse([{ usageType: 'SignIn' }]))).toEqual([
      'Add a Generic template (the older name "Test" also works): every usage type without its own template uses it. Register, SignIn, ForgotPassword templates are recommended, not required.',
    ]);
  });

  it("accepts a configuration from Logto's older docs: Register, SignIn and Test", () => {
    expect(
      list.safeParse([{ usageType: 'Register' }, { usageType: 'SignIn' }, { usageType: 'Test' }])
        .success
    ).toBe(true);
  });

  it('counts Test and Generic as the same usage type', () => {
    expect(messagesOf(list.safeParse([{ usageType: 'Test' }, { usageType: 'Generic' }]))).toEqual([
      'Templates 0 and 1 both cover usageType "Generic" without a locale; keep one.',
    ]);
  });

  it('rejects two templates for the same usage type and locale, whatever the tag spelling', () => {
    const result = list.safeParse([
      ...required,
      { usageType: 'SignIn', locale: 'zh-CN' },
      { usageType: 'SignIn', locale: 'zh_cn' },
    ]);
    expect(messagesOf(result)).toEqual([
      'Templates 4 and 5 both cover usageType "SignIn" with locale "zh_cn"; keep one.',
    ]);
    expect(messagesOf(list.safeParse([...required, { usageType: 'Generic' }]))).toEqual([
      'Templates 3 and 4 both cover usageType "Generic" without a locale; keep one.',
    ]);
  });

  it('accepts the list as JSON text, as a Console Json field may hand it over', () => {
    expect(list.parse(JSON.stringify(required))).toEqual(required);
    expect(messagesOf(list.safeParse('[{"usageType": "SignIn"'))).toEqual([
      'Expected array, received string',
    ]);
  });

  it('rejects unknown usage types and malformed locales', () => {
    const unknown = messagesOf(list.safeParse([...required, { usageType: 'Signin' }])).join(' ');
    expect(unknown).toContain('Unknown usageType. Use one of: SignIn, Register');
    expect(unknown).not.toContain('"Signin"');
    expect(
      messagesOf(
        list.safeParse([...required, { usageType: 'SignIn', locale: 'english please' }])
      ).join(' ')
    ).toContain('language tag');
  });
});

describe('blank Console fields', () => {
  it('mean "not set" for locale and the strict switch', () => {
    expect(optionalLocaleGuard.parse('')).toBeUndefined();
    expect(optionalLocaleGuard.parse(null)).toBeUndefined();
    expect(optionalLocaleGuard.parse('zh-CN')).toBe('zh-CN');
    expect(strictPhoneRegionNumberCheckGuard.parse(null)).toBe(true);
    expect(strictPhoneRegionNumberCheckGuard.parse(undefined)).toBe(true);
    expect(strictPhoneRegionNumberCheckGuard.parse(false)).toBe(false);
  });
});
