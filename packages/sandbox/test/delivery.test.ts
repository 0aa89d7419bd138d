import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Sandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';
import { chinaDate } from '../src/shared/china-time.js';

import {
  DysmsapiClient,
  dysmsapi,
  http,
  manualClock,
  openApiCore,
  sandboxKey,
  sendV1,
  sendYunpian,
  sms,
  stringContaining,
  stringMatching,
  v1Params,
  yunpianKeys,
  type HttpResult,
} from './helpers.js';

// Delivery states and the providers' lookup APIs. Aliyun's answers are read back through Alibaba's
// own SDK (`querySendDetails`), which only accepts the real response shape.

type QuerySdk = {
  querySendDetails(request: unknown): Promise<{
    statusCode: number;
    body: {
      code: string;
      totalCount: number;
      smsSendDetailDTOs?: { smsSendDetailDTO?: Array<Record<string, unknown>> };
    };
  }>;
};
const sdk = dysmsapi as unknown as typeof dysmsapi & {
  QuerySendDetailsRequest: new (options: Record<string, unknown>) => unknown;
};

// YunPian's lookups run on a fixed clock; Alibaba's SDK signs with the real time, so the Aliyun
// lookups run on a second sandbox with the real clock.
const start = Date.parse('2025-03-03T08:00:00Z'); // 16:00 in China Standard Time
const clock = manualClock(start);
const noLimits = { rateLimits: { enabled: false } };
let sandbox: Sandbox;
let aliyunSandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now, config: noLimits });
  aliyunSandbox = await startSandbox({ config: noLimits });
});
afterAll(async () => {
  await sandbox.close();
  await aliyunSandbox.close();
});
beforeEach(() => {
  clock.set(start);
  for (const each of [sandbox, aliyunSandbox]) {
    each.inbox.clear();
    each.faults.clear();
  }
});

// The sid single_send answered with, as sent (a JSON number).
const sidOf = (sent: HttpResult): unknown => sent.json.sid;

const today = () => chinaDate(Date.now());
const daysAgo = (days: number) => chinaDate(Date.now() - days * 86_400_000);

const client = () =>
  new DysmsapiClient(
    new openApiCore.$OpenApiUtil.Config({
      ...sandboxKey,
      endpoint: new URL(aliyunSandbox.url).host,
      protocol: 'http',
    })
  ) as unknown as QuerySdk;

const query = async (phoneNumber: string, sendDate: string, extra: Record<string, unknown> = {}) =>
  client().querySendDetails(
    new sdk.QuerySendDetailsRequest({
      phoneNumber,
      sendDate,
      pageSize: 10,
      currentPage: 1,
      ...extra,
    })
  );

const sendAliyun = async (phone: string) => {
  const response = await sendV1(aliyunSandbox, v1Params(sms(phone)));
  expect(response.json.Code).toBe('OK');
  return response.json.BizId as string;
};

