import { SandboxConfigError } from '../errors.js';
import { isJsonObject } from '../shared/json-object.js';
import type { SandboxConfig } from '../types.js';

type Check = (value: unknown, path: string) => void;

const fail = (path: string, expected: string): never => {
  throw new SandboxConfigError(`${path ? `config.${path}` : 'config'} must be ${expected}`);
};

const string: Check = (value, path) => {
  if (typeof value !== 'string' || value.length === 0) {
    fail(path, 'a non-empty string');
  }
};
// YunPian signatures are written the way they appear in the text, brackets included.
const bracketedSignature: Check = (value, path) => {
  if (typeof value !== 'string' || !/^【[^【】]+】$/.test(value)) {
    fail(path, 'a signature like 【Name】');
  }
};
const signedTemplate: Check = (value, path) => {
  if (typeof value !== 'string' || !/^【[^【】]+】[^【】]+$/.test(value)) {
    fail(path, 'a template like 【Name】text with #var#');
  }
};
const boolean: Check = (value, path) => {
  if (typeof value !== 'boolean') {
    fail(path, 'a boolean');
  }
};
const count: Check = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(path, 'a number >= 0');
  }
};
const oneOf =
  (...allowed: string[]): Check =>
  (value, path) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      fail(path, `one of ${allowed.join(', ')}`);
    }
  };
const arrayOf =
  (item: Check): Check =>
  (value, path) => {
    if (!Array.isArray(value)) {
      return fail(path, 'an array');
    }
    for (const [index, entry] of value.entries()) {
      item(entry, `${path}[${index}]`);
    }
  };
const shape =
  (fields: Record<string, Check>): Check =>
  (value, path) => {
    if (!isJsonObject(value)) {
      return fail(path, 'an object');
    }
    for (const [key, check] of Object.entries(fields)) {
      check(value[key], path ? `${path}.${key}` : key);
    }
  };

const checkConfig = shape({
  aliyun: shape({
    accessKeys: arrayOf(shape({ accessKeyId: string, accessKeySecret: string })),
    stsCredentials: arrayOf(
      shape({ accessKeyId: string, accessKeySecret: string, securityToken: string })
    ),
    signatures: arrayOf(string),
    templates: arrayOf(
      shape({
        code: string,
        type: oneOf('verification', 'notification', 'promotion'),
        region: oneOf('mainland', 'international'),
        content: string,
      })
    ),
    whitelist: arrayOf(string),
  }),
  aliyunMas: shape({
    giftSignatures: arrayOf(string),
    templates: arrayOf(shape({ code: string, content: string })),
    intervalSeconds: count,
  }),
  yunpian: shape({
    accounts: arrayOf(
      shape({
        apikey: string,
        balance: count,
        international: boolean,
        defaultSignature: bracketedSignature,
      })
    ),
    templates: arrayOf(shape({ id: string, content: signedTemplate, international: boolean })),
    whitelist: arrayOf(string),
  }),
  tencent: shape({
    secrets: arrayOf(shape({ secretId: string, secretKey: string })),
    stsCredentials: arrayOf(shape({ secretId: string, secretKey: string, token: string })),
    sdkAppIds: arrayOf(string),
    regions: arrayOf(string),
    signatures: arrayOf(shape({ name: string, region: oneOf('mainland', 'international') })),
    templates: arrayOf(
      shape({
        id: string,
        type: oneOf('verification', 'notification', 'marketing'),
        region: oneOf('mainland', 'international'),
        content: string,
      })
    ),
    whitelist: arrayOf(string),
  }),
  rateLimits: shape({ enabled: boolean }),
  inbox: shape({ maxMessages: count }),
});

export function validateConfig(value: unknown): asserts value is SandboxConfig {
  checkConfig(value, '');
}
