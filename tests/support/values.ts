/**
 * Reading values whose shape a test cannot state to the type checker (a thrown value, a parsed
 * answer, a regex group) without asserting a type for them.
 */

/** `value[key]` when `value` is a non-null object, else undefined. */
export const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;

/** `JSON.stringify(value)` typed as it behaves: undefined for undefined, functions and symbols. */
export const jsonOf = (value: unknown): string | undefined => JSON.stringify(value);

/** `value`, or an Error naming `what` when it is null or undefined: a broken assumption fails loudly. */
export const required = <T>(value: T | null | undefined, what: string): T => {
  if (value === undefined || value === null) {
    throw new Error(`expected ${what}, found none`);
  }
  return value;
};
