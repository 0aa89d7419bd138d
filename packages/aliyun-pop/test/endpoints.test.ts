// Issue 17 item 2: the allow-list accepts exactly the documented hosts. Under aliyuncs.com other
// customers can create names (OSS buckets, function endpoints), so nothing pattern-like may pass.
import { parseConfig } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import { z, type ZodError } from 'zod';

import { aliyunEndpointGuard, dypnsapiHosts, dysmsapiHosts } from '../src/endpoints.js';

const guards = {
  Dysmsapi: z.object({
    endpoint: aliyunEndpointGuard({
      hosts: dysmsapiHosts,
      defaultUrl: 'https://dysmsapi.aliyuncs.com',
      expected: 'an Aliyun SMS endpoint',
    }),
  }),
  Dypnsapi: z.object({
    endpoint: aliyunEndpointGuard({
      hosts: dypnsapiHosts,
      defaultUrl: 'https://dypnsapi.aliyuncs.com',
      expected: 'the Dypnsapi endpoint',
    }),
  }),
};

const refusal = (
  guard: z.ZodType<unknown, z.ZodTypeDef, unknown>,
  endpoint: string
): ConnectorError => {
  try {
    parseConfig(guard, { endpoint });
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error(`expected ${endpoint} to be refused`);
};

describe('documented hosts are accepted over HTTPS', () => {
  it('the Dysmsapi list is exactly the fact sheet’s central, regional and VPC hosts', () => {
    expect([...dysmsapiHosts].sort()).toEqual(
      [
        'dysmsapi.aliyuncs.com',
        'dysmsapi.ap-southeast-1.aliyuncs.com',
        'dysmsapi.ap-southeast-5.aliyuncs.com',
        'dysmsapi.eu-central-1.aliyuncs.com',
        'dysmsapi.us-east-1.aliyuncs.com',
        'dysmsapi-xman.cn-hongkong.aliyuncs.com',
        'dysmsapi-proxy.cn-beijing.aliyuncs.com',
        'dysmsapi-xman.vpc-proxy.aliyuncs.com',
        'dysmsapi-xman-vpc.ap-southeast-5.aliyuncs.com',
        'dysmsapi-xman-vpc.eu-central-1.aliyuncs.com',
      ].sort()
    );
    expect(dypnsapiHosts).toEqual(['dypnsapi.aliyuncs.com']);
  });

  it.each([
    ...dysmsapiHosts.map((host) => ['Dysmsapi', host] as const),
    ...dypnsapiHosts.map((host) => ['Dypnsapi', host] as const),
  ])('%s %s', (product, host) => {
    const guard = guards[product];
    expect(parseConfig(guard, { endpoint: `https://${host}` })).toEqual({
      endpoint: `https://${host}`,
    });
    expect(parseConfig(guard, { endpoint: `https://${host.toUpperCase()}/` })).toEqual({
      endpoint: `https://${host}`,
    });
  });

  it('loopback emulators over http, and the default when empty', () => {
    for (const guard of Object.values(guards)) {
      expect(parseConfig(guard, { endpoint: 'http://127.0.0.1:4010' }).endpoint).toBe(
        'http://127.0.0.1:4010'
      );
      expect(parseConfig(guard, { endpoint: 'http://localhost:4010' }).endpoint).toBe(
        'http://localhost:4010'
      );
      expect(parseConfig(guard, { endpoint: 'http://[::1]:4010' }).endpoint).toBe(
        'http://[::1]:4010'
      );
    }
    expect(parseConfig(guards.Dypnsapi, { endpoint: '' }).endpoint).toBe(
      'https://dypnsapi.aliyuncs.com'
    );
  });
});

// Names another Aliyun customer can register (OSS buckets `<bucket>.oss-<region>.aliyuncs.com`,
// Function Compute, custom labels) or that only look like the documented hosts.
const lookAlikes = [
  'dysmsapi-attacker.oss-cn-hangzhou.aliyuncs.com',
  'dysmsapi.oss-cn-hangzhou.aliyuncs.com',
  'dysmsapi-xman.oss-accelerate.aliyuncs.com',
  'dysmsapi-anything.cn-hangzhou.aliyuncs.com',
  'dysmsapi.attacker.aliyuncs.com',
  'dysmsapi-vpc.aliyuncs.com',
  'dysmsapi.ap-southeast-1.aliyuncs.com.evil.example',
  'dysmsapi.aliyuncs.com.',
  'xdysmsapi.aliyuncs.com',
  'dypnsapi.aliyuncs.com.evil.example',
  'dypnsapi-vpc.aliyuncs.com',
  'dypnsapi-attacker.oss-cn-hangzhou.aliyuncs.com',
  'dypnsapi.oss-cn-shanghai.aliyuncs.com',
  'dypnsapi-intl.ap-southeast-1.aliyuncs.com',
  'dypnsapi.cn-hangzhou.fcapp.run',
  'ecs.aliyuncs.com',
];

describe('look-alike hosts are refused as invalid_config', () => {
  it.each(
    lookAlikes.flatMap((host) =>
      (['Dysmsapi', 'Dypnsapi'] as const).map((product) => [product, host] as const)
    )
  )('%s refuses %s', (product, host) => {
    const error = refusal(guards[product], `https://${host}`);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    const [issue] = (error.data as ZodError).issues;
    expect(issue?.path).toEqual(['endpoint']);
    expect(issue?.message).toMatch(/^endpoint host ".+" is not /);
  });

  it('each product accepts only its own hosts', () => {
    expect(refusal(guards.Dypnsapi, 'https://dysmsapi.aliyuncs.com').code).toBe(
      ConnectorErrorCodes.InvalidConfig
    );
    expect(refusal(guards.Dysmsapi, 'https://dypnsapi.aliyuncs.com').code).toBe(
      ConnectorErrorCodes.InvalidConfig
    );
  });

  it('a documented host over plain http is refused', () => {
    const error = refusal(guards.Dypnsapi, 'http://dypnsapi.aliyuncs.com');
    expect((error.data as ZodError).issues[0]?.message).toMatch(/must use https:\/\//);
  });
});
