/**
 * The connector build refuses to copy module-level state into both lib/index.js and
 * lib/first-use.js (scripts/build.mjs). This is what it counts as state (scripts/module-state.mjs).
 */
import { describe, expect, it } from 'vitest';

import { holdsState } from '../scripts/module-state.mjs';

describe('holdsState', () => {
  it.each([
    ['a module-level let', 'let plan: Plan | undefined;\n'],
    ['an exported var', 'export var count = 0;\n'],
    ['a module-level Map', 'const cache = new Map<string, number>();\n'],
    ['a typed WeakMap', 'const seen: WeakMap<object, string> = new WeakMap();\n'],
    [
      'a Map whose comment does not say bundle-safe memo',
      '// Remembers the last answer.\nconst last = new Map();\n',
    ],
    [
      'a marked Map separated from its comment by a blank line',
      '// A bundle-safe memo.\n\nconst splits = new Map();\n',
    ],
  ])('counts %s as state', (_name, source) => {
    expect(holdsState(source)).toBe(true);
  });

  it.each([
    ['constants only', "const endpoint = 'https://sms.yunpian.com';\nconst limit = 256;\n"],
    ['a constant Set', "const codes: ReadonlySet<string> = new Set(['ECONNREFUSED']);\n"],
    ['a let inside a function', 'const f = () => {\n  let total = 0;\n  return total;\n};\n'],
    ['a Map inside a function', 'const f = () => {\n  const local = new Map();\n};\n'],
    [
      'a Map marked as a bundle-safe memo',
      '// A bundle-safe memo: each copy only caches on its own.\nconst splits = new Map();\n',
    ],
    [
      'a marked WeakMap with a multi-line comment',
      '// Parsed configs are frozen.\n// A bundle-safe memo, as above.\nconst filled = new WeakMap();\n',
    ],
  ])('does not count %s', (_name, source) => {
    expect(holdsState(source)).toBe(false);
  });
});
