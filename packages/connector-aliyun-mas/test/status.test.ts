import { explainCarrierCode, loadPhonePlan, parseConfig } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { rejectionOf as connectorErrorOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';
import {
  emptySha256,
  expectedV1Body,
  expectedV3Authorization,
} from '../../connector-aliyun-sms/test/helpers.js';
import { configGuard } from '../src/config.js';
import { queryDeliveryStatus as exportedQuery, deliveryStatusSource } from '../src/index.js';
import { queryDeliveryStatus } from '../src/status.js';

import { fixedNonce, interceptDypns, queryOf, vectorConfig, type Reply } from './helpers.js';

beforeAll(async () => {
  // The lookup is called here without the exported wrapper, which loads the number plan.
  await loadPhonePlan();
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

// 2024-01-01T00:00:00Z is 08:00 on 2024-01-01 in China Standard Time.
const now = new Date('2024-01-01T00:00:00Z');
const lastHour = new Date('2023-12-31T23:00:00Z');
const clock = { now: () => now, nonce: () => fixedNonce };
const config = (extra: Record<string, unknown> = {}) =>
  parseConfig(configGuard, { ...vectorConfig, ...extra });

/** Dypnsapi's answer shape (aliyun-dypns-api.md §7, the OpenAPI metadata's example). */
const modelAnswer = (model: Array<Record<string, unknown>>, total = model.length): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: {
    AccessDeniedDetail: '',
    Message: '成功',
    Model: model,
    Code: 'OK',
    Success: true,
    TotalCount: total,
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

describe('Dypnsapi QuerySendDetails: the exact signed request', () => {
  it('V3: action QuerySendDetails on dypnsapi.aliyuncs.com, the national number and the day in the query; Model read', async () => {
    const { scope, calls } = interceptDypns([modelAnswer([delivered])]);
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: lastHour },
      clock
    );

    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(1);
    const query = 'CurrentPage=1&PageSize=50&PhoneNumber=13800138000&SendDate=20240101';
    const signed = {
      host: 'dypnsapi.aliyuncs.com',
      'x-acs-action': 'QuerySendDetails',
      'x-acs-content-sha256': emptySha256,
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-acs-signature-nonce': fixedNonce,
      'x-acs-version': '2017-05-25',
    };
    expect(calls[0]?.path).toBe(`/?${query}`);
    expect(calls[0]?.body).toBe('');
    expect(calls[0]?.headers).toMatchObject({
      ...signed,
      authorization: expectedV3Authorization(query, signed),
    });
    expect(report).toEqual({
      api: 'Dypnsapi QuerySendDetails (2017-05-25)',
      from: lastHour.toISOString(),
      until: now.toISOString(),
      records: [
        {
          to: '13800138000',
          sentAt: '2024-01-01T07:30:00+08:00',
          reportedAt: '2024-01-01T07:30:04+08:00',
          state: 'delivered',
          carrierCode: 'DELIVERED',
          carrierMeaning: 'The phone received the message.',
          template: '100001',
        },
      ],
      notes: [],
    });
    expect(JSON.stringify(report)).not.toContain('482910');
  });

  it('V1 with an STS token: SecurityToken and BizId in the signed form body; a failed receipt in plain words', async () => {
    const { scope, calls } = interceptDypns([
      modelAnswer([{ ...delivered, SendStatus: 2, ErrCode: 'MK:0001', ReceiveDate: '' }]),
    ]);
    const report = await queryDeliveryStatus(
      config({ signatureAlgorithm: 'HMAC-SHA1', securityToken: 'test-sts-token' }),
      { to: '+86 138 0013 8000', now, since: lastHour, id: '112231421412414124123^4' },
      clock
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

  it('walks back one request per China day and pages while TotalCount says more; a waiting code has no report time', async () => {
    const waiting = { ...delivered, SendStatus: 1, ErrCode: '', ReceiveDate: '' };
    const { scope, calls } = interceptDypns(
      [
        modelAnswer(
          Array.from({ length: 50 }, () => delivered),
          51
        ),
        modelAnswer([waiting], 51),
        modelAnswer([]),
      ],
      { count: 3 }
    );
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: new Date('2023-12-30T17:00:00Z') },
      clock
    );

    expect(scope.isDone()).toBe(true);
    expect(
      calls.map((call) => [queryOf(call.path).SendDate, queryOf(call.path).CurrentPage])
    ).toEqual([
      ['20240101', '1'],
      ['20240101', '2'],
      ['20231231', '1'],
    ]);
    expect(report.records).toHaveLength(51);
    expect(report.records.find((record) => record.state === 'waiting')).toEqual({
      to: '13800138000',
      sentAt: '2024-01-01T07:30:00+08:00',
      state: 'waiting',
      template: '100001',
    });
  });

  it('clamps since to the 30 days Aliyun keeps, and an empty answer points at the console and the push', async () => {
    const { scope, calls } = interceptDypns([modelAnswer([])], { count: 30 });
    const report = await queryDeliveryStatus(
      config(),
      { to: '8613800138000', now, since: new Date('2023-06-01T00:00:00Z') },
      clock
    );
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(30);
    expect(queryOf(calls[29]?.path ?? '').SendDate).toBe('20231203');
    expect(report.records).toEqual([]);
    expect(report.notes).toEqual([
      expect.stringMatching(/30 days/),
      expect.stringMatching(/deprecated.*发送记录.*DypnsSmsVerifyReport/),
    ]);
  });
});

const refusal = async (reply: Reply) => {
  const { scope } = interceptDypns([reply]);
  const error = await connectorErrorOf(async () =>
    queryDeliveryStatus(config(), { to: '8613800138000', now }, clock)
  );
  expect(scope.isDone()).toBe(true);
  return error;
};

describe('Dypnsapi QuerySendDetails: errors', () => {
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
      'Forbidden.RAM',
    ],
    [
      'the product (isv.RAM_PERMISSION_DENY)',
      {
        status: 200,
        body: { Code: 'isv.RAM_PERMISSION_DENY', Message: 'RAM权限DENY', Success: false },
      },
      'isv.RAM_PERMISSION_DENY',
    ],
  ])(
    'a missing permission from %s names dypns:QuerySendDetails, as InvalidConfig',
    async (_, reply, code) => {
      const error = await refusal(reply);
      expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
      expect(error.data).toMatchObject({ provider: 'aliyun-mas', providerCode: code });
      expect((error.data as { errorDescription: string }).errorDescription).toMatch(
        /refused the delivery-status query.*grant it dypns:QuerySendDetails/
      );
    }
  );

  it('a withdrawn API (InvalidApi.NotFound) says so and where else to read the records', async () => {
    const error = await refusal({
      status: 404,
      body: { RequestId: 'R3', Code: 'InvalidApi.NotFound', Message: 'Specified api is not found' },
    });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect((error.data as { errorDescription: string }).errorDescription).toMatch(
      /withdrawn this deprecated API.*发送记录.*DypnsSmsVerifyReport/
    );
  });

  it('Code OK with Success false is not an answer to trust', async () => {
    const error = await refusal({
      status: 200,
      body: { Code: 'OK', Message: '', Success: false, Model: [] },
    });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
  });

  it('bad input fails before any request: a number outside mainland China, a malformed BizId, a future since', async () => {
    unmatchedRequests.length = 0;
    const international = await connectorErrorOf(async () =>
      queryDeliveryStatus(config(), { to: '14155550123', now }, clock)
    );
    expect(international.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(international.message + JSON.stringify(international.data)).toMatch(/mainland China/);
    for (const query of [
      { to: '8613800138000', id: 'not-a-bizid' },
      { to: '8613800138000', since: new Date('2024-02-01T00:00:00Z') },
    ]) {
      const error = await connectorErrorOf(async () =>
        queryDeliveryStatus(config(), { ...query, now }, clock)
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    }
    expect(unmatchedRequests).toEqual([]);
  });

  it('the exported lookup checks the config with the connector guard and never echoes the secret or STS token', async () => {
    const invalid = await connectorErrorOf(async () =>
      exportedQuery({ ...vectorConfig, accessKeySecret: '' }, { to: '8613800138000' })
    );
    expect(invalid.code).toBe(ConnectorErrorCodes.InvalidConfig);

    const secret = 'CANARY-mas-secret-4d1e7b';
    const token = 'CANARY-mas-sts-token-9a0c';
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
      exportedQuery(
        { ...vectorConfig, accessKeySecret: secret, securityToken: token },
        { to: '8613800138000' }
      )
    );
    expect(scope.isDone()).toBe(true);
    expect(refused.code).toBe(ConnectorErrorCodes.InvalidConfig);
    const everything = JSON.stringify(refused.data) + refused.message;
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(token);
  });

  it('says which API, permission and limits it uses', () => {
    expect(deliveryStatusSource.api).toBe('Dypnsapi QuerySendDetails (2017-05-25)');
    expect(deliveryStatusSource.permissions).toEqual(['dypns:QuerySendDetails']);
    expect(deliveryStatusSource.limits).toMatch(/Deprecated.*短信认证.*30 days/);
  });
});
