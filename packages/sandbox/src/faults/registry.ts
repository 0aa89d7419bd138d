import { randomUUID } from 'node:crypto';

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

const optionalNumber = (
  spec: Record<string, unknown>,
  name: string,
  min: number,
  max: number
): void => {
  const value = spec[name];
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidFaultError(`fault.${name} must be a number between ${min} and ${max}`);
  }
};

/** Checks a fault that may come straight from an HTTP body, and returns a clean copy. */
export const validateFault = (input: unknown): FaultSpec => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidFaultError('fault must be a JSON object');
  }
  const spec = input as Record<string, unknown>;
  if (!faultKinds.includes(spec.kind as FaultKind)) {
    throw new InvalidFaultError(`fault.kind must be one of ${faultKinds.join(', ')}`);
  }
  if (spec.provider !== undefined && !isProvider(spec.provider)) {
    throw new InvalidFaultError(
      `fault.provider must be one of ${providers.map((name) => `'${name}'`).join(', ')}`
    );
  }
  if (
    spec.to !== undefined &&
    (typeof spec.to !== 'string' || spec.to.replaceAll(/\D/g, '') === '')
  ) {
    throw new InvalidFaultError('fault.to must be a phone number');
  }
  if (spec.sticky !== undefined && typeof spec.sticky !== 'boolean') {
    throw new InvalidFaultError('fault.sticky must be a boolean');
  }
  if (spec.code !== undefined && typeof spec.code !== 'string' && typeof spec.code !== 'number') {
    throw new InvalidFaultError('fault.code must be a string or a number');
  }
  if (spec.message !== undefined && typeof spec.message !== 'string') {
    throw new InvalidFaultError('fault.message must be a string');
  }
  optionalNumber(spec, 'httpStatus', 100, 599);
  optionalNumber(spec, 'delayMs', 0, 600_000);
  optionalNumber(spec, 'intervalMs', 1, 600_000);
  optionalNumber(spec, 'sizeBytes', 0, 512 * 1024 * 1024);

  const clean: FaultSpec = { kind: spec.kind as FaultKind };
  for (const key of [
    'provider',
    'to',
    'sticky',
    'code',
    'httpStatus',
    'message',
    'delayMs',
    'intervalMs',
    'sizeBytes',
  ] as const) {
    if (spec[key] !== undefined) {
      (clean as Record<string, unknown>)[key] = spec[key];
    }
  }
  return clean;
};

/** Armed faults, first added first matched. One-shot faults disarm on their first match. */
export class FaultRegistry {
  #faults: RegisteredFault[] = [];

  add(input: FaultSpec): string {
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
   * The first fault matching this request, disarming it unless sticky. Delivery faults only match
   * sends: a status lookup must not consume them.
   */
  take(
    provider: Provider,
    recipients: readonly string[],
    isSend = true
  ): RegisteredFault | undefined {
    const index = this.#faults.findIndex(
      (fault) =>
        (isSend || !isDeliveryFault(fault)) &&
        (fault.provider === undefined || fault.provider === provider) &&
        (fault.to === undefined ||
          recipients.some((recipient) => sameRecipient(recipient, fault.to!)))
    );
    const fault = this.#faults[index];
    if (fault && !fault.sticky) {
      this.#faults.splice(index, 1);
    }
    return fault;
  }

  get isEmpty(): boolean {
    return this.#faults.length === 0;
  }
}
