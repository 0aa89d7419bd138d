import { describe, expect, it } from 'vitest';

import { createRedactor, redactedMarker } from '../src/redaction.js';

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
