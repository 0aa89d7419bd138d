// The verifier was written from Tencent's documentation alone; these tests hold it against what
// Tencent's own Node SDK (tencentcloud-sdk-nodejs-sms 4.1.306 over -common 4.1.220) puts on the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Sandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import { stringMatching } from './helpers.js';
import {
  sdkAppId,
  sdkError,
  tencentKey,
  tencentSdkClient,
  tencentSms,
  tencentSts,
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
});

const sdkClient = (
  credential: { secretId: string; secretKey: string; token?: string },
  region?: string,
  endpoint?: string
) => tencentSdkClient(sandbox, credential, region, endpoint);

type SmsClient = ReturnType<typeof sdkClient>;

const sendSms = async (client: SmsClient, request: Record<string, unknown>) =>
  // eslint-disable-next-line new-cap -- SendSms is the SDK's method, named after the API action.
  client.SendSms(request);

describe("Tencent's SDK against the sandbox", () => {
  it('a mainland send is accepted and lands in the inbox', async () => {
    const answer = await sendSms(sdkClient(tencentKey), {
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: sdkAppId,
      TemplateId: '900001',
      SignName: 'Logto测试',
      TemplateParamSet: ['482910'],
    });
    expect(answer.SendStatusSet).toEqual([
      expect.objectContaining({
        Code: 'Ok',
        PhoneNumber: '+8613800138000',
        Fee: 1,
        IsoCode: 'CN',
        SerialNo: stringMatching(/^5000:/),
      }),
    ]);
    expect(answer.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    const [message] = sandbox.inbox.list({ provider: 'tencent' });
    expect(message).toMatchObject({
      to: '+8613800138000',
      code: '482910',
      template: '900001',
      text: '【Logto测试】您的验证码为482910，5分钟内有效，请勿泄露。',
    });
    expect(message?.credential).toBe(tencentKey.secretId);
  });

  it('an international send without SignName, via a regional host and region', async () => {
    const answer = await sendSms(
      sdkClient(tencentKey, 'ap-singapore', 'sms.ap-singapore.tencentcloudapi.com'),
      {
        PhoneNumberSet: ['+16502530000'],
        SmsSdkAppId: sdkAppId,
        TemplateId: '900002',
        TemplateParamSet: ['654321'],
      }
    );
    expect(answer.SendStatusSet[0]).toMatchObject({ Code: 'Ok', IsoCode: 'US' });
    expect(sandbox.inbox.list({ provider: 'tencent' })[0]?.text).toBe(
      'Your verification code is 654321. It expires in 5 minutes.'
    );
  });

  it('STS: the temporary key with its token is accepted', async () => {
    const answer = await sendSms(sdkClient(tencentSts), {
      PhoneNumberSet: ['+8613800138001'],
      SmsSdkAppId: sdkAppId,
      TemplateId: '900001',
      SignName: 'Logto测试',
      TemplateParamSet: ['000123'],
    });
    expect(answer.SendStatusSet[0]?.Code).toBe('Ok');
    expect(sandbox.inbox.list({ provider: 'tencent' })[0]?.code).toBe('000123');
  });

  it.each([
    [
      'a wrong SecretKey',
      { ...tencentKey, secretKey: `${tencentKey.secretKey}x` },
      'AuthFailure.SignatureFailure',
    ],
    [
      'an unknown SecretId',
      { ...tencentKey, secretId: 'AKIDunknown' },
      'AuthFailure.SecretIdNotFound',
    ],
    [
      'the temporary key without its token',
      { secretId: tencentSts.secretId, secretKey: tencentSts.secretKey },
      'AuthFailure.TokenFailure',
    ],
    [
      'the temporary key with another token',
      { ...tencentSts, token: 'stale' },
      'AuthFailure.TokenFailure',
    ],
  ])('%s → %s, and nothing is delivered', async (_label, credential, code) => {
    const error = await sdkError(
      sendSms(sdkClient(credential), {
        PhoneNumberSet: ['+8613800138000'],
        SmsSdkAppId: sdkAppId,
        TemplateId: '900001',
        SignName: 'Logto测试',
        TemplateParamSet: ['1'],
      })
    );
    expect(error.code).toBe(code);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('an unsupported region → UnsupportedRegion', async () => {
    const error = await sdkError(
      sendSms(sdkClient(tencentKey, 'eu-moscow'), {
        PhoneNumberSet: ['+8613800138000'],
        SmsSdkAppId: sdkAppId,
        TemplateId: '900001',
        SignName: 'Logto测试',
        TemplateParamSet: ['1'],
      })
    );
    expect(error.code).toBe('UnsupportedRegion');
  });

  it('pointed at 127.0.0.1:<port> the SDK signs service "127": refused, as the real API would', async () => {
    const client = new tencentSms.v20210111.Client({
      credential: tencentKey,
      region: 'ap-guangzhou',
      profile: {
        httpProfile: { endpoint: `127.0.0.1:${sandbox.port}`, protocol: 'http://', reqTimeout: 10 },
      },
    });
    const error = await sdkError(
      sendSms(client, {
        PhoneNumberSet: ['+8613800138000'],
        SmsSdkAppId: sdkAppId,
        TemplateId: '900001',
        SignName: 'Logto测试',
        TemplateParamSet: ['1'],
      })
    );
    expect(error.code).toBe('AuthFailure.SignatureFailure');
  });
});
