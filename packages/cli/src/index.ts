// Programmatic API of @logto-sms/cli: the Logto-host helpers (install and load connectors exactly
// as a Logto instance does), the error explanations and the commands themselves.
export * from './logto-host/index.js';
export { explainConnectorErrorCode, explainedCodes, type ErrorExplanation } from './explain.js';
export {
  describeConnectorError,
  isConnectorError,
  readIssues,
  type ConfigIssue,
  type ConnectorErrorLike,
  type DescribedError,
} from './connector-error.js';
export { collectSecrets, createRedactor, mask, maskConfig, type Redactor } from './redact.js';
export {
  aliyunConfigFor,
  aliyunMasConfigFor,
  allUsageTypes,
  tencentConfigFor,
  yunpianConfigFor,
  type AliyunMasSandboxConnectorConfig,
  type AliyunSandboxConnectorConfig,
  type TencentSandboxConnectorConfig,
  type YunpianSandboxConnectorConfig,
} from './sandbox-configs.js';
export { createOutput, shouldUseColor, type Output } from './output.js';
export { runCli, topLevelHelp, version } from './cli.js';
export {
  workspaceConnectors,
  workspacePackageDirectory,
  resolveConnectorSource,
} from './workspace.js';
export type { SendJson } from './commands/send.js';
export type { StatusJson } from './commands/status.js';
export { UsageError, exitCodes } from './usage-error.js';
