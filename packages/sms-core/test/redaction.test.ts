import { describe, expect, it } from 'vitest';

import { createRedactor, redactedMarker } from '../src/redaction.js';

const lowerHex = (value: string) =>
  value.replaceAll(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

describe('createRedactor', () => {
  const secret = 'S3cret+/=&key with space';
  const redactor = createRedactor([secret, '739146', undefined, 'abc']);

  it('removes raw, percent-encoded, double-encoded and JSON-escaped forms', () => {
    const once = encodeURIComponent(secret);
    const twice = encodeURIComponent(once);
    const text = `a ${secret} b ${once} c ${twice} d ${JSON.stringify(`x"${secret}`)} code 739146`;
    const result = redactor.text(text);
    expect(result).not.toContain(secret);
    expect(result).not.toContain(once);
    expect(result).not.toContain(twice);
    expect(result).not.toContain('739146');
    expect(result).toContain(redactedMarker);
  });

  it('removes percent-encoded forms written with lowercase hex', () => {
    const lower = encodeURIComponent(secret).replaceAll(/%[0-9A-F]{2}/g, (escape) =>
      escape.toLowerCase()
    );
    expect(lower).not.toBe(encodeURIComponent(secret));
    expect(redactor.text(`x=${lower}`)).toBe(`x=${redactedMarker}`);
  });

  it('never throws, even for a secret that cannot be percent-encoded', () => {
    const broken = createRedactor(['abc\uD800def']);
    expect(broken.text('key abc\uD800def!')).toBe(`key ${redactedMarker}!`);
  });

  it('walks objects and arrays without touching other values', () => {
    const value = { a: [`x${secret}`, 1, null, { b: '739146' }], c: true, d: 'safe' };
    expect(redactor.deep(value)).toEqual({
      a: [`x${redactedMarker}`, 1, null, { b: redactedMarker }],
      c: true,
      d: 'safe',
    });
  });

  it('ignores secrets too short to redact without destroying ordinary text', () => {
    expect(redactor.text('abcdef')).toBe('abcdef');
  });
});

describe('createRedactor over every encoder the project uses', () => {
  // Every character that some of these encoders leave alone and others escape, plus the usual ones.
  const secret = `Sec~!'()*+/=&"\\% ;,:@?#[]$key`;
  const rfc3986 = (value: string) =>
    encodeURIComponent(value).replaceAll(
      /[!'()*]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
    );
  const encoders: Record<string, (value: string) => string> = {
    form: (value) => new URLSearchParams({ v: value }).toString().slice(2),
    rfc3986,
    encodeURIComponent,
    json: (value) => JSON.stringify(value).slice(1, -1),
  };
  const names = Object.keys(encoders);
  const chains = [
    ...names.map((name) => [name]),
    ...names.flatMap((outer) => names.map((inner) => [inner, outer])),
  ];
  const redactor = createRedactor([secret]);

  it.each(chains.map((chain) => [chain.join(' then '), chain] as const))(
    'removes the %s form, in both hex cases',
    (_label, chain) => {
      const encoded = chain.reduce((value, name) => encoders[name]!(value), secret);
      for (const form of new Set([encoded, lowerHex(encoded)])) {
        expect(redactor.text(`before ${form} after`)).toBe(`before ${redactedMarker} after`);
      }
    }
  );

  it('removes a secret echoed with surrounding whitespace trimmed', () => {
    expect(createRedactor(['  padded-secret-1 ']).text('key=padded-secret-1.')).toBe(
      `key=${redactedMarker}.`
    );
  });

  it('redacts object keys as well as values', () => {
    expect(redactor.deep({ [secret]: secret })).toEqual({ [redactedMarker]: redactedMarker });
  });
});
