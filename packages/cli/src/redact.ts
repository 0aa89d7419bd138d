/**
 * Keeps secrets out of everything the CLI prints. Connectors redact their own errors, but the CLI
 * prints configs, zod issues and provider answers too, and must not depend on a connector getting
 * it right: every line goes through here before it reaches stdout or stderr.
 */
export type Redactor = {
  text: (value: string) => string;
  /** A copy of a JSON-like value with every string redacted. */
  deep: <T>(value: T) => T;
};

export const mask = '***';

// Config keys whose values are secrets, whatever the connector calls them.
const secretKey = /secret|token|apikey|api_key|password|privatekey|private_key/i;

// Shorter values would also match inside unrelated text (a 3-digit number in a request id).
const minimumLength = 4;

/** Every string value under a secret-looking key, at any depth. */
export const collectSecrets = (value: unknown): string[] => {
  const found: string[] = [];
  const visit = (node: unknown, key: string | undefined) => {
    if (typeof node === 'string') {
      if (key !== undefined && secretKey.test(key)) found.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item, key);
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
    }
  };
  visit(value, undefined);
  return found;
};

// The ways a secret can show up in output: as is, URL-encoded (query strings, Aliyun's
// string-to-sign), or escaped inside a JSON string.
const spellings = (secret: string): string[] => {
  const trimmed = secret.trim();
  return [secret, trimmed, encodeURIComponent(trimmed), encodeURIComponent(encodeURIComponent(trimmed)), JSON.stringify(trimmed).slice(1, -1)];
};

export const createRedactor = (secrets: ReadonlyArray<string | undefined>): Redactor => {
  const needles = [
    ...new Set(
      secrets
        .filter((secret): secret is string => typeof secret === 'string')
        .flatMap(spellings)
        .filter((needle) => needle.length >= minimumLength)
    ),
  ]
    // Longest first, so a secret containing another is masked whole.
    .sort((a, b) => b.length - a.length);

  const text = (value: string): string =>
    needles.reduce((result, needle) => (result.includes(needle) ? result.split(needle).join(mask) : result), value);

  const deep = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map((item) => deep(item)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), deep(item)])) as T;
    }
    return value;
  };

  return { text, deep };
};

/** A copy of a config for display: secret-looking fields replaced by the mask. */
export const maskConfig = <T>(config: T): T => {
  const visit = (node: unknown, key: string | undefined): unknown => {
    if (typeof node === 'string' && key !== undefined && secretKey.test(key)) return mask;
    if (Array.isArray(node)) return node.map((item) => visit(item, key));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([childKey, child]) => [childKey, visit(child, childKey)]));
    }
    return node;
  };
  return visit(config, undefined) as T;
};
