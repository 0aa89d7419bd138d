/**
 * The one test-support module: loopback servers, network isolation, ConnectorError capture,
 * connector builders and canary secrets. Package tests import it as `../../../tests/support/index.js`.
 */
export * from './canaries.js';
export * from './connectors.js';
export * from './loopback.js';
export * from './network.js';
export * from './rejection.js';
export * from './unresolvable.js';
