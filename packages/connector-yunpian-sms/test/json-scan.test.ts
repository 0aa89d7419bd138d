import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { topLevelArrayItemSources, topLevelMemberSources } from '../src/json-scan.js';

describe('topLevelMemberSources', () => {
  test('returns each member exactly as written', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.constantFrom(undefined, 2, '\t'),
        (object, indent) => {
          const json = JSON.stringify(object, null, indent);
          const members = topLevelMemberSources(json);
          expect([...members.keys()].sort()).toEqual(Object.keys(object).sort());
          for (const [name, source] of members) {
            expect(JSON.parse(source)).toEqual(JSON.parse(JSON.stringify(object[name])));
          }
        }
      )
    );
  });

  test('of something that is not an object is empty', () => {
    expect(topLevelMemberSources('[{"sid":1}]').size).toBe(0);
    expect(topLevelMemberSources('"sid"').size).toBe(0);
    expect(topLevelMemberSources('{}').size).toBe(0);
  });

  test('a value source is exact even where JSON.parse would round it', () => {
    const members = topLevelMemberSources('{"a":{"sid":1},"sid":9223372036854775807,"b":"x"}');
    expect(members.get('sid')).toBe('9223372036854775807');
    expect(members.get('a')).toBe('{"sid":1}');
  });
});

describe('topLevelArrayItemSources', () => {
  test('returns each element exactly as written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue()),
        fc.constantFrom(undefined, 2, '\t'),
        (items, indent) => {
          const json = JSON.stringify(items, null, indent);
          const sources = topLevelArrayItemSources(json);
          expect(sources).toHaveLength(items.length);
          for (const [index, source] of sources.entries()) {
            expect(JSON.parse(source)).toEqual(JSON.parse(JSON.stringify(items[index])));
          }
        }
      )
    );
  });

  test('keeps a 64-bit sid of each record as written', () => {
    const sources = topLevelArrayItemSources(
      '[ {"sid": 9007199254740993, "text":"]},{"}, {"sid":2} ]'
    );
    expect(sources).toEqual(['{"sid": 9007199254740993, "text":"]},{"}', '{"sid":2}']);
    expect(topLevelMemberSources(sources[0]!).get('sid')).toBe('9007199254740993');
  });

  test('of something that is not an array is empty', () => {
    expect(topLevelArrayItemSources('{"sid":1}')).toEqual([]);
    expect(topLevelArrayItemSources('[]')).toEqual([]);
  });
});
