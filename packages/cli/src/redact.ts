/**
 * Keeps secrets out of everything the CLI prints. Connectors redact their own errors, but the CLI
 * prints configs, zod issues and provider answers too, and must not depend on a connector getting
 * it right: every line goes through the redactor before it reaches stdout or stderr. It is the
 * connectors' own redactor (sms-core's pure `redaction` module, bundled into the CLI), so both
 * remove the same encoded forms; this file adds only what the CLI knows: which config keys hold
 * secrets.
 */
import { redactedMarker } from '../../sms-core/src/redaction.js';

export { createRedactor, type Redactor } from '../../sms-core/src/redaction.js';

/** What replaces a secret in CLI output. */
export const mask = redactedMarker;

// Config keys whose values are secrets, whatever the connector calls them.
const secretKey = /secret|token|apikey|api_key|password|privatekey|private_key/i;

/** Every string value under a secret-looking key, at any depth. */
export const collectSecrets = (value: unknown): string[] => {
  const found: string[] = [];
  const visit = (node: unknown, key: string | undefined) => {
    if (typeof node === 'string') {
      if (key !== undefined && secretKey.test(key)) {
        found.push(node);
      }
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) {
        visit(item, key);
      }
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [childKey, child] of Object.entries(node)) {
        visit(child, childKey);
      }
    }
  };
  visit(value, undefined);
  return found;
};

/** A copy of a config for display: secret-looking fields replaced by the mask. */
export const maskConfig = <T>(config: T): T => {
  const visit = (node: unknown, key: string | undefined): unknown => {
    if (typeof node === 'string' && key !== undefined && secretKey.test(key)) {
      return mask;
    }
    if (Array.isArray(node)) {
      return node.map((item) => visit(item, key));
    }
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([childKey, child]) => [childKey, visit(child, childKey)])
      );
    }
    return node;
  };
  // eslint-disable-next-line no-restricted-syntax -- the copy has the config's shape; only secret strings change (to the mask)
  return visit(config, undefined) as T;
};
