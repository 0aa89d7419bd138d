/** What tests/logto/run.mjs started, handed to the cases in the LOGTO_E2E variable. */
export type LogtoE2eEnvironment = {
  /** Logto core's user-facing endpoint, http://127.0.0.1:<port>. */
  endpoint: string;
  /** The admin endpoint, where the admin tenant's OIDC issues Management API tokens. */
  adminEndpoint: string;
  /** The seeded `m-default` application's secret. */
  managementSecret: string;
  /** The throwaway cluster's password: must never appear in a response either. */
  databasePassword: string;
  /** Logto core's stdout + stderr. */
  logtoLog: string;
  /** Every connector installed into core's `connectors/`: package name and `packages/<dir>`. */
  connectors: Array<{ name: string; packageDirectory: string }>;
};

export const readEnvironment = (): LogtoE2eEnvironment => {
  const raw = process.env.LOGTO_E2E;
  if (!raw) {
    throw new Error(
      'LOGTO_E2E is not set: run this suite with `pnpm test:logto`, which starts Logto first.'
    );
  }
  return JSON.parse(raw) as LogtoE2eEnvironment;
};
