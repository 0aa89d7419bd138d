import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import { z, ZodError } from 'zod';

import { parseConfig } from '../src/parse-config.js';

describe('parseConfig', () => {
  const guard = z.object({ secret: z.string().min(1), mode: z.enum(['a', 'b']) });

  it('refuses text with an unpaired surrogate, naming where it is, before the guard runs', () => {
    try {
      parseConfig(guard, { secret: 'ab\uD800cd', mode: 'a', nested: [{ note: '\uDC00' }] });
      expect.unreachable();
    } catch (error: unknown) {
      const { code, data } = error as ConnectorError;
      expect(code).toBe(ConnectorErrorCodes.InvalidConfig);
      expect((data as ZodError).issues.map(({ path }) => path.join('.'))).toEqual([
        'secret',
        'nested.0.note',
      ]);
      expect((data as ZodError).issues[0]?.message).toContain('broken character');
    }
  });

  it('returns the parsed config', () => {
    expect(parseConfig(guard, { secret: 'x', mode: 'a' })).toEqual({ secret: 'x', mode: 'a' });
  });

  it('reuses the frozen result for the same config text and re-parses any other text', () => {
    const first = parseConfig(guard, { secret: 'same', mode: 'a' });
    expect(parseConfig(guard, { secret: 'same', mode: 'a' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(parseConfig(guard, { secret: 'samE', mode: 'a' })).toEqual({
      secret: 'samE',
      mode: 'a',
    });
    expect(() => parseConfig(guard, { secret: 'same', mode: 'c' })).toThrowError(ConnectorError);
  });

  it('reads a config as the JSON Logto stores, and still refuses what is not JSON', () => {
    const withDefault = z.object({ timeout: z.number().default(10) });
    expect(parseConfig(withDefault, { timeout: undefined })).toEqual({ timeout: 10 });
    expect(() => parseConfig(guard, { secret: 1n, mode: 'a' })).toThrowError(ConnectorError);
    const cyclic: Record<string, unknown> = { mode: 'a' };
    cyclic.secret = cyclic;
    expect(() => parseConfig(guard, cyclic)).toThrowError(ConnectorError);
  });

  it('keeps a bounded number of configs', () => {
    const bounded = z.object({ n: z.number() });
    const firstResult = parseConfig(bounded, { n: 0 });
    for (let count = 1; count <= 40; count++) {
      parseConfig(bounded, { n: count });
    }
    // The oldest entry was dropped: the same text parses to a new, equal object.
    const again = parseConfig(bounded, { n: 0 });
    expect(again).toEqual(firstResult);
    expect(again).not.toBe(firstResult);
  });

  it('throws InvalidConfig carrying a ZodError without the received values', () => {
    try {
      parseConfig(guard, { secret: '', mode: 'top-secret-value' });
      expect.unreachable();
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(ConnectorError);
      const { code, data } = error as ConnectorError;
      expect(code).toBe(ConnectorErrorCodes.InvalidConfig);
      expect(data).toBeInstanceOf(ZodError);
      expect((data as ZodError).issues.map(({ path }) => path.join('.'))).toEqual([
        'secret',
        'mode',
      ]);
      expect(JSON.stringify(error)).not.toContain('top-secret-value');
      expect((error as Error).message).not.toContain('top-secret-value');
    }
  });
});
