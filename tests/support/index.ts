/**
 * The one test-support module: loopback servers, ConnectorError capture, connector builders,
 * canary secrets, a deterministic DNS failure, checked reads of untyped values and typed matchers. Package tests import it as
 * `../../../tests/support/index.js`.
 *
 * Network isolation (`./network.js`) is not re-exported: it loads nock, whose interceptor wraps
 * every http request of the process, and tests that measure real sockets must not have it.
 */
export * from './canaries.js';
export * from './connectors.js';
export * from './loopback.js';
export * from './matchers.js';
export * from './rejection.js';
export * from './unresolvable.js';
export * from './output-capture.js';
export * from './values.js';