describe('Aliyun QuerySendDetails', () => {
  it('reports a sent message as delivered, with its template and send time in China Standard Time', async () => {
    const bizId = await sendAliyun('13800138000');
    const { body } = await query('13800138000', today());
    expect(body.code).toBe('OK');
    expect(body.totalCount).toBe('1');
    expect(body.smsSendDetailDTOs?.smsSendDetailDTO).toEqual([
      {
        phoneNum: '13800138000',
        sendStatus: 3,
        errCode: 'DELIVERED',
        templateCode: 'SMS_900001',
        content: stringContaining('123456'),
        sendDate: stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        receiveDate: stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        outId: '',
      },
    ]);
    expect(aliyunSandbox.inbox.list()[0]).toMatchObject({
      messageId: bizId,
      delivery: { state: 'delivered', carrierCode: 'DELIVERED' },
    });
  });

  it('filters by BizId and by day, and pages', async () => {
    const first = await sendAliyun('13800138000');
    await sendAliyun('13800138000');
    expect((await query('13800138000', today())).body.totalCount).toBe('2');
    expect((await query('13800138000', today(), { bizId: first })).body.totalCount).toBe('1');
    expect((await query('13800138000', daysAgo(1))).body.totalCount).toBe('0');
    const paged = await query('13800138000', today(), { pageSize: 1, currentPage: 2 });
    expect(paged.body.totalCount).toBe('2');
    expect(paged.body.smsSendDetailDTOs?.smsSendDetailDTO).toHaveLength(1);
  });

  it('records failed (with the carrier code) and waiting through delivery faults, which queries do not consume', async () => {
    aliyunSandbox.faults.add({
      provider: 'aliyun',
      to: '13800138001',
      kind: 'delivery-failed',
      code: 'MK:0005',
    });
    aliyunSandbox.faults.add({ provider: 'aliyun', to: '13800138002', kind: 'delivery-waiting' });
    aliyunSandbox.faults.add({ provider: 'aliyun', kind: 'delivery-failed' });
    // A lookup first: it must leave the armed faults for the sends.
    expect((await query('13800138001', today())).body.totalCount).toBe('0');
    await sendAliyun('13800138001');
    await sendAliyun('13800138002');
    await sendAliyun('13800138003');
    const failed = (await query('13800138001', today())).body.smsSendDetailDTOs
      ?.smsSendDetailDTO?.[0];
    expect(failed).toMatchObject({ sendStatus: 2, errCode: 'MK:0005' });
    const waiting = (await query('13800138002', today())).body.smsSendDetailDTOs
      ?.smsSendDetailDTO?.[0];
    expect(waiting).toMatchObject({ sendStatus: 1, errCode: '' });
    expect(waiting).not.toHaveProperty('receiveDate');
    const defaultCode = (await query('13800138003', today())).body.smsSendDetailDTOs
      ?.smsSendDetailDTO?.[0];
    expect(defaultCode).toMatchObject({ sendStatus: 2, errCode: 'MK:0001' });
  });

  it('refuses a SendDate outside the last 30 days and a PageSize above 50', async () => {
    const old = await sendV1(
      aliyunSandbox,
      v1Params({
        PhoneNumber: '13800138000',
        SendDate: daysAgo(30),
        PageSize: '10',
        CurrentPage: '1',
        Action: 'QuerySendDetails',
      })
    );
    expect(old.json).toMatchObject({ Code: 'isv.INVALID_PARAMETERS' });
    const big = await sendV1(
      aliyunSandbox,
      v1Params({
        PhoneNumber: '13800138000',
        SendDate: today(),
        PageSize: '51',
        CurrentPage: '1',
        Action: 'QuerySendDetails',
      })
    );
    expect(big.json).toMatchObject({ Code: 'isv.INVALID_PARAMETERS' });
    const missing = await sendV1(
      aliyunSandbox,
      v1Params({
        PhoneNumber: '13800138000',
        PageSize: '10',
        CurrentPage: '1',
        Action: 'QuerySendDetails',
      })
    );
    expect(missing.json).toMatchObject({ Code: 'MissingSendDate' });
  });

  it('checks the signature of a query like a send', async () => {
    const params = v1Params({
      PhoneNumber: '13800138000',
      SendDate: today(),
      PageSize: '10',
      CurrentPage: '1',
      Action: 'QuerySendDetails',
    });
    const response = await sendV1(aliyunSandbox, params, { secret: 'not-the-secret' });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  it('answers a permission fault on the query with the gateway envelope', async () => {
    aliyunSandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'Forbidden.RAM' });
    const response = await sendV1(
      aliyunSandbox,
      v1Params({
        PhoneNumber: '13800138000',
        SendDate: today(),
        PageSize: '10',
        CurrentPage: '1',
        Action: 'QuerySendDetails',
      })
    );
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ Code: 'Forbidden.RAM' });
  });
});

const cnText = (code: string) => `【Logto测试】您的验证码是${code}。如非本人操作，请忽略本短信`;
const form = async (path: string, fields: Record<string, string>) =>
  http(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(fields).toString(),
  });
const getRecord = async (fields: Record<string, string>) =>
  form('/v2/sms/get_record.json', {
    apikey: yunpianKeys.intl,
    start_time: '2025-03-03 00:00:00',
    end_time: '2025-03-03 23:59:59',
    ...fields,
  });

