import { endpointGuard } from '@logto-sms/sms-core';

/**
 * Every Dysmsapi (SMS) host Alibaba documents, written out in full: the central host, the regional
 * hosts of the SDK's endpoint map, and the documented VPC/proxy hosts (aliyun-sms-api.md §1).
 * A list rather than a pattern, because under `aliyuncs.com` other customers can create host names
 * (an OSS bucket `dysmsapi-x` is `dysmsapi-x.oss-cn-hangzhou.aliyuncs.com`, with a valid
 * certificate), and a V3 request carries the code, the signature and any STS token.
 */
export const dysmsapiHosts: readonly string[] = [
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
];

/**
 * Dypnsapi (Message Authentication Service) has one host for every region and no documented VPC
 * host (aliyun-dypns-api.md §1); the SDK-generated `dypnsapi-vpc.aliyuncs.com` is unverified, so it
 * is not accepted.
 */
export const dypnsapiHosts: readonly string[] = ['dypnsapi.aliyuncs.com'];

export type AliyunProductEndpoint = {
  /** The documented hosts, lower case. */
  hosts: readonly string[];
  defaultUrl: string;
  /** Completes "endpoint host "x" is not …" in the refusal message. */
  expected: string;
};

/**
 * The `endpoint` config key: an exact documented host over HTTPS, or a loopback emulator over
 * HTTP. Normalised to the origin.
 */
export const aliyunEndpointGuard = ({ hosts, defaultUrl, expected }: AliyunProductEndpoint) =>
  endpointGuard({ defaultUrl, expected, isProviderHost: (hostname) => hosts.includes(hostname) });
