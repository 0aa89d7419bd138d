import { randomUUID } from 'node:crypto';

import { sameRecipient } from '../shared/recipient.js';
import type {
  DeliveryOutcome,
  MessageFilter,
  SandboxDelivery,
  SandboxMessage,
  SandboxRefusal,
} from '../types.js';

import { matchesFilter } from './message-filter.js';

export type InboxEvent =
  | { type: 'message'; message: SandboxMessage }
  | { type: 'refusal'; refusal: SandboxRefusal }
  | { type: 'clear' };

// Refusals are for diagnosing the last few failed sends, not an archive.
const maxRefusals = 500;

type Waiter = {
  filter: MessageFilter;
  resolve: (message: SandboxMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

export class WaitTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`No matching message arrived within ${timeoutMs} ms`);
    this.name = 'WaitTimeoutError';
  }
}

export const defaultWaitTimeoutMs = 30_000;

const delivered: DeliveryOutcome = { state: 'delivered' };

// A signal's reason is a DOMException (an Error) unless whoever aborted chose another value.
const abortError = (signal: AbortSignal): Error =>
  signal.reason instanceof Error
    ? signal.reason
    : new Error('Wait aborted', { cause: signal.reason });

/**
 * Accepted messages, oldest dropped past `maxMessages`. Stored oldest-first in an array whose head
 * advances on overflow and is compacted rarely, so adding stays O(1) at load-test rates.
 */
export class Inbox {
  #messages: SandboxMessage[] = [];
  #refusals: SandboxRefusal[] = [];
  #head = 0;
  readonly #waiters = new Set<Waiter>();
  readonly #listeners = new Set<(event: InboxEvent) => void>();
  #closed = false;

  constructor(
    private readonly maxMessages: number,
    private readonly now: () => number
  ) {}

  /** Stores an accepted message; the carrier's receipt follows `outcome` (delivered by default). */
  add(
    fields: Omit<SandboxMessage, 'id' | 'receivedAt' | 'delivery'>,
    outcome: DeliveryOutcome = delivered
  ): SandboxMessage {
    const receivedAt = new Date(this.now()).toISOString();
    const delivery: SandboxDelivery =
      outcome.state === 'waiting'
        ? { state: 'waiting', carrierCode: null, reportedAt: null }
        : {
            state: outcome.state,
            // Both Aliyun products report DELIVERED (Dypnsapi too: aliyun-dypns-api.md §7).
            carrierCode:
              outcome.carrierCode ??
              (fields.provider.startsWith('aliyun') ? 'DELIVERED' : 'DELIVRD'),
            reportedAt: receivedAt,
          };
    const message: SandboxMessage = { id: randomUUID(), ...fields, receivedAt, delivery };
    if (this.maxMessages > 0) {
      this.#messages.push(message);
      if (this.#messages.length - this.#head > this.maxMessages) {
        this.#head += 1;
      }
      if (this.#head > 1024 && this.#head * 2 > this.#messages.length) {
        this.#messages = this.#messages.slice(this.#head);
        this.#head = 0;
      }
    }
    for (const waiter of this.#waiters) {
      if (matchesFilter(message, waiter.filter)) {
        this.#settle(waiter, () => {
          waiter.resolve(message);
        });
      }
    }
    this.#emit({ type: 'message', message });
    return message;
  }

  /** Records a refused provider request (newest kept, at most 500) and tells subscribers. */
  refuse(fields: Omit<SandboxRefusal, 'id' | 'receivedAt'>): SandboxRefusal {
    const refusal: SandboxRefusal = {
      id: randomUUID(),
      ...fields,
      receivedAt: new Date(this.now()).toISOString(),
    };
    this.#refusals.push(refusal);
    if (this.#refusals.length > maxRefusals) {
      this.#refusals.shift();
    }
    this.#emit({ type: 'refusal', refusal });
    return refusal;
  }

  /** Refused requests, newest first; `to` compares subscriber digits as for messages. */
  refusals(filter: Pick<MessageFilter, 'to' | 'provider'> = {}): SandboxRefusal[] {
    return this.#refusals
      .filter(
        (refusal) =>
          (filter.provider === undefined || refusal.provider === filter.provider) &&
          (!filter.to || refusal.to.some((to) => sameRecipient(to, filter.to ?? '')))
      )
      .reverse();
  }

  /** Newest first. */
  list(filter?: MessageFilter): SandboxMessage[] {
    const found: SandboxMessage[] = [];
    for (let index = this.#messages.length - 1; index >= this.#head; index -= 1) {
      const message = this.#messages[index];
      if (message !== undefined && matchesFilter(message, filter)) {
        found.push(message);
      }
    }
    return found;
  }

  count(): number {
    return this.#messages.length - this.#head;
  }

  clear(): void {
    this.#refusals = [];
    this.#messages = [];
    this.#head = 0;
    this.#emit({ type: 'clear' });
  }

  /**
   * The next matching message to arrive. With `filter.since`, a stored message received at or
   * after that instant counts too (newest wins), so callers can send first and wait afterwards.
   */
  async waitForMessage(
    filter: MessageFilter = {},
    timeoutMs = defaultWaitTimeoutMs,
    signal?: AbortSignal
  ): Promise<SandboxMessage> {
    if (this.#closed) {
      throw new Error('Sandbox is closed');
    }
    signal?.throwIfAborted();
    if (filter.since !== undefined) {
      const [existing] = this.list(filter);
      if (existing) {
        return existing;
      }
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        filter,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#settle(waiter, () => {
            reject(new WaitTimeoutError(timeoutMs));
          });
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          this.#settle(waiter, () => {
            reject(abortError(signal));
          });
        },
        {
          once: true,
        }
      );
    });
  }

  /** Calls `listener` on every event until the returned function is called. */
  subscribe(listener: (event: InboxEvent) => void): () => void {
    // A wrapper per subscription, so subscribing one function twice means two subscriptions.
    const subscription = (event: InboxEvent) => {
      listener(event);
    };
    this.#listeners.add(subscription);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  /** Rejects pending waits and drops subscribers so nothing keeps the process alive. */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#waiters) {
      this.#settle(waiter, () => {
        waiter.reject(new Error('Sandbox is closed'));
      });
    }
    this.#listeners.clear();
  }

  #emit(event: InboxEvent): void {
    for (const listener of this.#listeners) {
      listener(event);
    }
  }

  #settle(waiter: Waiter, settle: () => void): void {
    if (!this.#waiters.has(waiter)) {
      return;
    }
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
    settle();
  }
}
