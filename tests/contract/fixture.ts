import type { CreateConnector, SmsConnector } from '@logto/connector-kit';

/** What every connector package gives the contract suite (`test/contract-fixture.ts`). */
export type ContractFixture = {
  /** e.g. 'connector-tencent-sms' */
  packageName: string;
  /** The default export from ../src/index.js. */
  createConnector: CreateConnector<SmsConnector>;
  /** A valid config that sends to `endpoint` (http://127.0.0.1:<port>), holding the given canary secrets. */
  config: (endpoint: string, canaries: { id: string; secret: string; token: string }) => Record<string, unknown>;
  /** One successful provider answer, as raw HTTP. */
  success: { status: number; headers?: Record<string, string>; body: string };
  /** Config patches that must give invalid_config, and the field path the error must name. */
  invalidConfigs: Array<{ patch: Record<string, unknown>; field: string }>;
  /** A mainland and an international number in Logto's digits-only form that this connector serves. */
  numbers: { mainland: string; international?: string };
};
