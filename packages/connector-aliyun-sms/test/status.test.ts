import { loadPhonePlan, parseConfig } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { rejectionOf as connectorErrorOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';
import { configGuard } from '../src/config.js';
import { queryDeliveryStatus as exportedQuery } from '../src/index.js';
import { queryDeliveryStatus } from '../src/status.js';

import {
  expectedV1Body,
  expectSignedV3Call,
  fixedNonce,
  interceptAliyun,
  queryOf,
  vectorConfig,
} from './helpers.js';

beforeAll(async () => {
  // QueryDeliveryStatus is called here without the exported wrapper, which loads the number plan.
  await loadPhonePlan();
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

// 2024-01-01T00:00:00Z is 08:00 on 2024-01-01 in China Standard Time.
const now = new Date('2024-01-01T00:00:00Z');
const clock = { now: () => now, nonce: () => fixedNonce };
const config = (extra: Record<string, unknown> = {}) =>
  parseConfig(configGuard, { ...vectorConfig, ...extra });

const detailsAnswer = (details: Array<Record<string, unknown>>, total = details.length) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: {
    RequestId: 'A1B2',
    Code: 'OK',
    Message: 'OK',
    TotalCount: String(total),
    SmsSendDetailDTOs: { SmsSendDetailDTO: details },
  },
});

const delivered = {
  PhoneNum: '13800138000',
  SendStatus: 3,
  ErrCode: 'DELIVERED',
  TemplateCode: 'SMS_154950909',
  Content: '【阿里云短信测试】您的验证码是482910',
  SendDate: '2024-01-01 07:30:00',
  ReceiveDate: '2024-01-01 07:30:04',
  OutId: '',
};

describe('QuerySendDetails: the exact signed request', () => {
  it('V3: action QuerySendDetails signed into the headers, the lookup parameters in the query, one request per China day', async () => {
    const { scope, calls } = interceptAliyun([detailsAnswer([delivered])]);
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: new Date('2023-12-31T23:00:00Z') },
      clock
    );

    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(1);
    const query = 'CurrentPage=1&PageSize=50&PhoneNumber=13800138000&SendDate=20240101';
    expectSignedV3Call(calls[0], {
      host: 'dysmsapi.aliyuncs.com',
      action: 'QuerySendDetails',
      query,
    });
    expect(report.records).toEqual([
      {
        to: '13800138000',
        sentAt: '2024-01-01T07:30:00+08:00',
        reportedAt: '2024-01-01T07:30:04+08:00',
        state: 'delivered',
        carrierCode: 'DELIVERED',
        carrierMeaning: 'The phone received the message.',
        template: 'SMS_154950909',
      },
    ]);
    expect(JSON.stringify(report)).not.toContain('482910');
  });

  it('V1: Action=QuerySendDetails and the BizId in the signed form body', async () => {
    const { scope, calls } = interceptAliyun([
      detailsAnswer([{ ...delivered, SendStatus: 2, ErrCode: 'MK:0001' }]),
    ]);
    const report = await queryDeliveryStatus(
      config({ signatureAlgorithm: 'HMAC-SHA1' }),
      {
        to: '8613800138000',
        now,
        since: new Date('2023-12-31T23:00:00Z'),
        id: '900619746936498440^0',
      },
      clock
    );

    expect(scope.isDone()).toBe(true);
    const canonical =
      `AccessKeyId=testid&Action=QuerySendDetails&BizId=900619746936498440%5E0&CurrentPage=1&Format=JSON&PageSize=50&PhoneNumber=13800138000` +
      `&SendDate=20240101&SignatureMethod=HMAC-SHA1&SignatureNonce=${fixedNonce}&SignatureVersion=1.0&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25`;
    expect(calls[0]?.body).toBe(expectedV1Body(canonical));
    expect(report.records[0]).toMatchObject({
      messageId: '900619746936498440^0',
      state: 'failed',
      carrierCode: 'MK:0001',
    });
  });

  it('walks back one request per day, newest first, and pages when TotalCount says so', async () => {
    const page1 = Array.from({ length: 50 }, () => delivered);
    const { scope, calls } = interceptAliyun(
      [detailsAnswer(page1, 51), detailsAnswer([delivered], 51), detailsAnswer([])],
      { count: 4 }
    );
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: new Date('2023-12-29T17:00:00Z') },
      clock
    );

    expect(scope.isDone()).toBe(true);
    expect(
      calls.map((call) => [queryOf(call.path).SendDate, queryOf(call.path).CurrentPage])
    ).toEqual([
      ['20240101', '1'],
      ['20240101', '2'],
      ['20231231', '1'],
      ['20231230', '1'],
    ]);
    expect(report.records).toHaveLength(51);
  });

  it('clamps --since to the 30 days Aliyun keeps, and says so', async () => {
    const { scope, calls } = interceptAliyun([detailsAnswer([])], { count: 30 });
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: new Date('2023-06-01T00:00:00Z') },
      clock
    );
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(30);
    expect(queryOf(calls[29]?.path ?? '').SendDate).toBe('20231203');
    expect(report.notes.join(' ')).toMatch(/30 days/);
  });
});

describe('QuerySendDetails: errors', () => {
  it('a missing permission names dysms:QuerySendDetails, as InvalidConfig', async () => {
    const { scope } = interceptAliyun([
      {
        status: 403,
        body: {
          RequestId: 'R1',
          HostId: 'dysmsapi.aliyuncs.com',
          Code: 'Forbidden.RAM',
          Message: 'User not authorized to operate on the specified resource.',
        },
      },
    ]);
    const error = await connectorErrorOf(async () =>
      queryDeliveryStatus(config(), { to: '8613800138000', now }, clock)
    );
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toMatchObject({
      providerCode: 'Forbidden.RAM',
      httpStatus: 403,
      requestId: 'R1',
    });
    expect((error.data as { errorDescription: string }).errorDescription).toMatch(
      /refused the delivery-status query.*dysms:QuerySendDetails/
    );
  });

  it('bad input fails before any request: a malformed BizId, a future since, a bad number', async () => {
    unmatchedRequests.length = 0;
    for (const query of [
      { to: '8613800138000', id: 'not-a-bizid' },
      { to: '8613800138000', since: new Date('2024-02-01T00:00:00Z') },
      { to: '12' },
    ]) {
      const error = await connectorErrorOf(async () =>
        queryDeliveryStatus(config(), { ...query, now }, clock)
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    }
    expect(unmatchedRequests).toEqual([]);
  });

  it('the exported lookup checks the config with the connector guard and never echoes the secret', async () => {
    const error = await connectorErrorOf(async () =>
      exportedQuery({ ...vectorConfig, accessKeySecret: '' }, { to: '8613800138000' })
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);

    const canary = 'CANARY-secret-7f3a9c1e';
    const { scope } = interceptAliyun([
      {
        status: 400,
        body: {
          RequestId: 'R2',
          Code: 'SignatureDoesNotMatch',
          Message: `Specified signature is not matched. server string to sign is:${canary}`,
        },
      },
    ]);
    const refused = await connectorErrorOf(async () =>
      exportedQuery({ ...vectorConfig, accessKeySecret: canary }, { to: '8613800138000' })
    );
    expect(scope.isDone()).toBe(true);
    expect(JSON.stringify(refused.data) + refused.message).not.toContain(canary);
  });
});
