import type { DeliveryOutcome, FaultSpec, Provider } from '../types.js';

import type { IncomingCall } from './incoming-call.js';
import type { Reply } from './reply.js';

/** What the server needs from each emulated provider. */
export type ProviderEndpoint = {
  provider: Provider;
  /**
   * The real service's host names. A client pointed at the sandbox through /etc/hosts sends them
   * as Host; no web page can, so answering them opens nothing to DNS rebinding.
   */
  hosts?: readonly string[];
  /**
   * Whether this endpoint serves the call, for providers that share a path (Aliyun and Tencent both
   * use '/'). Absent: it serves every call that reaches its path.
   */
  claims?(call: IncomingCall): boolean;
  /** Recipients named in the request, read before any verification so faults can match them. */
  recipients(call: IncomingCall): string[];
  /** `delivery` is how the carrier treats the message if the call is a send (default: delivered). */
  handle(call: IncomingCall, delivery?: DeliveryOutcome): Reply;
  /** Whether the call sends a message (delivery faults match sends only); default true. */
  isSend?(call: IncomingCall): boolean;
  /** The provider's own error envelope for an `error` fault. */
  faultError(fault: FaultSpec, call: IncomingCall): Reply;
  /** A plausible success body, which the `truncated` fault cuts in half. */
  successSample(call: IncomingCall): string;
};
