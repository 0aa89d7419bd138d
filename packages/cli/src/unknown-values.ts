/**
 * Reading values the CLI cannot type in advance (parsed JSON, imported connector modules, thrown
 * values) by checking them rather than asserting their type.
 */

/** A non-null, non-array object whose members can be read one by one. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The message of a thrown value: an Error's `message`, anything else as text. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
