export { createLogtoHost, leakyAncestors, type LogtoHost } from './host.js';
export {
  findPackageDirectory,
  logtoProvidedPackages,
  type LogtoProvidedPackage,
} from './host-dependencies.js';
export { installTarball, type InstalledConnector } from './install.js';
export {
  listConnectorPackages,
  loadLikeLogto,
  type CapturedLog,
  type ConnectorPackage,
  type LoadedConnectorFactory,
  type LoadResult,
} from './load.js';
export { packConnector, type PackedConnector } from './pack.js';
export {
  addConnectorToHost,
  factoryFor,
  type ConnectorSourceSpec,
  type HostedConnector,
} from './install-connectors.js';
export { importConnectorModule } from './connector-module.js';
