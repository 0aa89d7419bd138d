import type { FaultSpec, Provider } from '../types.js';
import type { IncomingCall } from './incoming-call.js';
import type { Reply } from './reply.js';

/** What the server needs from each emulated provider. */
export type ProviderEndpoint = {
  provider: Provider;
  /**
   * Whether this endpoint serves the call, for providers that share a path (Aliyun and Tencent both
   * use '/'). Absent: it serves every call that reaches its path.
   */
  claims?(call: IncomingCall): boolean;
  /** Recipients named in the request, read before any verification so faults can match them. */
  recipients(call: IncomingCall): string[];
  handle(call: IncomingCall): Reply;
  /** The provider's own error envelope for an `error` fault. */
  faultError(fault: FaultSpec, call: IncomingCall): Reply;
  /** A plausible success body, which the `truncated` fault cuts in half. */
  successSample(call: IncomingCall): string;
};
