/**
 * Canary secrets for the leak tests, and every form in which one could escape: raw, percent-encoded
 * once and twice by any of the project's encoders in any order (RFC 3986, encodeURIComponent, form
 * encoding, JSON escaping), in both hex cases. Each canary holds characters that every one of those
 * encodings changes (+ / = & " \ %) and the ones they disagree on (~ ! ' ( ) *: kept by some,
 * escaped by others), so a redactor that misses one encoder's form is caught; and each starts with
 * a distinctive alphanumeric core that all forms share, so even a truncated or re-encoded fragment
 * is caught by looking for the start of the core.
 */
import { inspect } from 'node:util';

import { fieldOf, jsonOf } from './values.js';

export const canaries = {
  /** Long-term AccessKey secret known to the emulator. */
  accessKeySecret: 'CnryAkSecret7f3a+/="\\&%~!\'()*x',
  /** Secret of the STS key known to the emulator. */
  stsSecret: 'CnryStsSecret5b1c+/="\\&%~!\'()*y',
  /** STS token known to the emulator. */
  securityToken: 'CnryStsToken9d4e+/="\\&%~!\'()*z',
  /** A secret the emulator does not know: SignatureDoesNotMatch. */
  wrongSecret: 'CnryWrongSecret2c8f+/="\\&%~!\'()*w',
  /** A token the emulator does not know: InvalidSecurityToken. */
  wrongToken: 'CnryWrongToken6a0b+/="\\&%~!\'()*v',
  /** YunPian apikeys: international on, balance 0, domestic only; and one unknown to the emulator. */
  apikey: 'CnryApikeyA1b2+/="\\&%~!\'()*u',
  emptyBalanceApikey: 'CnryPoorApikey3c4d+/="\\&%~!\'()*t',
  domesticApikey: 'CnryDomesticApikey5e6f+/="\\&%~!\'()*s',
  wrongApikey: 'CnryWrongApikey7a8b+/="\\&%~!\'()*r',
  /** Verification codes: one the emulators accept, one Aliyun refuses as too long. */
  code: 'Zq7Kx9',
  longCode: 'CnryCodeZq7Kx9Wm3Tn5',
} as const;

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replaceAll(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );
const formEncoded = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);
const lowerHex = (value: string) =>
  value.replaceAll(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

const encoders = [rfc3986, encodeURIComponent, formEncoded, jsonEscaped];
const bothCases = (forms: string[]) => forms.flatMap((form) => [form, lowerHex(form)]);
const encodedOnce = (value: string) => bothCases(encoders.map((encode) => encode(value)));

/** Every form of a secret this suite looks for: raw, and each encoder once or twice, either hex case. */
export const formsOf = (secret: string): string[] => {
  const once = encodedOnce(secret);
  return [...new Set([secret, ...once, ...once.flatMap((form) => encodedOnce(form))])];
};

/** The alphanumeric start shared by every form of the canary. */
export const coreOf = (secret: string): string => /^[A-Za-z0-9]+/.exec(secret)?.[0] ?? secret;

/**
 * The shortest start of the core that still cannot occur by chance in connector output (request
 * ids are uppercase hex, codes of other sends are digits): 8 characters of a secret, 4 of the
 * 6-character code. Finding it means at least that much of the canary escaped, e.g. a secret cut
 * in half by a length limit applied before redaction.
 */
export const fragmentOf = (secret: string): string => {
  const core = coreOf(secret);
  return core.slice(0, Math.min(8, Math.max(4, core.length - 2)));
};

export type Leak = { canary: string; form: string; where: string };

/** Every canary form (and core) found in `text`. */
export const leaksIn = (text: string, secrets: readonly string[], where: string): Leak[] =>
  secrets.flatMap((secret) => {
    const found = formsOf(secret).filter((form) => text.includes(form));
    const fragment = fragmentOf(secret);
    if (found.length === 0 && text.includes(fragment)) {
      found.push(`fragment "${fragment}"`);
    }
    return found.map((form) => ({ canary: secret, form, where }));
  });

const safeJson = (value: unknown): string => {
  try {
    return jsonOf(value) ?? '';
  } catch {
    return '';
  }
};

/** Every way an error can be shown: message, stack, data, cause chain, JSON, util.inspect. */
export const errorSurfaces = (error: unknown): Array<[where: string, text: string]> => {
  const surfaces: Array<[string, string]> = [
    ['String(error)', String(error)],
    ['message', String(fieldOf(error, 'message'))],
    ['stack', String(fieldOf(error, 'stack'))],
    ['JSON.stringify(error)', safeJson(error)],
    ['JSON.stringify(data)', safeJson(fieldOf(error, 'data'))],
    [
      'inspect(error)',
      inspect(error, { depth: 20, showHidden: true, breakLength: Number.POSITIVE_INFINITY }),
    ],
  ];
  let cause = fieldOf(error, 'cause');
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    surfaces.push([`cause[${depth}]`, inspect(cause, { depth: 20, showHidden: true })]);
    cause = fieldOf(cause, 'cause');
  }
  return surfaces;
};

export const leaksInError = (error: unknown, secrets: readonly string[]): Leak[] =>
  errorSurfaces(error).flatMap(([where, text]) => leaksIn(text, secrets, where));

/**
 * A provider message that echoes the secrets the way a careless proxy or API might: in every form
 * of `formsOf` (raw, each encoder once or twice, either hex case).
 */
export const hostileEcho = (secrets: readonly string[]): string =>
  secrets.map((secret) => `echo ${formsOf(secret).join(' | ')}`).join(' ; ');

/** Only the lowercase-hex percent-encoded form (`%2b` instead of `%2B`). */
export const lowercaseHexEcho = (secret: string): string => `echo ${lowerHex(rfc3986(secret))}`;
