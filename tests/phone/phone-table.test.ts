/**
 * The phone table (tests/phone/phone-table.ts) against every connector in tests/phone/connectors.ts,
 * over real HTTP to a local recorder: a valid number reaches the provider exactly once, in the
 * provider's format; every other number is refused with invalid_request_parameters and no request.
 */
import http from 'node:http';

import {
  ConnectorError,
  ConnectorErrorCodes,
  TemplateType,
  type SmsConnector,
} from '@logto/connector-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { listeningPort, stringMatching } from '../support/index.js';

import { phoneFixtures } from './connectors.js';
import type { RecordedRequest } from './fixture.js';
import { phoneTable } from './phone-table.js';

describe.each(phoneFixtures)('$packageName: the phone table', (fixture) => {
  const requests: RecordedRequest[] = [];
  let server: http.Server;
  let endpoint: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({ url: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(fixture.success.status, fixture.success.headers ?? {});
        response.end(fixture.success.body);
      });
    });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    endpoint = `http://127.0.0.1:${listeningPort(server)}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => {
      server.close(resolve);
    });
  });

  beforeEach(() => {
    requests.length = 0;
  });

  const connectorFor = async (allowedCountries: string[] | undefined): Promise<SmsConnector> => {
    const config = {
      ...fixture.config(endpoint),
      ...(allowedCountries ? { allowedCountries } : {}),
    };
    return fixture.createConnector({ getConfig: async () => config });
  };

  it.each(phoneTable)('$name: $to', async (phoneCase) => {
    const connector = await connectorFor(phoneCase.allowedCountries);
    const outcome = await connector
      .sendMessage({ to: phoneCase.to, type: TemplateType.SignIn, payload: { code: '123456' } })
      .then(
        () => undefined,
        (error: unknown) => error
      );

    if ('refused' in phoneCase) {
      expect(outcome).toBeInstanceOf(ConnectorError);
      expect((outcome as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      expect((outcome as ConnectorError).data).toEqual({
        errorDescription: stringMatching(phoneCase.refused),
      });
      expect(requests).toEqual([]);
      return;
    }
    expect(outcome).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(fixture.recipientOf(requests[0]!)).toBe(fixture.expectedRecipient(phoneCase.route));
  });
});
