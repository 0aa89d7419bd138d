import { sameRecipient } from '../shared/recipient.js';
import type { MessageFilter, SandboxMessage } from '../types.js';

/** `to` compares subscriber digits, so '+8613800138000' finds a message sent to '13800138000'. */
export const matchesFilter = (message: SandboxMessage, filter: MessageFilter = {}): boolean =>
  (filter.provider === undefined || message.provider === filter.provider) &&
  (filter.to === undefined || filter.to === '' || sameRecipient(message.to, filter.to)) &&
  (filter.since === undefined || Date.parse(message.receivedAt) >= filter.since);
