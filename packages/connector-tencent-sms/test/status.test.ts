import { loadPhonePlan, parseConfig } from '@logto-sms/sms-core';
import { createHash, createHmac } from 'node:crypto';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { unmatchedRequests } from '../../../tests/support/network.js';
import { configGuard } from '../src/config.js';
import { deliveryStatusSource, queryDeliveryStatus as exportedQuery } from '../src/index.js';
import { queryDeliveryStatus } from '../src/status.js';

import {
  clockAt,
  errorBody,
  interceptTencent,
  rejectionOf,
  vector,
  vectorConfig,
} from './helpers.js';

beforeAll(async () => {
  // The lookup is called here without the exported wrapper, which loads the number plan.
  await loadPhonePlan();
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

// 2024-01-01T00:00:00Z (08:00 in China Standard Time), the fact sheet's Vector A instant.
const nowSeconds = 1_704_067_200;
const now = new Date(nowSeconds * 1000);
const clock = clockAt(nowSeconds);
const config = (extra: Record<string, unknown> = {}) =>
  parseConfig(configGuard, { ...vectorConfig, ...extra });

const pullAnswer = (receipts: Array<Record<string, unknown>>, requestId = 'c1a9c7e0-pull') => ({
  status: 200,
  body: JSON.stringify({ Response: { PullSmsSendStatusSet: receipts, RequestId: requestId } }),
});

// The shape of Tencent's own 2021-01-11 example.
const receipt = (extra: Record<string, unknown> = {}) => ({
  UserReceiveTime: nowSeconds - 600,
  CountryCode: '86',
  SubscriberNumber: '13800138000',
  PhoneNumber: '+8613800138000',
  SerialNo: '5000:1045710669157053657849499619',
  ReportStatus: 'SUCCESS',
  Description: 'DELIVRD',
  SessionContext: '',
  ...extra,
});

// Written from the fact sheet's §4, independently of src/signer.ts.
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const expectedAuthorization = (body: string, secretKey = vectorConfig.accessKeySecret) => {
  const canonical = [
    'POST',
    '/',
    '',
    'content-type:application/json\nhost:sms.tencentcloudapi.com\n',
    'content-type;host',
    sha256(body),
  ].join('\n');
  const toSign = `TC3-HMAC-SHA256\n${nowSeconds}\n2024-01-01/sms/tc3_request\n${sha256(canonical)}`;
  const key = ['2024-01-01', 'sms', 'tc3_request'].reduce<Buffer | string>(
    (previous, part) => createHmac('sha256', previous).update(part).digest(),
    `TC3${secretKey}`
  );
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${vectorConfig.accessKeyId}/2024-01-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`;
};

describe('PullSmsSendStatusByPhoneNumber: the exact signed request', () => {
  it('the independent signer above reproduces the fact sheet’s Vector A', () => {
    expect(vector('A').timestamp).toBe(nowSeconds);
    expect(expectedAuthorization(vector('A').body)).toBe(vector('A').authorization);
  });

  it('X-TC-Action and version, the region, the body in Tencent’s key order and a TC3 Authorization over those bytes', async () => {
    const { scope, calls } = interceptTencent([pullAnswer([receipt()])]);
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: new Date((nowSeconds - 3600) * 1000) },
      clock
    );

    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(1);
    const body = `{"SmsSdkAppId":"1400006666","PhoneNumber":"+8613800138000","BeginTime":${nowSeconds - 3600},"Offset":0,"Limit":100,"EndTime":${nowSeconds}}`;
    expect(calls[0]?.body).toBe(body);
    expect(calls[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-tc-action': 'PullSmsSendStatusByPhoneNumber',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(nowSeconds),
      authorization: expectedAuthorization(body),
    });
    expect(calls[0]?.headers).not.toHaveProperty('x-tc-token');
    expect(report).toEqual({
      api: deliveryStatusSource.api,
      from: '2023-12-31T23:00:00.000Z',
      until: '2024-01-01T00:00:00.000Z',
      records: [
        {
          messageId: '5000:1045710669157053657849499619',
          to: '+8613800138000',
          reportedAt: '2024-01-01T07:50:00+08:00',
          state: 'delivered',
          carrierCode: 'DELIVRD',
          carrierMeaning: 'The phone received the message.',
        },
      ],
      notes: [expect.stringMatching(/only once its carrier receipt has arrived/)],
    });
  });

  it('STS: the token travels as X-TC-Token, a regional endpoint is signed as its own host', async () => {
    const { scope, calls } = interceptTencent([pullAnswer([])], {
      origin: 'https://sms.ap-singapore.tencentcloudapi.com',
    });
    await queryDeliveryStatus(
      config({
        securityToken: 'sts-token-EXAMPLE',
        region: 'ap-singapore',
        endpoint: 'https://sms.ap-singapore.tencentcloudapi.com',
      }),
      { to: '6591234567', now },
      clock
    );
    expect(scope.isDone()).toBe(true);
    expect(calls[0]?.headers).toMatchObject({
      'x-tc-token': 'sts-token-EXAMPLE',
      'x-tc-region': 'ap-singapore',
      host: 'sms.ap-singapore.tencentcloudapi.com',
    });
    expect(JSON.parse(calls[0]?.body ?? '{}')).toMatchObject({ PhoneNumber: '+6591234567' });
  });

  it('a failed receipt keeps its carrier code; receipts come newest first; --since is clamped to 7 days and said so', async () => {
    const { scope, calls } = interceptTencent([
      pullAnswer([
        receipt({ SerialNo: '5000:1', UserReceiveTime: nowSeconds - 7200 }),
        receipt({
          SerialNo: '5000:2',
          ReportStatus: 'FAIL',
          Description: 'MK:0001',
          UserReceiveTime: nowSeconds - 60,
        }),
      ]),
    ]);
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: new Date('2023-06-01T00:00:00Z') },
      clock
    );
    expect(scope.isDone()).toBe(true);
    const sent = JSON.parse(calls[0]?.body ?? '{}') as { BeginTime: number };
    expect(sent.BeginTime).toBe(nowSeconds - 7 * 86_400 + 300);
    expect(report.records.map(({ messageId, state }) => [messageId, state])).toEqual([
      ['5000:2', 'failed'],
      ['5000:1', 'delivered'],
    ]);
    expect(report.records[0]?.carrierCode).toBe('MK:0001');
    expect(report.records[0]?.carrierMeaning).toMatch(/switched off or unreachable/);
    expect(report.notes.join(' ')).toMatch(/last 7 days/);
  });

  it('--id keeps only that SerialNo; with no receipt yet it says why instead of claiming there is no message', async () => {
    const { scope } = interceptTencent([pullAnswer([receipt(), receipt({ SerialNo: '5000:9' })])], {
      count: 2,
    });
    const found = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, id: '5000:9' },
      clock
    );
    expect(found.records.map(({ messageId }) => messageId)).toEqual(['5000:9']);
    expect(found.notes).toEqual([]);

    const missing = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, id: '5000:404' },
      clock
    );
    expect(scope.isDone()).toBe(true);
    expect(missing.records).toEqual([]);
    expect(missing.notes).toEqual([
      expect.stringMatching(
        /^No receipt for SerialNo 5000:404 .*a message still waiting for its receipt looks the same/
      ),
    ]);
  });

  it('a full page of 100 says some receipts may be missing', async () => {
    const { scope } = interceptTencent([
      pullAnswer(Array.from({ length: 100 }, (_, index) => receipt({ SerialNo: `5000:${index}` }))),
    ]);
    const report = await queryDeliveryStatus(config(), { to: '8613800138000', now }, clock);
    expect(scope.isDone()).toBe(true);
    expect(report.records).toHaveLength(100);
    expect(report.notes[0]).toMatch(/maximum of 100 receipts/);
  });
});

describe('PullSmsSendStatusByPhoneNumber: errors', () => {
  it('a missing CAM permission is InvalidConfig naming sms:PullSmsSendStatusByPhoneNumber', async () => {
    const { scope } = interceptTencent([
      {
        status: 200,
        body: errorBody(
          'AuthFailure.UnauthorizedOperation',
          'The request is not authorized. Please check the CAM documentation.',
          'r-perm-1'
        ),
      },
    ]);
    const error = await rejectionOf(async () =>
      queryDeliveryStatus(config(), { to: '8613800138000', now }, clock)
    );
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toMatchObject({
      providerCode: 'AuthFailure.UnauthorizedOperation',
      requestId: 'r-perm-1',
      httpStatus: 200,
    });
    expect((error.data as { errorDescription: string }).errorDescription).toMatch(
      /refused the delivery-status query \(AuthFailure\.UnauthorizedOperation\).*grant it sms:PullSmsSendStatusByPhoneNumber/
    );
  });

  it('other refusals read the send table; a 5xx is General; a body that is not Tencent’s is InvalidResponse', async () => {
    const { scope } = interceptTencent(
      [
        { status: 200, body: errorBody('AuthFailure.SignatureFailure') },
        { status: 502, body: '<html>bad gateway</html>' },
        { status: 200, body: '{"Response":{"RequestId":"r-odd"}}' },
      ],
      { count: 3 }
    );
    const codes = [];
    for (let index = 0; index < 3; index++) {
      const error = await rejectionOf(async () =>
        queryDeliveryStatus(config(), { to: '8613800138000', now }, clock)
      );
      codes.push(error.code);
    }
    expect(scope.isDone()).toBe(true);
    expect(codes).toEqual([
      ConnectorErrorCodes.InvalidConfig,
      ConnectorErrorCodes.General,
      ConnectorErrorCodes.InvalidResponse,
    ]);
  });

  it('bad input fails before any request: a malformed SerialNo, a future since, a bad number', async () => {
    unmatchedRequests.length = 0;
    for (const query of [
      { to: '8613800138000', id: '900619746936498440^0' },
      { to: '8613800138000', since: new Date('2024-02-01T00:00:00Z') },
      { to: '12' },
    ]) {
      const error = await rejectionOf(async () =>
        queryDeliveryStatus(config(), { ...query, now }, clock)
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    }
    expect(unmatchedRequests).toEqual([]);
  });

  it('the exported lookup checks the config with the connector guard and never echoes the secret or token', async () => {
    const invalid = await rejectionOf(async () =>
      exportedQuery({ ...vectorConfig, accessKeySecret: '' }, { to: '8613800138000' })
    );
    expect(invalid.code).toBe(ConnectorErrorCodes.InvalidConfig);

    const secret = 'CANARY-tencent-secret-4d2c';
    const token = 'CANARY-tencent-token-9b1e';
    const { scope } = interceptTencent([
      {
        status: 200,
        body: errorBody('AuthFailure.UnauthorizedOperation', `denied for ${secret} ${token}`),
      },
    ]);
    const refused = await rejectionOf(async () =>
      exportedQuery(
        { ...vectorConfig, accessKeySecret: secret, securityToken: token },
        { to: '8613800138000' }
      )
    );
    expect(scope.isDone()).toBe(true);
    const surfaces = JSON.stringify(refused.data) + refused.message + (refused.stack ?? '');
    expect(surfaces).not.toContain(secret);
    expect(surfaces).not.toContain(token);
  });
});
