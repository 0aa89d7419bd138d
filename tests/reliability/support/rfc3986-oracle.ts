/** The oracle of the percent-encoding property tests (pure-properties.test.ts). */

/**
 * RFC 3986 §2.1–2.3, written from the RFC rather than from encodeURIComponent: take the UTF-8
 * bytes, keep the unreserved set (ALPHA / DIGIT / "-" / "." / "_" / "~"), write every other byte
 * as "%" and two UPPERCASE hex digits.
 */
const unreservedBytes = new Set(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'].map((char) =>
    char.charCodeAt(0)
  )
);
export const rfc3986Oracle = (value: string): string => {
  let encoded = '';
  for (const byte of new TextEncoder().encode(value)) {
    encoded += unreservedBytes.has(byte)
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
};
