const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const sameArray = (value: object, snapshot: readonly unknown[]): boolean => {
  if (!Array.isArray(value) || value.length !== snapshot.length) {
    return false;
  }
  for (const [index, element] of snapshot.entries()) {
    if (!sameData(value[index], element)) {
      return false;
    }
  }
  return true;
};

const sameObject = (value: object, snapshot: object): boolean => {
  if (Array.isArray(value) || !isPlainObject(value) || !isPlainObject(snapshot)) {
    return false;
  }
  const keys = Object.keys(value);
  const snapshotKeys = Object.keys(snapshot);
  if (keys.length !== snapshotKeys.length) {
    return false;
  }
  for (const [index, key] of keys.entries()) {
    // Same order too: the order is part of the JSON text.
    if (key !== snapshotKeys[index] || !sameData(value[key], snapshot[key])) {
      return false;
    }
  }
  return true;
};

function sameData(value: unknown, snapshot: unknown): boolean {
  if (value === snapshot) {
    return true;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof snapshot !== 'object' ||
    snapshot === null
  ) {
    return false;
  }
  // JSON.stringify would call it and write whatever it returns.
  if (typeof Reflect.get(value, 'toJSON') === 'function') {
    return false;
  }
  return Array.isArray(snapshot) ? sameArray(value, snapshot) : sameObject(value, snapshot);
}

/**
 * Whether `JSON.stringify(value)` would give the same text as `JSON.stringify(snapshot)`, where
 * `snapshot` came out of `JSON.parse`, decided without writing the text: `value` must be plain data
 * (strings, numbers, booleans, null, arrays, plain objects) equal to `snapshot` member by member,
 * with the object keys in the same order. Anything else (a `toJSON`, a class instance, a hole, an
 * `undefined` member, a throwing getter or proxy) answers `false`, never a wrong `true`.
 *
 * Reading a config this way costs a fraction of stringifying it, which `parseConfig` otherwise does
 * on every send to find its cache entry.
 */
export const sameJsonText = (value: unknown, snapshot: unknown): boolean => {
  try {
    return sameData(value, snapshot);
  } catch {
    return false;
  }
};
