import { z } from 'zod';

/** What tests/logto/run.mjs started, handed to the cases in the LOGTO_E2E variable. */
const environmentGuard = z.object({
  /** Logto core's user-facing endpoint, http://127.0.0.1:<port>. */
  endpoint: z.string(),
  /** The admin endpoint, where the admin tenant's OIDC issues Management API tokens. */
  adminEndpoint: z.string(),
  /** The seeded `m-default` application's secret. */
  managementSecret: z.string(),
  /** The throwaway cluster's password: must never appear in a response either. */
  databasePassword: z.string(),
  /** Logto core's stdout + stderr. */
  logtoLog: z.string(),
  /** Every connector installed into core's `connectors/`: package name and `packages/<dir>`. */
  connectors: z.array(z.object({ name: z.string(), packageDirectory: z.string() })),
});

export type LogtoEndToEndEnvironment = z.infer<typeof environmentGuard>;

export const readEnvironment = (): LogtoEndToEndEnvironment => {
  const raw = process.env.LOGTO_E2E;
  if (!raw) {
    throw new Error(
      'LOGTO_E2E is not set: run this suite with `pnpm test:logto`, which starts Logto first.'
    );
  }
  return environmentGuard.parse(JSON.parse(raw));
};
