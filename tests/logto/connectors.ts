/**
 * What the Logto suite needs to know per connector, keyed by its folder under packages/. The suite
 * installs every `packages/connector-*` it finds; one without an entry here fails (never skips)
 * with a message naming this file. To add a connector: a config the emulator accepts, a wrong
 * secret, which config values are secrets, and (if the connector can refuse numbers by
 * configuration) that case.
 */
import {
  aliyunConfigFor,
  aliyunMasConfigFor,
  tencentConfigFor,
  yunpianConfigFor,
} from '@logto-sms/cli';
import type { Provider, Sandbox } from '@logto-sms/sandbox';

import type { LogtoShows } from './support/logto-errors.js';

const refusedText = 'Sorry, only mainland China numbers can receive codes here.';

export type ConnectorConfig = Record<string, unknown>;

export type ConnectorUnderTest = {
  /** The emulator's name for the provider (inbox `provider`, and fault `provider` unless `faultProvider` says otherwise). */
  provider: Provider;
  /** The emulator endpoint that takes this connector's faults, when it is not `provider` (Aliyun MAS shares the Aliyun endpoint). */
  faultProvider?: Provider;
  /** A config that delivers through `sandbox`. */
  config: (sandbox: Sandbox) => ConnectorConfig;
  /** The config keys holding secrets: their values must never reach a Logto response or log. */
  secretKeys: readonly string[];
  /** A patch with a well-formed secret the provider does not know (a canary for the leak check). */
  wrongSecret: ConnectorConfig;
  /**
   * A number refused by configuration (Logto's digits-only form), the config patch that refuses it
   * with `text`, and what Logto then shows: the operator's text reaches people only if the
   * connector reports it as a `general` error, whose message Logto displays.
   */
  refusedNumber?: { digits: string; patch: ConnectorConfig; text: string; shows: LogtoShows };
};

export const connectorsUnderTest: Record<string, ConnectorUnderTest> = {
  'connector-aliyun-sms': {
    provider: 'aliyun',
    config: (sandbox) => aliyunConfigFor(sandbox.config, sandbox.url),
    secretKeys: ['accessKeySecret', 'securityToken'],
    wrongSecret: { accessKeySecret: 'CanaryWrongAccessKeySecret0001' },
  },
  'connector-aliyun-mas': {
    provider: 'aliyun-mas',
    faultProvider: 'aliyun',
    config: (sandbox) => aliyunMasConfigFor(sandbox.config, sandbox.url),
    secretKeys: ['accessKeySecret', 'securityToken'],
    wrongSecret: { accessKeySecret: 'CanaryWrongMasAccessKeySecret01' },
    // No refusedNumber: Aliyun MAS refuses every number outside mainland China by design, not by configuration.
  },
  'connector-yunpian-sms': {
    provider: 'yunpian',
    config: (sandbox) => yunpianConfigFor(sandbox.config, sandbox.url),
    secretKeys: ['apikey'],
    wrongSecret: { apikey: 'c0ffee00c0ffee00c0ffee00c0ffee00' },
    refusedNumber: {
      digits: '85261234567',
      patch: { enableInternational: false, unsupportedCountriesMsg: refusedText },
      text: refusedText,
      // The connector reports this refusal as `general`: the only code whose text Logto shows, so the
      // configured unsupportedCountriesMsg is what the operator and the end user read (Logto's fixed
      // phrase for invalid_request_parameters would hide it).
      shows: {
        status: 400,
        code: 'connector.general',
        message: `Error occurred in connector: ${refusedText}`,
      },
    },
  },
  'connector-tencent-sms': {
    provider: 'tencent',
    config: (sandbox) => tencentConfigFor(sandbox.config, sandbox.url),
    secretKeys: ['accessKeySecret', 'securityToken'],
    // A well-formed SecretKey the emulator does not hold: Tencent answers AuthFailure.SignatureFailure.
    wrongSecret: { accessKeySecret: 'CanaryWrongTencentSecretKey000001' },
  },
};
