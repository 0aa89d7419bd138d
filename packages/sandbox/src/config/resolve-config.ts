import { readFile } from 'node:fs/promises';

import { errorMessage, SandboxConfigError } from '../errors.js';
import { isJsonObject } from '../shared/json-object.js';
import type { SandboxConfig, SandboxConfigInput } from '../types.js';

import { defaultSandboxConfig } from './defaults.js';
import { validateConfig } from './validate-config.js';

// Arrays replace rather than concatenate: a config file that lists templates means "these
// templates", and there would otherwise be no way to remove a default.
const deepMerge = (base: unknown, override: unknown): unknown => {
  if (override === undefined) {
    return structuredClone(base);
  }
  if (isJsonObject(base) && isJsonObject(override)) {
    const merged: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(base), ...Object.keys(override)])) {
      merged[key] = deepMerge(base[key], override[key]);
    }
    return merged;
  }
  return structuredClone(override);
};

// An object whose merge over the defaults is a valid config is a valid set of overrides.
function assertConfigInput(value: Record<string, unknown>): asserts value is SandboxConfigInput {
  validateConfig(deepMerge(defaultSandboxConfig, value));
}

/**
 * The embedded defaults with `input` deep-merged over them (arrays replace), validated.
 *
 * @throws SandboxConfigError naming the first invalid path, e.g. `config.aliyun.accessKeys[0].accessKeySecret`.
 */
export const resolveConfig = (input: SandboxConfigInput = {}): SandboxConfig => {
  const merged = deepMerge(defaultSandboxConfig, input);
  validateConfig(merged);
  return merged;
};

/**
 * Reads a JSON file of sandbox config overrides (the `--config` flag) and checks it against the
 * defaults now, so a bad file fails at start-up naming the file.
 *
 * @param path A file holding one JSON object; it is merged over the defaults as `startSandbox({ config })` does.
 * @throws SandboxConfigError (with `file`) when the file cannot be read, is not a JSON object, or
 * gives an invalid config.
 */
export const loadSandboxConfigFile = async (path: string): Promise<SandboxConfigInput> => {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new SandboxConfigError(
      `Sandbox config ${path} cannot be read: ${errorMessage(error)}`,
      path,
      { cause: error }
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new SandboxConfigError(
      `Sandbox config ${path} is not valid JSON: ${errorMessage(error)}`,
      path
    );
  }
  if (!isJsonObject(parsed)) {
    throw new SandboxConfigError(`Sandbox config ${path} must contain a JSON object`, path);
  }
  try {
    assertConfigInput(parsed);
  } catch (error) {
    throw new SandboxConfigError(`Sandbox config ${path}: ${errorMessage(error)}`, path);
  }
  return parsed;
};