describe('YunPian get_record and pull_status', () => {
  it('lists the records of a number in a time range, in the documented shape', async () => {
    const sent = await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138000',
      text: cnText('482910'),
    });
    expect(sent.json.code).toBe(0);
    const response = await getRecord({ mobile: '13800138000' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual([
      {
        sid: sidOf(sent),
        uid: null,
        mobile: '13800138000',
        send_time: '2025-03-03 16:00:00',
        text: cnText('482910'),
        send_status: 'SUCCESS',
        report_status: 'SUCCESS',
        fee: 0.05,
        user_receive_time: '2025-03-03 16:00:00',
        error_msg: '',
      },
    ]);
    expect((await getRecord({ mobile: '13800138001' })).json).toEqual([]);
    expect((await getRecord({ start_time: '2025-03-03 16:00:01' })).json).toEqual([]);
  });

  it('reports a failed delivery with its carrier code, and a waiting one as UNKNOWN', async () => {
    sandbox.faults.add({
      provider: 'yunpian',
      to: '13800138001',
      kind: 'delivery-failed',
      code: 'DB:0108',
    });
    sandbox.faults.add({ provider: 'yunpian', to: '13800138002', kind: 'delivery-waiting' });
    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138001',
      text: cnText('111111'),
    });
    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138002',
      text: cnText('222222'),
    });
    expect((await getRecord({ mobile: '13800138001' })).json[0]).toMatchObject({
      report_status: 'FAIL',
      error_msg: 'DB:0108',
    });
    expect((await getRecord({ mobile: '13800138002' })).json[0]).toMatchObject({
      report_status: 'UNKNOWN',
      user_receive_time: null,
    });
  });

  it('keeps a delivery fault armed through a refused send, shows that send as refused, and applies it to the next accepted one', async () => {
    sandbox.faults.add({
      provider: 'yunpian',
      to: '13800138001',
      kind: 'delivery-failed',
      code: 'DB:0108',
    });
    const refused = await sendYunpian(sandbox, {
      apikey: 'ffffffffffffffffffffffffffffffff',
      mobile: '13800138001',
      text: cnText('111111'),
    });
    expect(refused.json).toMatchObject({ code: -1 });
    expect(sandbox.inbox.refusals({ to: '13800138001' })).toHaveLength(1);
    expect(sandbox.inbox.list()).toEqual([]);

    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138001',
      text: cnText('222222'),
    });
    expect((await getRecord({ mobile: '13800138001' })).json).toMatchObject([
      { report_status: 'FAIL', error_msg: 'DB:0108' },
    ]);
    // Used once: the next accepted send is delivered.
    clock.set(start + 1000);
    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138001',
      text: cnText('333333'),
    });
    const records: unknown = (await getRecord({ mobile: '13800138001' })).json;
    expect(records).toHaveLength(2);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ report_status: 'FAIL' }),
        expect.objectContaining({ report_status: 'SUCCESS' }),
      ])
    );
  });

  it('refuses an unknown apikey, a missing time and a page_size above 100 with the error envelope', async () => {
    expect((await getRecord({ apikey: 'ffffffffffffffffffffffffffffffff' })).json).toMatchObject({
      code: -1,
    });
    expect(
      (await form('/v2/sms/get_record.json', { apikey: yunpianKeys.intl })).json
    ).toMatchObject({ code: 1 });
    expect((await getRecord({ page_size: '101' })).json).toMatchObject({ code: 2 });
    expect((await getRecord({ start_time: '2025/03/03' })).json).toMatchObject({ code: 2 });
  });

  it('shows an account only its own records', async () => {
    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138000',
      text: cnText('482910'),
    });
    expect((await getRecord({ apikey: yunpianKeys.domesticOnly })).json).toEqual([]);
  });

  it('pull_status hands out each report once and skips messages still waiting', async () => {
    sandbox.faults.add({ provider: 'yunpian', to: '13800138002', kind: 'delivery-waiting' });
    const sent = await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138000',
      text: cnText('482910'),
    });
    await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138002',
      text: cnText('222222'),
    });
    const first = await form('/v2/sms/pull_status.json', { apikey: yunpianKeys.intl });
    expect(first.json).toEqual([
      {
        sid: sidOf(sent),
        uid: null,
        user_receive_time: '2025-03-03 16:00:00',
        error_msg: '',
        mobile: '13800138000',
        report_status: 'SUCCESS',
      },
    ]);
    expect((await form('/v2/sms/pull_status.json', { apikey: yunpianKeys.intl })).json).toEqual([]);
  });
});

describe('inbox API', () => {
  it('carries the provider message id and the delivery state', async () => {
    const sent = await sendYunpian(sandbox, {
      apikey: yunpianKeys.intl,
      mobile: '13800138000',
      text: cnText('482910'),
    });
    const response = await http(`${sandbox.url}/__sandbox/messages`);
    expect(response.json.messages[0]).toMatchObject({
      messageId: String(sent.json.sid),
      delivery: {
        state: 'delivered',
        carrierCode: 'DELIVRD',
        reportedAt: '2025-03-03T08:00:00.000Z',
      },
    });
  });
});
