import { readFile } from 'node:fs/promises';
import type { SandboxConfig, SandboxConfigInput } from '../types.js';
import { defaultSandboxConfig } from './defaults.js';
import { validateConfig } from './validate-config.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Arrays replace rather than concatenate: a config file that lists templates means "these
// templates", and there would otherwise be no way to remove a default.
const deepMerge = (base: unknown, override: unknown): unknown => {
  if (override === undefined) return structuredClone(base);
  if (isPlainObject(base) && isPlainObject(override)) {
    const merged: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(base), ...Object.keys(override)])) {
      merged[key] = deepMerge(base[key], override[key]);
    }
    return merged;
  }
  return structuredClone(override);
};

export const resolveConfig = (input: SandboxConfigInput = {}): SandboxConfig => {
  const merged = deepMerge(defaultSandboxConfig, input);
  validateConfig(merged);
  return merged;
};

export const loadSandboxConfigFile = async (path: string): Promise<SandboxConfigInput> => {
  const raw = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new Error(`Sandbox config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(parsed)) throw new Error(`Sandbox config ${path} must contain a JSON object`);
  // Validate the merged result now so a bad file fails at load time, naming the file.
  try {
    validateConfig(deepMerge(defaultSandboxConfig, parsed));
  } catch (error) {
    throw new Error(`Sandbox config ${path}: ${(error as Error).message}`);
  }
  return parsed as SandboxConfigInput;
};
