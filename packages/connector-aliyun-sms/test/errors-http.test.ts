/**
 * Reading answers, and answers that are not a readable Aliyun refusal (non-Aliyun bodies, 5xx);
 * split from errors.test.ts, which covers the code table.
 */
import type { ProviderErrorData } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { rejectionOf } from '../../../tests/support/index.js';
import { cleanProviderMessage } from '../src/errors.js';
import { readResponse } from '../src/response.js';

import { connectorWith, interceptAliyun, sendData, vectorConfig } from './helpers.js';

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

const requestId = 'A1B2C3D4-0000-4000-8000-000000000001';
const { InvalidResponse, General } = ConnectorErrorCodes;

describe('reading answers', () => {
  it.each([
    ['not JSON', '<html>oops</html>'],
    ['truncated', '{"RequestId":"x","Code":"O'],
    ['empty', ''],
    ['no Code', '{"RequestId":"x","Message":"OK"}'],
    ['empty Code', '{"Code":""}'],
    ['a JSON array', '[{"Code":"OK"}]'],
    ['a JSON string', '"OK"'],
    ['null', 'null'],
  ])('%s is not an Aliyun answer', (_label, body) => {
    expect(readResponse(body)).toBeUndefined();
  });

  it('never passes on the quoted string to sign', () => {
    expect(
      cleanProviderMessage(
        'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dx%26TemplateParam%3D%257B%2522code%2522'
      )
    ).toBe('Specified signature is not matched with our calculation.');
  });
});

describe('answers that are not Aliyun answers', () => {
  it.each([
    [200, 'not JSON', '<html><body>Welcome to nginx</body></html>'],
    [200, 'truncated', '{"RequestId":"x","Code":"O'],
    [200, 'empty', ''],
    [200, 'without Code', JSON.stringify({ RequestId: requestId, Message: 'OK' })],
    [400, 'a 4xx HTML page', '<html>400 Bad Request</html>'],
    [404, 'a 404 without Code', '{"error":"not found"}'],
    [302, 'a redirect', ''],
    [403, '"OK" on an error status', JSON.stringify({ RequestId: requestId, Code: 'OK' })],
  ])('HTTP %s %s → InvalidResponse', async (status, _label, body) => {
    const { scope } = interceptAliyun([{ status, body }]);
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(InvalidResponse);
    expect(error.data).toMatchObject({ provider: 'aliyun', httpStatus: status });
    expect((error.data as ProviderErrorData).errorDescription).toMatch(
      /not an Aliyun API answer.*Check that endpoint points at the Aliyun SMS API/
    );
  });
});

describe('5xx answers are General, whatever the body', () => {
  it.each([
    [500, '<html><body>500 Internal Server Error</body></html>', undefined],
    [502, '<html>Bad Gateway</html>', undefined],
    [
      503,
      JSON.stringify({
        RequestId: requestId,
        Code: 'ServiceUnavailable',
        Message: 'The request has failed due to a temporary failure of the server.',
      }),
      'ServiceUnavailable',
    ],
    [
      500,
      JSON.stringify({
        RequestId: requestId,
        Code: 'InternalError',
        Message: 'The request processing has failed due to some unknown error.',
      }),
      'InternalError',
    ],
    [
      500,
      JSON.stringify({ RequestId: requestId, Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: 'odd' }),
      'isv.MOBILE_NUMBER_ILLEGAL',
    ],
  ])('HTTP %s → General', async (status, body, providerCode) => {
    const { scope, calls } = interceptAliyun([{ status, body }], { count: 1 });
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(1);
    expect(error.code).toBe(General);
    const data = error.data as ProviderErrorData;
    expect(data.httpStatus).toBe(status);
    expect(data.providerCode).toBe(providerCode);
    expect(data.errorDescription).toMatch(
      new RegExp(`^Aliyun SMS answered HTTP ${status} .*may or may not have been sent`)
    );
  });
});
