const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const sameData = (value: unknown, snapshot: unknown): boolean => {
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
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return false;
  }
  if (Array.isArray(snapshot)) {
    if (!Array.isArray(value) || value.length !== snapshot.length) {
      return false;
    }
    for (const [index, element] of snapshot.entries()) {
      if (!sameData(value[index], element)) {
        return false;
      }
    }
    return true;
  }
  if (Array.isArray(value) || !isPlainObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  const snapshotKeys = Object.keys(snapshot);
  if (keys.length !== snapshotKeys.length) {
    return false;
  }
  for (const [index, key_] of keys.entries()) {
    const key = key_;
    // Same order too: the order is part of the JSON text.
    if (key !== snapshotKeys[index]) {
      return false;
    }
    if (
      !sameData((value as Record<string, unknown>)[key], (snapshot as Record<string, unknown>)[key])
    ) {
      return false;
    }
  }
  return true;
};

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
