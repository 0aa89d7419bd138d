import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  clockAt,
  connectorWith,
  interceptTencent,
  ok,
  officialConfig,
  rejectionOf,
  sendData,
  successBody,
  vector,
  vectorConfig,
} from './helpers.js';

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

const expectSignedAs = (
  call: { headers: Record<string, unknown>; body: string } | undefined,
  name: string,
  region: string
) => {
  const entry = vector(name);
  expect(call?.body).toBe(entry.body);
  expect(call?.headers).toMatchObject({
    host: entry.host,
    'content-type': 'application/json',
    'x-tc-action': 'SendSms',
    'x-tc-version': '2021-01-11',
    'x-tc-region': region,
    'x-tc-timestamp': String(entry.timestamp),
    authorization: entry.authorization,
  });
};

describe('the exact signed request', () => {
  it('mainland number: the Vector A request, and the SerialNo and RequestId back', async () => {
    const { scope, calls } = interceptTencent([ok()]);
    const result = await connectorWith(vectorConfig, clockAt(1_704_067_200)).sendMessage(
      sendData('8613800138000')
    );

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      serialNo: '5000:1045710669157053657849499619',
      requestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/');
    expectSignedAs(calls[0], 'A', 'ap-guangzhou');
    expect(calls[0]?.headers).not.toHaveProperty('x-tc-token');
  });

  it('international number: the Vector B request, without SignName, dated by the UTC day', async () => {
    const { scope, calls } = interceptTencent([ok()]);
    await connectorWith(vectorConfig, clockAt(1_704_067_199)).sendMessage(
      sendData('16502530000', { code: '654321' })
    );

    expect(scope.isDone()).toBe(true);
    expectSignedAs(calls[0], 'B', 'ap-guangzhou');
  });

  it('STS: the Vector C request with the token in X-TC-Token, unsigned; the code keeps its leading zeros', async () => {
    const vectorC = vector('C');
    const { scope, calls } = interceptTencent([ok()]);
    await connectorWith(
      {
        ...vectorConfig,
        accessKeyId: vectorC.secretId,
        accessKeySecret: vectorC.secretKey,
        securityToken: vectorC.token,
      },
      clockAt(vectorC.timestamp)
    ).sendMessage(sendData('+86 138 0013 8000', { code: '000123' }));

    expect(scope.isDone()).toBe(true);
    expectSignedAs(calls[0], 'C', 'ap-guangzhou');
    expect(calls[0]?.headers['x-tc-token']).toBe(vectorC.token);
  });

  it('regional host: the Vector E request to sms.ap-singapore with X-TC-Region ap-singapore', async () => {
    const origin = 'https://sms.ap-singapore.tencentcloudapi.com';
    const { scope, calls } = interceptTencent([ok()], { origin });
    await connectorWith(
      {
        ...vectorConfig,
        sdkAppId: '2400006666',
        region: 'ap-singapore',
        endpoint: origin,
        templates: vectorConfig.templates.map((template) => ({
          ...template,
          templateCode: { china: '1110', overseas: '3330' },
        })),
      },
      clockAt(1_704_153_600)
    ).sendMessage(sendData('6591234567', { code: '4321' }));

    expect(scope.isDone()).toBe(true);
    expectSignedAs(calls[0], 'E', 'ap-singapore');
  });

  it('international site: the Vector F request to sms.intl, service still sms', async () => {
    const origin = 'https://sms.intl.tencentcloudapi.com';
    const { scope, calls } = interceptTencent([ok()], { origin });
    await connectorWith(
      { ...vectorConfig, sdkAppId: '2400006666', region: 'ap-singapore', endpoint: origin },
      clockAt(1_704_067_200)
    ).sendMessage(sendData('16502530000', { code: '654321' }));

    expect(scope.isDone()).toBe(true);
    expectSignedAs(calls[0], 'F', 'ap-singapore');
  });

  it('loopback emulator: signs the Host it sends, port included, with service sms', async () => {
    const origin = 'http://127.0.0.1:4010';
    const { scope, calls } = interceptTencent([ok()], { origin });
    await connectorWith({ ...vectorConfig, endpoint: origin }, clockAt(1_704_067_200)).sendMessage(
      sendData('8613800138000')
    );

    expect(scope.isDone()).toBe(true);
    expect(calls[0]?.headers.host).toBe('127.0.0.1:4010');
    expect(calls[0]?.body).toBe(vector('A').body);
    expect(calls[0]?.headers.authorization).toMatch(
      /Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\/2024-01-01\/sms\/tc3_request, /
    );
    expect(calls[0]?.headers.authorization).not.toBe(vector('A').authorization);
  });

  it("the official connector's saved config sends unchanged, with + on the number", async () => {
    const { scope, calls } = interceptTencent([ok()]);
    await connectorWith(officialConfig, clockAt(1_704_067_200)).sendMessage(
      sendData('8613800138000')
    );
    expect(scope.isDone()).toBe(true);
    expectSignedAs(calls[0], 'A', 'ap-guangzhou');
  });
});

