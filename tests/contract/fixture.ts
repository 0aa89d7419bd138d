import type { CreateConnector, SmsConnector } from '@logto/connector-kit';

/** Canary secrets a fixture puts into its config; the contract suite looks for them everywhere. */
export type ContractCanaries = { id: string; secret: string; token: string };

/** A provider answer as raw HTTP. */
export type RawAnswer = { status: number; headers?: Record<string, string>; body: string };

/**
 * What a connector package gives the contract suite (`tests/contract/contract.test.ts`), exported
 * as `contractFixture` from its `test/contract-fixture.ts`. Adding that file is how a connector
 * joins the suite; a connector package without one fails it.
 */
export type ContractFixture = {
  /** The folder under packages/, e.g. `connector-tencent-sms`. */
  packageName: string;
  /** The default export of `../src/index.js`. */
  createConnector: CreateConnector<SmsConnector>;
  /**
   * A valid config that sends to `endpoint` (`http://127.0.0.1:<port>`), holding the given canary
   * secrets. It must accept a `timeout` key (milliseconds), give `SignIn` a different template from
   * `Generic`, and serve every number in `numbers`.
   */
  config: (endpoint: string, canaries: ContractCanaries) => Record<string, unknown>;
  /** One successful provider answer, as raw HTTP. */
  success: RawAnswer;
  /** Config patches that must give invalid_config, and the field path the error must name. */
  invalidConfigs: Array<{ patch: Record<string, unknown>; field: string }>;
  /** A mainland and an international number in Logto's digits-only form that this connector serves. */
  numbers: { mainland: string; international?: string };
  /**
   * A provider refusal whose own message text is `message` (say a rejected template), as raw
   * HTTP: the canary check has the provider quote the secrets back.
   */
  refusal?: (message: string) => RawAnswer;
};
