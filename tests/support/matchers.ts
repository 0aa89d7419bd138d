/**
 * Vitest's asymmetric matchers typed `unknown` instead of `any`, so an expected object that holds
 * one stays type-checked (an `any` property would switch checking off for the whole literal).
 */
import { expect } from 'vitest';

/** Matches any string. */
export const anyString: unknown = expect.any(String);

/** Matches a string that `pattern` matches. */
export const stringMatching = (pattern: RegExp | string): unknown => expect.stringMatching(pattern);
