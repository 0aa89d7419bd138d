// What `connector.ts` imports on a connector's first send or status lookup. A separate module (not
// re-exported by index.ts) so that the bundler can leave these files out of Logto's start-up.
export { createDeliveryStatusQuery } from './delivery.js';
export { parseConfig } from './parse-config.js';
export { createSmsSendMessage } from './send-message.js';
