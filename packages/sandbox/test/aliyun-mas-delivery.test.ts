// Dypnsapi QuerySendDetails on the sandbox: the delivery state of codes sent through
// SendSmsVerifyCode, in Dypnsapi's shape (a `Model` array), signature-checked like a send, with
// the 30-day window and Aliyun's error envelopes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Sandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';
import { chinaDate } from '../src/shared/china-time.js';

import { manualClock, sendV1, sendV3, v1Params, type HttpResult } from './helpers.js';

const start = Date.parse('2025-03-03T08:00:00Z'); // 16:00 in China Standard Time
const dayMs = 86_400_000;
const clock = manualClock(start);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now, config: { rateLimits: { enabled: false } } });
});
afterAll(async () => sandbox.close());
beforeEach(() => {
  clock.set(start);
  sandbox.inbox.clear();
  sandbox.faults.clear();
});

/** The JSON answer as a plain record (the helper's `json` is untyped). */
const bodyOf = (result: HttpResult): Record<string, unknown> => {
  const value: unknown = JSON.parse(result.text);
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`not a JSON object: ${result.text}`);
  }
  return { ...value };
};

const today = () => chinaDate(clock.now());
const dypnsHost = { host: 'dypnsapi.aliyuncs.com' };

const sendMas = async (phoneNumber: string, code = '246810') => {
  const response = await sendV1(
    sandbox,
    v1Params(
      {
        Action: 'SendSmsVerifyCode',
        CountryCode: '86',
        PhoneNumber: phoneNumber,
        SignName: '速通互联验证码',
        TemplateCode: '100001',
        TemplateParam: JSON.stringify({ code, min: '5' }),
      },
      { now: clock.now() }
    )
  );
  expect(response.json).toMatchObject({ Code: 'OK', Success: true });
  return (response.json as { Model: { BizId: string } }).Model.BizId;
};

/** A V3 QuerySendDetails; `headers` says which product (Host, User-Agent). */
const lookup = async (
  params: Record<string, string>,
  headers: Record<string, string> = dypnsHost,
  secret?: string
) =>
  sendV3(
    sandbox,
    { PageSize: '50', CurrentPage: '1', SendDate: today(), ...params },
    {
      now: clock.now(),
      headers: { 'x-acs-action': 'QuerySendDetails', ...headers },
      ...(secret === undefined ? {} : { secret }),
    }
  );