describe('routing: which number, template and sign name', () => {
  const config = { ...vectorConfig, overseasSignName: 'Tencent Intl' };
  const bodyOf = async (to: string, usedConfig: unknown = config) => {
    const { scope, calls } = interceptTencent([ok()]);
    await connectorWith(usedConfig).sendMessage(sendData(to));
    expect(scope.isDone()).toBe(true);
    return JSON.parse(calls[0]?.body ?? '{}') as Record<string, unknown>;
  };

  it.each([
    ['8613800138000', '+8613800138000', '1110', '腾讯云'],
    ['+86 138-0013-8000', '+8613800138000', '1110', '腾讯云'],
    ['008619912345678', '+8619912345678', '1110', '腾讯云'],
    ['16502530000', '+16502530000', '2220', 'Tencent Intl'],
    ['+1 650 253 0000', '+16502530000', '2220', 'Tencent Intl'],
    ['85261234567', '+85261234567', '2220', 'Tencent Intl'],
    ['85366123456', '+85366123456', '2220', 'Tencent Intl'],
    ['886912345678', '+886912345678', '2220', 'Tencent Intl'],
    ['447400123456', '+447400123456', '2220', 'Tencent Intl'],
  ])('%s → %s, template %s, sign name %s', async (to, international, templateId, signName) => {
    expect(await bodyOf(to)).toEqual({
      PhoneNumberSet: [international],
      SmsSdkAppId: '1400006666',
      TemplateId: templateId,
      SignName: signName,
      TemplateParamSet: ['123456'],
    });
  });

  it('a bare 11-digit mainland mobile is mainland only with strictPhoneRegionNumberCheck off', async () => {
    // 16502530000 reads both ways: mainland 165 0253 0000, or the US number +1 650 253 0000.
    const lenient = await bodyOf('16502530000', { ...config, strictPhoneRegionNumberCheck: false });
    expect(lenient).toMatchObject({ PhoneNumberSet: ['+8616502530000'], TemplateId: '1110' });
    // Strict (the default): the digits carry their country code, here +1; the + stops Tencent reading it as +86.
    const strict = await bodyOf('16502530000');
    expect(strict).toMatchObject({ PhoneNumberSet: ['+16502530000'], TemplateId: '2220' });
  });

  it('a single string template ID goes to both kinds of number; the + keeps the country', async () => {
    expect((await bodyOf('16502530000', officialConfig)).TemplateId).toBe('1110');
    expect((await bodyOf('16502530000', officialConfig)).PhoneNumberSet).toEqual(['+16502530000']);
  });

  it('without overseasSignName an international message carries no SignName', async () => {
    expect(await bodyOf('16502530000', vectorConfig)).not.toHaveProperty('SignName');
  });

  it.each(['', '12345', '+86 123 4567 8901', '0800123456', 'abc', '+1 650 253 0000 ext 5'])(
    'a malformed number (%j) is invalid_request_parameters before any request',
    async (to) => {
      const error = await rejectionOf(async () =>
        connectorWith(vectorConfig).sendMessage(sendData(to))
      );
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      expect(nock.pendingMocks()).toEqual([]);
    }
  );
});

describe('TemplateParamSet', () => {
  it('is exactly [code]: locale, uiLocales, link and other payload keys never reach Tencent', async () => {
    const { scope, calls } = interceptTencent([ok()]);
    await connectorWith(vectorConfig).sendMessage(
      sendData('8613800138000', {
        code: '123456',
        locale: 'zh-CN',
        uiLocales: 'zh-CN en',
        link: 'https://x',
        extra: 7,
      })
    );
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(calls[0]?.body ?? '{}').TemplateParamSet).toEqual(['123456']);
    expect(calls[0]?.body).not.toMatch(/zh-CN|https:\/\/x|extra/);
  });

  it('is [code, ...fixedParams] for a template with more variables', async () => {
    const config = {
      ...vectorConfig,
      templates: [
        ...vectorConfig.templates,
        {
          usageType: TemplateType.MfaVerification,
          templateCode: '4440',
          fixedParams: ['5', 'Logto'],
        },
      ],
    };
    const { scope, calls } = interceptTencent([ok()]);
    await connectorWith(config).sendMessage(
      sendData('8613800138000', { code: '123456' }, TemplateType.MfaVerification)
    );
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(calls[0]?.body ?? '{}')).toMatchObject({
      TemplateId: '4440',
      TemplateParamSet: ['123456', '5', 'Logto'],
    });
  });

  it('a missing code is insufficient_request_parameters before any request', async () => {
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000', {}))
    );
    expect(error.code).toBe(ConnectorErrorCodes.InsufficientRequestParameters);
  });
});

describe('the unsaved config from the Console', () => {
  it('is used instead of the saved one', async () => {
    const { scope, calls } = interceptTencent([{ status: 200, body: successBody('S-1', 'R-1') }]);
    const connector = connectorWith(undefined, clockAt(1_704_067_200));
    const result = await connector.sendMessage(sendData('8613800138000'), vectorConfig);
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ serialNo: 'S-1', requestId: 'R-1' });
    expectSignedAs(calls[0], 'A', 'ap-guangzhou');
  });
});
