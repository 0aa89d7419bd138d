import { randomUUID } from 'node:crypto';

import { isJsonObject } from '../shared/json-object.js';
import { sameRecipient } from '../shared/recipient.js';
import {
  isProvider,
  providers,
  type FaultKind,
  type FaultSpec,
  type Provider,
  type RegisteredFault,
} from '../types.js';

export const faultKinds: readonly FaultKind[] = [
  'error',
  'delay',
  'hang',
  'drip',
  'reset',
  'html502',
  'truncated',
  'non-json',
  'empty',
  'unknown-shape',
  'huge',
  'delivery-failed',
  'delivery-waiting',
];

/** Faults that shape the carrier's receipt of an accepted send instead of the HTTP answer. */
export const isDeliveryFault = (fault: FaultSpec): boolean =>
  fault.kind === 'delivery-failed' || fault.kind === 'delivery-waiting';

export class InvalidFaultError extends Error {}

const knownKinds: ReadonlySet<unknown> = new Set(faultKinds);
const isFaultKind = (value: unknown): value is FaultKind => knownKinds.has(value);
const isPhoneNumberText = (value: unknown): value is string =>
  typeof value === 'string' && value.replaceAll(/\D/g, '') !== '';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNumber = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

// The order a listed fault shows its fields in.
const optionalKeys = [
  'provider',
  'to',
  'sticky',
  'code',
  'httpStatus',
  'message',
  'delayMs',
  'intervalMs',
  'sizeBytes',
] as const;

/** `value` when absent or valid; an InvalidFaultError saying `problem` otherwise. */
const optional = <T>(
  value: unknown,
  isValid: (value: unknown) => value is T,
  problem: string
): T | undefined => {
  if (value !== undefined && !isValid(value)) {
    throw new InvalidFaultError(problem);
  }
  return value;
};

const optionalNumber = (
  spec: Readonly<Record<string, unknown>>,
  name: string,
  range: { min: number; max: number }
): number | undefined => {
  const { min, max } = range;
  return optional(
    spec[name],
    (value): value is number =>
      typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
    `fault.${name} must be a number between ${min} and ${max}`
  );
};

/** Checks a fault that may come straight from an HTTP body, and returns a clean copy. */
export const validateFault = (input: unknown): FaultSpec => {
  if (!isJsonObject(input)) {
    throw new InvalidFaultError('fault must be a JSON object');
  }
  const { kind } = input;
  if (!isFaultKind(kind)) {
    throw new InvalidFaultError(`fault.kind must be one of ${faultKinds.join(', ')}`);
  }
  const fields: Omit<FaultSpec, 'kind'> = {
    provider: optional(
      input.provider,
      isProvider,
      `fault.provider must be one of ${providers.map((name) => `'${name}'`).join(', ')}`
    ),
    to: optional(input.to, isPhoneNumberText, 'fault.to must be a phone number'),
    sticky: optional(input.sticky, isBoolean, 'fault.sticky must be a boolean'),
    code: optional(input.code, isStringOrNumber, 'fault.code must be a string or a number'),
    message: optional(input.message, isString, 'fault.message must be a string'),
    httpStatus: optionalNumber(input, 'httpStatus', { min: 100, max: 599 }),
    delayMs: optionalNumber(input, 'delayMs', { min: 0, max: 600_000 }),
    intervalMs: optionalNumber(input, 'intervalMs', { min: 1, max: 600_000 }),
    sizeBytes: optionalNumber(input, 'sizeBytes', { min: 0, max: 512 * 1024 * 1024 }),
  };
  // Only the fields given: a listed fault shows exactly what was armed.
  const clean: FaultSpec = { kind };
  for (const key of optionalKeys) {
    if (fields[key] !== undefined) {
      Object.assign(clean, { [key]: fields[key] });
    }
  }
  return clean;
};

const matchesRecipient = (to: string | undefined, recipients: readonly string[]): boolean =>
  to === undefined || recipients.some((recipient) => sameRecipient(recipient, to));

/** Armed faults, first added first matched. One-shot faults disarm on their first match. */
export class FaultRegistry {
  #faults: RegisteredFault[] = [];

  /** Arms a fault given as anything (an HTTP body included); throws InvalidFaultError when it is not a FaultSpec. */
  add(input: unknown): string {
    const fault = { id: randomUUID(), ...validateFault(input) };
    this.#faults.push(fault);
    return fault.id;
  }

  list(): RegisteredFault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((fault) => fault.id !== id);
    return this.#faults.length < before;
  }

  clear(): void {
    this.#faults = [];
  }

  /**
   * The first fault matching this request. Delivery faults only match sends: a status lookup must
   * not consume them. The caller disarms it once it applies (`disarm`).
   */
  find(
    provider: Provider,
    recipients: readonly string[],
    isSend = true
  ): RegisteredFault | undefined {
    return this.#faults.find(
      (fault) =>
        (isSend || !isDeliveryFault(fault)) &&
        (fault.provider === undefined || fault.provider === provider) &&
        matchesRecipient(fault.to, recipients)
    );
  }

  /** Removes `fault` (a result of `find`) unless it is sticky or already gone. */
  disarm(fault: RegisteredFault): void {
    const index = this.#faults.indexOf(fault);
    if (index !== -1 && !fault.sticky) {
      this.#faults.splice(index, 1);
    }
  }

  get isEmpty(): boolean {
    return this.#faults.length === 0;
  }
}
