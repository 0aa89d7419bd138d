// The 短信认证 lookup's own behaviour: Dypnsapi's host, action and answer shape, mainland numbers
// only, its error rows. The day-by-day paging and the 30-day window are aliyun-pop's, tested there.
import { explainCarrierCode, loadPhonePlan, parseConfig } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { rejectionOf as connectorErrorOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';
import { expectedV1Body, expectSignedV3Call } from '../../connector-aliyun-sms/test/helpers.js';
import { configGuard } from '../src/config.js';
import { queryDeliveryStatus as exportedQuery, deliveryStatusSource } from '../src/index.js';
import { queryDeliveryStatus } from '../src/status.js';

import {
  fixedClock,
  fixedDate,
  fixedNonce,
  interceptDypns,
  vectorConfig,
  type Reply,
} from './helpers.js';

// The fixed clock reads 08:00 on 2024-01-01 in China Standard Time: the last hour is one SendDate.
const lastHour = { now: fixedDate, since: new Date(fixedDate.getTime() - 3_600_000) };
const firstPageOfToday = 'CurrentPage=1&PageSize=50&PhoneNumber=13800138000&SendDate=20240101';
const masConfig = (extra: Record<string, unknown> = {}) =>
  parseConfig(configGuard, { ...vectorConfig, ...extra });

/** Dypnsapi's answer shape (aliyun-dypns-api.md §7, the OpenAPI metadata's example). */
const modelAnswer = (model: Array<Record<string, unknown>>): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: {
    AccessDeniedDetail: '',
    Message: '成功',
    Model: model,
    Code: 'OK',
    Success: true,
    TotalCount: model.length,
  },
});

const delivered = {
  PhoneNum: '13800138000',
  SendStatus: 3,
  ErrCode: 'DELIVERED',
  TemplateCode: '100001',
  Content: '【速通互联验证码】您的验证码为482910，5分钟内有效',
  SendDate: '2024-01-01 07:30:00',
  ReceiveDate: '2024-01-01 07:30:04',
  OutId: '',
};

/** What the lookup rejects with, after exactly one answered request. */
const refusalOf = async (reply: Reply) => {
  const { scope } = interceptDypns([reply]);
  const error = await connectorErrorOf(async () =>
    queryDeliveryStatus(masConfig(), { to: '8613800138000', ...lastHour }, fixedClock)
  );
  expect(scope.isDone()).toBe(true);
  return error;
};

