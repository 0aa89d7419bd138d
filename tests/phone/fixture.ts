import type { CreateConnector, SmsConnector } from '@logto/connector-kit';

/** A recorded provider request: path with query, and the body, both as sent. */
export type RecordedRequest = { url: string; body: string };

/**
 * What the phone table needs from a connector. Each connector package has `test/phone-fixture.ts`
 * exporting one; `tests/phone/connectors.ts` lists them.
 */
export type PhoneFixture = {
  packageName: string;
  createConnector: CreateConnector<SmsConnector>;
  /** A valid config that sends to `endpoint` (http://127.0.0.1:<port>) and serves mainland and international numbers. */
  config: (endpoint: string) => Record<string, unknown>;
  /** One successful provider answer, as raw HTTP. */
  success: { status: number; headers?: Record<string, string>; body: string };
  /** The recipient exactly as the request carries it (the provider's parameter, decoded). */
  recipientOf: (request: RecordedRequest) => string | undefined;
  /** The recipient the provider must receive for a routed number. */
  expectedRecipient: (route: {
    region: 'mainland' | 'international';
    national: string;
    e164: string;
  }) => string;
};