describe('Dypnsapi QuerySendDetails', () => {
  it('answers the codes sent through SendSmsVerifyCode in the Model array, delivered by default', async () => {
    const bizId = await sendMas('13800138000');
    const response = await lookup({ PhoneNumber: '13800138000' });

    expect(response.status).toBe(200);
    const { RequestId: requestId, ...answer } = bodyOf(response);
    expect(requestId).toBe(response.headers['x-acs-request-id']);
    expect(answer).toEqual({
      AccessDeniedDetail: '',
      Message: '成功',
      Code: 'OK',
      Success: true,
      TotalCount: 1,
      Model: [
        {
          PhoneNum: '13800138000',
          SendStatus: 3,
          ErrCode: 'DELIVERED',
          TemplateCode: '100001',
          // The text, code included, as the real API returns it.
          Content: '【速通互联验证码】您的验证码为246810，5分钟内有效，请勿泄露。',
          SendDate: '2025-03-03 16:00:00',
          ReceiveDate: '2025-03-03 16:00:00',
          OutId: '',
        },
      ],
    });
    expect(sandbox.inbox.list()[0]).toMatchObject({
      provider: 'aliyun-mas',
      messageId: bizId,
      delivery: { state: 'delivered', carrierCode: 'DELIVERED' },
    });
  });

  it('each product sees only its own sends: Dysmsapi on its host answers none of them, in its shape', async () => {
    await sendMas('13800138000');
    const response = await lookup(
      { PhoneNumber: '13800138000' },
      { host: 'dysmsapi.aliyuncs.com' }
    );
    expect(response.json).toMatchObject({
      Code: 'OK',
      TotalCount: '0',
      SmsSendDetailDTOs: { SmsSendDetailDTO: [] },
    });
    expect(response.json).not.toHaveProperty('Model');
  });

  it('on the local origin, the 短信认证 connector is recognised by its User-Agent', async () => {
    await sendMas('13800138000');
    const response = await lookup(
      { PhoneNumber: '13800138000' },
      { 'user-agent': 'logto-sms-connector-aliyun-mas' }
    );
    expect(response.json).toMatchObject({ Code: 'OK', TotalCount: 1 });
  });

  it('records failed (with the carrier code) and waiting through delivery faults; BizId and paging filter', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      to: '13800138001',
      kind: 'delivery-failed',
      code: 'MK:0005',
    });
    sandbox.faults.add({ provider: 'aliyun', to: '13800138001', kind: 'delivery-waiting' });
    // A lookup first: it must leave the armed faults for the sends.
    expect((await lookup({ PhoneNumber: '13800138001' })).json).toMatchObject({ TotalCount: 0 });
    const failedId = await sendMas('13800138001');
    clock.advance(61_000);
    await sendMas('13800138001');

    const all = await lookup({ PhoneNumber: '13800138001' });
    expect(all.json).toMatchObject({
      TotalCount: 2,
      // Newest first, as the inbox keeps them.
      Model: [
        { SendStatus: 1, ErrCode: '' },
        { SendStatus: 2, ErrCode: 'MK:0005' },
      ],
    });
    expect((all.json as { Model: Array<Record<string, unknown>> }).Model[0]).not.toHaveProperty(
      'ReceiveDate'
    );
    const byId = await lookup({ PhoneNumber: '13800138001', BizId: failedId });
    expect(byId.json).toMatchObject({ TotalCount: 1, Model: [{ ErrCode: 'MK:0005' }] });
    const secondPage = await lookup({
      PhoneNumber: '13800138001',
      PageSize: '1',
      CurrentPage: '2',
    });
    expect(secondPage.json).toMatchObject({ TotalCount: 2, Model: [{ SendStatus: 2 }] });
    expect(sandbox.inbox.list().map((message) => message.delivery.state)).toEqual(
      expect.arrayContaining(['failed', 'waiting'])
    );
  });

  it('keeps 30 days, today included, and checks the paging parameters', async () => {
    const tooOld = await lookup({
      PhoneNumber: '13800138000',
      SendDate: chinaDate(clock.now() - 30 * dayMs),
    });
    expect(tooOld.json).toMatchObject({ Code: 'isv.INVALID_PARAMETERS' });
    const oldest = await lookup({
      PhoneNumber: '13800138000',
      SendDate: chinaDate(clock.now() - 29 * dayMs),
    });
    expect(oldest.json).toMatchObject({ Code: 'OK', TotalCount: 0, Model: [] });
    const noPageSize = await sendV3(
      sandbox,
      { PhoneNumber: '13800138000', SendDate: today(), CurrentPage: '1' },
      { now: clock.now(), headers: { 'x-acs-action': 'QuerySendDetails', ...dypnsHost } }
    );
    expect(noPageSize.status).toBe(400);
    expect(noPageSize.json).toMatchObject({ Code: 'MissingPageSize' });
  });

  it('verifies the signature like a send', async () => {
    const response = await lookup({ PhoneNumber: '13800138000' }, dypnsHost, 'not-the-secret');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  it('answers a missing permission in both of Aliyun’s envelopes through the error fault', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'isv.RAM_PERMISSION_DENY' });
    const business = await lookup({ PhoneNumber: '13800138000' });
    expect(business.status).toBe(200);
    const { RequestId: requestId, ...answer } = bodyOf(business);
    expect(requestId).toBe(business.headers['x-acs-request-id']);
    expect(answer).toEqual({
      Code: 'isv.RAM_PERMISSION_DENY',
      Message: 'RAM权限DENY',
    });

    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'Forbidden.RAM' });
    const gateway = await lookup({ PhoneNumber: '13800138000' });
    expect(gateway.status).toBe(403);
    expect(gateway.json).toMatchObject({ Code: 'Forbidden.RAM' });
  });
});