describe('Dypnsapi QuerySendDetails', () => {
  beforeAll(async () => {
    // The lookup is called here without the exported wrapper, which loads the number plan.
    await loadPhonePlan();
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it('V3: action QuerySendDetails on dypnsapi.aliyuncs.com, the national number and the day in the query; the Model array read', async () => {
    const waiting = { ...delivered, SendStatus: 1, ErrCode: '', ReceiveDate: '' };
    const { scope, calls } = interceptDypns([modelAnswer([delivered, waiting])]);
    const report = await queryDeliveryStatus(
      masConfig(),
      { to: '8613800138000', ...lastHour },
      fixedClock
    );

    expect(scope.isDone()).toBe(true);
    // One day in the window, so one call: the national number, never +86.
    expect(calls.map((call) => call.path)).toEqual([`/?${firstPageOfToday}`]);
    expectSignedV3Call(calls[0], {
      host: 'dypnsapi.aliyuncs.com',
      action: 'QuerySendDetails',
      query: firstPageOfToday,
    });
    // Gift template 100001, delivered four seconds after it was sent (China Standard Time).
    const deliveredRecord = {
      template: '100001',
      state: 'delivered',
      carrierCode: 'DELIVERED',
      carrierMeaning: 'The phone received the message.',
      sentAt: '2024-01-01T07:30:00+08:00',
      reportedAt: '2024-01-01T07:30:04+08:00',
      to: '13800138000',
    };
    const waitingRecord = {
      to: '13800138000',
      sentAt: '2024-01-01T07:30:00+08:00',
      state: 'waiting',
      template: '100001',
    };
    expect(report).toEqual({
      api: 'Dypnsapi QuerySendDetails (2017-05-25)',
      from: lastHour.since.toISOString(),
      until: fixedDate.toISOString(),
      records: [deliveredRecord, waitingRecord],
      notes: [],
    });
    expect(JSON.stringify(report)).not.toContain('482910');
  });

  it('V1 with an STS token: SecurityToken and BizId in the signed form body; a failed receipt in plain words', async () => {
    const { scope, calls } = interceptDypns([
      modelAnswer([{ ...delivered, SendStatus: 2, ErrCode: 'MK:0001', ReceiveDate: '' }]),
    ]);
    const report = await queryDeliveryStatus(
      masConfig({ signatureAlgorithm: 'HMAC-SHA1', securityToken: 'test-sts-token' }),
      { to: '+86 138 0013 8000', ...lastHour, id: '112231421412414124123^4' },
      fixedClock
    );

    expect(scope.isDone()).toBe(true);
    const canonical =
      'AccessKeyId=testid&Action=QuerySendDetails&BizId=112231421412414124123%5E4&CurrentPage=1&Format=JSON&PageSize=50&PhoneNumber=13800138000' +
      `&SecurityToken=test-sts-token&SendDate=20240101&SignatureMethod=HMAC-SHA1&SignatureNonce=${fixedNonce}&SignatureVersion=1.0&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25`;
    expect(calls[0]?.body).toBe(expectedV1Body(canonical));
    expect(report.records).toEqual([
      {
        messageId: '112231421412414124123^4',
        to: '13800138000',
        sentAt: '2024-01-01T07:30:00+08:00',
        state: 'failed',
        carrierCode: 'MK:0001',
        carrierMeaning: explainCarrierCode('MK:0001'),
        template: '100001',
      },
    ]);
  });

  it('an empty answer points at the console page and the push, since the API is deprecated', async () => {
    const { scope } = interceptDypns([modelAnswer([])]);
    const report = await queryDeliveryStatus(
      masConfig(),
      { to: '8613800138000', ...lastHour },
      fixedClock
    );
    expect(scope.isDone()).toBe(true);
    expect(report.records).toEqual([]);
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]).toMatch(/deprecated.*发送记录.*DypnsSmsVerifyReport/);
  });

  it.each([
    [
      'the gateway (HTTP 403 Forbidden.RAM)',
      {
        status: 403,
        body: {
          RequestId: 'R1',
          HostId: 'dypnsapi.aliyuncs.com',
          Code: 'Forbidden.RAM',
          Message: 'User not authorized to operate on the specified resource.',
        },
      },
    ],
    [
      'the product (isv.RAM_PERMISSION_DENY)',
      {
        status: 200,
        body: { Code: 'isv.RAM_PERMISSION_DENY', Message: 'RAM权限DENY', Success: false },
      },
    ],
  ])(
    'a missing permission from %s names dypns:QuerySendDetails, as InvalidConfig',
    async (_, reply) => {
      const error = await refusalOf(reply);
      expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
      expect(error.data).toMatchObject({ provider: 'aliyun-mas', providerCode: reply.body.Code });
      expect((error.data as { errorDescription: string }).errorDescription).toMatch(
        /refused the delivery-status query.*grant it dypns:QuerySendDetails/
      );
    }
  );

  it('a withdrawn API (InvalidApi.NotFound) says so and where else to read the records', async () => {
    const error = await refusalOf({
      status: 404,
      body: { RequestId: 'R3', Code: 'InvalidApi.NotFound', Message: 'Specified api is not found' },
    });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect((error.data as { errorDescription: string }).errorDescription).toMatch(
      /withdrawn this deprecated API.*发送记录.*DypnsSmsVerifyReport/
    );
  });

  it('Code OK with Success false is not an answer to trust', async () => {
    const error = await refusalOf({
      status: 200,
      body: { Code: 'OK', Message: '', Success: false, Model: [] },
    });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
  });

  it('a number outside mainland China is refused before any request', async () => {
    unmatchedRequests.length = 0;
    const error = await connectorErrorOf(async () =>
      exportedQuery(vectorConfig, { to: '14155550123' })
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(error.message + JSON.stringify(error.data)).toMatch(/mainland China/);
    expect(unmatchedRequests).toEqual([]);
  });

  it('the exported lookup guards the config, and a refusal echoing the secret and STS token shows neither', async () => {
    const secret = 'CANARY-mas-secret-4d1e7b';
    const token = 'CANARY-mas-sts-token-9a0c';
    const canaryConfig = { ...vectorConfig, accessKeySecret: secret, securityToken: token };
    const invalid = await connectorErrorOf(async () =>
      exportedQuery({ ...canaryConfig, signName: '' }, { to: '8613800138000' })
    );
    const { scope } = interceptDypns([
      {
        status: 400,
        body: {
          RequestId: 'R2',
          Code: 'SignatureDoesNotMatch',
          Message: `Specified signature is not matched. server string to sign is:${secret} ${token}`,
        },
      },
    ]);
    const refused = await connectorErrorOf(async () =>
      exportedQuery(canaryConfig, { to: '8613800138000' })
    );
    expect(scope.isDone()).toBe(true);
    for (const error of [invalid, refused]) {
      expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
      const shown = JSON.stringify(error.data) + error.message;
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain(token);
    }
  });

  it('says which API, permission and limits it uses', () => {
    expect(deliveryStatusSource.api).toBe('Dypnsapi QuerySendDetails (2017-05-25)');
    expect(deliveryStatusSource.permissions).toEqual(['dypns:QuerySendDetails']);
    expect(deliveryStatusSource.limits).toMatch(/Deprecated.*短信认证.*30 days/);
  });
});
