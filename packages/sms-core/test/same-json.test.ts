import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { parseConfig } from '../src/parse-config.js';
import { sameJsonText } from '../src/same-json.js';

const snapshotOf = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('sameJsonText', () => {
  it('answers true exactly when the JSON texts are equal, for plain JSON data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (value, other) => {
        expect(sameJsonText(value, snapshotOf(other))).toBe(
          JSON.stringify(value) === JSON.stringify(other)
        );
        expect(sameJsonText(value, snapshotOf(value))).toBe(true);
      })
    );
  });

  it('sees a changed nested value, a reordered key, an added or removed member', () => {
    const snapshot = snapshotOf({ a: 1, list: [{ b: 'x' }, 2] });
    expect(sameJsonText({ a: 1, list: [{ b: 'x' }, 2] }, snapshot)).toBe(true);
    expect(sameJsonText({ a: 1, list: [{ b: 'y' }, 2] }, snapshot)).toBe(false);
    expect(sameJsonText({ list: [{ b: 'x' }, 2], a: 1 }, snapshot)).toBe(false);
    expect(sameJsonText({ a: 1, list: [{ b: 'x' }, 2], c: null }, snapshot)).toBe(false);
    expect(sameJsonText({ a: 1, list: [{ b: 'x' }] }, snapshot)).toBe(false);
    expect(sameJsonText({ a: '1', list: [{ b: 'x' }, 2] }, snapshot)).toBe(false);
  });

  it('answers false, never a wrong true, for what JSON.stringify would write differently', () => {
    expect(sameJsonText({ a: 1, b: undefined }, snapshotOf({ a: 1 }))).toBe(false);
    expect(sameJsonText([1, undefined], snapshotOf([1, null]))).toBe(false);
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case under test (JSON.stringify writes it as null)
    expect(sameJsonText([1, , 3], snapshotOf([1, null, 3]))).toBe(false);
    expect(sameJsonText({ a: 1, toJSON: () => ({ a: 2 }) }, snapshotOf({ a: 1 }))).toBe(false);
    const hiddenToJson = Object.defineProperty({ a: 1 }, 'toJSON', {
      value: () => ({ a: 2 }),
      enumerable: false,
    });
    expect(sameJsonText(hiddenToJson, snapshotOf({ a: 1 }))).toBe(false);
    expect(sameJsonText(new Date(0), snapshotOf(new Date(0)))).toBe(false);
    expect(sameJsonText({ n: Number.NaN }, snapshotOf({ n: null }))).toBe(false);
    class Box {
      value = 1;
    }
    expect(sameJsonText(new Box(), snapshotOf({ value: 1 }))).toBe(false);
    const throwing = Object.defineProperty({}, 'a', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    });
    expect(sameJsonText(throwing, snapshotOf({ a: 1 }))).toBe(false);
  });
});

describe('parseConfig with the last-used config compared member by member', () => {
  const guard = z.object({
    secret: z.string(),
    templates: z.array(z.object({ text: z.string() })),
  });

  it('returns the cached result for an equal config given as a new object', () => {
    const first = parseConfig(guard, { secret: 's', templates: [{ text: 'a' }] });
    expect(parseConfig(guard, { secret: 's', templates: [{ text: 'a' }] })).toBe(first);
  });

  it('parses again when the same object was changed in place', () => {
    const raw = { secret: 's', templates: [{ text: 'before' }] };
    expect(parseConfig(guard, raw).templates[0]?.text).toBe('before');
    raw.templates[0]!.text = 'after';
    expect(parseConfig(guard, raw).templates[0]?.text).toBe('after');
    raw.templates.push({ text: 3 as unknown as string });
    expect(() => parseConfig(guard, raw)).toThrowError();
  });

  it('alternating configs each get their own result', () => {
    const first = parseConfig(guard, { secret: 'a', templates: [] });
    const second = parseConfig(guard, { secret: 'b', templates: [] });
    expect(parseConfig(guard, { secret: 'a', templates: [] })).toBe(first);
    expect(parseConfig(guard, { secret: 'b', templates: [] })).toBe(second);
    expect(first.secret).toBe('a');
    expect(second.secret).toBe('b');
  });
});
