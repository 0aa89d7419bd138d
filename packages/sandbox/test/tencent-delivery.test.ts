// Tencent's delivery receipts: PullSmsSendStatusByPhoneNumber over the inbox's delivery states.
// The happy paths go through Tencent's own Node SDK (its request, its signing, its parsing);
// the refusals are sent raw, signed with the SDK's signer, so each field can be wrong on purpose.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Sandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import {
  domestic,
  sdkAppId,
  sdkError,
  sendTencent,
  tencentKey,
  tencentSdkClient,
} from './tencent-helpers.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ config: { rateLimits: { enabled: false } } });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.inbox.clear();
  sandbox.faults.clear();
});

const sdk = () => tencentSdkClient(sandbox, tencentKey);

const nowSeconds = () => Math.floor(Date.now() / 1000);

const send = async (phone: string) => {
  // eslint-disable-next-line new-cap -- Tencent's SDK names its methods after the API actions
  const answer = await sdk().SendSms(domestic(phone));
  expect(answer.SendStatusSet[0]?.Code).toBe('Ok');
  return answer.SendStatusSet[0]!.SerialNo;
};

const pull = async (phone: string, extra: Record<string, unknown> = {}) =>
  // eslint-disable-next-line new-cap -- Tencent's SDK names its methods after the API actions
  sdk().PullSmsSendStatusByPhoneNumber({
    SmsSdkAppId: sdkAppId,
    PhoneNumber: phone,
    BeginTime: nowSeconds() - 3600,
    Offset: 0,
    Limit: 100,
    ...extra,
  });

const pullRaw = async (body: Record<string, unknown>) =>
  sendTencent(
    sandbox,
    {
      SmsSdkAppId: sdkAppId,
      PhoneNumber: '+8613800138000',
      BeginTime: nowSeconds() - 3600,
      Offset: 0,
      Limit: 100,
      ...body,
    },
    { action: 'PullSmsSendStatusByPhoneNumber' }
  );

describe('Tencent PullSmsSendStatusByPhoneNumber', () => {
  it('reports a sent message as delivered, in the 2021-01-11 shape, under the SerialNo SendSms returned', async () => {
    const serialNo = await send('+8613800138000');
    const answer = await pull('+8613800138000');
    expect(answer.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    const [receipt] = answer.PullSmsSendStatusSet;
    expect(typeof receipt?.UserReceiveTime).toBe('number');
    expect(Math.abs(Number(receipt?.UserReceiveTime) - nowSeconds())).toBeLessThan(5);
    expect(answer.PullSmsSendStatusSet).toEqual([
      {
        UserReceiveTime: receipt?.UserReceiveTime,
        CountryCode: '86',
        SubscriberNumber: '13800138000',
        PhoneNumber: '+8613800138000',
        SerialNo: serialNo,
        ReportStatus: 'SUCCESS',
        Description: 'DELIVRD',
        SessionContext: '',
      },
    ]);
    expect((await pull('+8613800138001')).PullSmsSendStatusSet).toEqual([]);
    expect(sandbox.inbox.refusals()).toEqual([]);
  });

  it('failed carries the carrier code; waiting is left out (no receipt yet); pulls do not consume delivery faults', async () => {
    sandbox.faults.add({
      provider: 'tencent',
      to: '+8613800138001',
      kind: 'delivery-failed',
      code: 'MK:0005',
    });
    sandbox.faults.add({ provider: 'tencent', to: '+8613800138002', kind: 'delivery-waiting' });
    // Lookups first: they must leave the armed faults for the sends.
    expect((await pull('+8613800138001')).PullSmsSendStatusSet).toEqual([]);
    expect((await pull('+8613800138002')).PullSmsSendStatusSet).toEqual([]);
    const failed = await send('+8613800138001');
    await send('+8613800138002');

    expect((await pull('+8613800138001')).PullSmsSendStatusSet).toEqual([
      expect.objectContaining({ SerialNo: failed, ReportStatus: 'FAIL', Description: 'MK:0005' }),
    ]);
    expect((await pull('+8613800138002')).PullSmsSendStatusSet).toEqual([]);
    expect(sandbox.inbox.list({ to: '+8613800138002' })[0]?.delivery.state).toBe('waiting');
  });

  it('keeps to BeginTime–EndTime and Limit, newest first', async () => {
    const first = await send('+8613800138000');
    const second = await send('+8613800138000');
    const both = (await pull('+8613800138000')).PullSmsSendStatusSet.map(
      (receipt) => receipt.SerialNo
    );
    expect(both).toEqual([second, first]);
    expect((await pull('+8613800138000', { Limit: 1 })).PullSmsSendStatusSet).toHaveLength(1);
    expect(
      (await pull('+8613800138000', { EndTime: nowSeconds() - 1800 })).PullSmsSendStatusSet
    ).toEqual([]);
    expect(
      (await pull('+8613800138000', { BeginTime: nowSeconds() + 60 })).PullSmsSendStatusSet
    ).toEqual([]);
  });

  it('refuses a BeginTime older than 7 days, a Limit above 100, a missing field and an unknown SdkAppId in the error shape', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ BeginTime: nowSeconds() - 8 * 86_400 }, 'InvalidParameterValue'],
      [{ Limit: 101 }, 'InvalidParameterValue'],
      [{ BeginTime: undefined }, 'MissingParameter'],
      [{ Limit: '100' }, 'InvalidParameter'],
      [{ PhoneNumber: '13800138000' }, 'InvalidParameterValue.IncorrectPhoneNumber'],
      [{ SmsSdkAppId: '1400999999' }, 'InvalidParameterValue.SdkAppIdNotExist'],
    ];
    for (const [body, code] of cases) {
      const response = await pullRaw(body);
      expect(response.status).toBe(200);
      expect(response.text.startsWith('{"Response":{"Error":{"Code":')).toBe(true);
      expect(response.json.Response.PullSmsSendStatusSet).toBeUndefined();
      expect(response.json.Response.Error.Code).toBe(code);
      expect(response.json.Response.Error.Message).toMatch(/\w/);
      expect(response.json.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('verifies TC3 like SendSms: a wrong SecretKey is AuthFailure.SignatureFailure', async () => {
    const response = await sendTencent(
      sandbox,
      { SmsSdkAppId: sdkAppId, PhoneNumber: '+8613800138000', BeginTime: 1, Offset: 0, Limit: 1 },
      { action: 'PullSmsSendStatusByPhoneNumber', secretKey: 'not-the-secret-key' }
    );
    expect(response.json.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  });

  it('a permission fault answers AuthFailure.UnauthorizedOperation, which the SDK reads as Tencent’s error', async () => {
    sandbox.faults.add({
      provider: 'tencent',
      to: '+8613800138000',
      kind: 'error',
      code: 'AuthFailure.UnauthorizedOperation',
    });
    const error = await sdkError(pull('+8613800138000'));
    expect(error.code).toBe('AuthFailure.UnauthorizedOperation');
    expect(error.message).toMatch(/not authorized/);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
