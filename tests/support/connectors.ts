/** Connector instances as Logto builds them, from any connector's default export. */
import type { CreateConnector, SendMessageData, SmsConnector } from '@logto/connector-kit';

/** As at sign-in: Logto reads the saved config through `getConfig`. */
export const connectorWithSavedConfig = async (
  createConnector: CreateConnector<SmsConnector>,
  config: unknown
): Promise<SmsConnector> => createConnector({ getConfig: async () => config });

/**
 * For the Console's "Send" button (the unsaved form config is `sendMessage`'s second argument) and
 * for load time: reading the saved config fails the send.
 */
export const connectorWithoutSavedConfig = async (
  createConnector: CreateConnector<SmsConnector>
): Promise<SmsConnector> =>
  createConnector({
    getConfig: async () => {
      throw new Error('getConfig must not be called here');
    },
  });

/** A fresh payload per call, so a connector that mutated one could not affect the next send. */
const defaultPayload = (): Record<string, unknown> => ({ code: '123456' });

/**
 * Logto's `sendMessage` data. `to`, `type` and `payload` are cast because tests also send what
 * Logto's types forbid.
 */
export const sendData = (
  to: unknown,
  payload: Record<string, unknown> = defaultPayload(),
  type: unknown = 'SignIn'
): SendMessageData =>
  // eslint-disable-next-line no-restricted-syntax -- tests send values Logto's types forbid (a number `to`, an unknown usage type), which only a cast lets through
  ({ to, type, payload }) as unknown as SendMessageData;
