/** The leak scenarios of bad input, with valid configs holding the secrets (secrets.test.ts). */

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { canaries } from '../../support/canaries.js';
import { sendData as logtoSendData } from '../../support/index.js';

import { connectorFor, sendData, type SendData } from './env.js';
import {
  aliyunValid,
  tencentValid,
  yunpian,
  yunpianValid,
  type ProbeContext,
  type Scenario,
} from './leak-probe.js';

export const inputScenarios = ({
  url,
  send,
  nextMainland,
  nextHongKong,
}: ProbeContext): Scenario[] => {
  const list: Scenario[] = [];
  // Input errors, with valid configs holding the secrets.
  const inputErrors: Array<[string, SendData, ConnectorErrorCodes]> = [
    [
      'the code as the phone number',
      sendData(canaries.code, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a secret as the phone number',
      sendData(canaries.apikey, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a secret as the phone number',
      sendData(canaries.stsSecret, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a malformed code',
      sendData(nextMainland(), `${canaries.code}!`),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a secret as the code',
      sendData(nextMainland(), canaries.securityToken),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'no code',
      logtoSendData(nextMainland(), { locale: canaries.code }),
      ConnectorErrorCodes.InsufficientRequestParameters,
    ],
    [
      '86 with a non-mainland number',
      sendData(`86${canaries.code.replaceAll(/\D/g, '')}12345`, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'type that is not a string',
      logtoSendData(nextMainland(), { code: canaries.code }, { secret: canaries.apikey }),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
  ];
  const validConfigOf = { aliyun: aliyunValid, yunpian: yunpianValid, tencent: tencentValid };
  for (const provider of ['aliyun', 'yunpian', 'tencent'] as const) {
    for (const [name, data, code] of inputErrors) {
      const secrets =
        provider === 'yunpian'
          ? [canaries.apikey, canaries.code]
          : [canaries.stsSecret, canaries.securityToken, canaries.code];
      list.push({
        name: `${provider} input: ${name}`,
        provider,
        secrets,
        run: async () =>
          (
            await connectorFor(provider, { ...validConfigOf[provider], endpoint: url() })
          ).sendMessage(data),
        expected: { code },
      });
    }
  }
  list.push({
    name: 'yunpian input: international number with international SMS off (custom message)',
    provider: 'yunpian',
    secrets: [canaries.apikey, canaries.code],
    run: async () =>
      send(
        'yunpian',
        yunpian(url(), canaries.apikey, { enableInternational: false }),
        sendData(nextHongKong(), canaries.code)
      ),
    // General: the one code whose description Logto shows, and this one is written for the end user.
    expected: { code: ConnectorErrorCodes.General },
  });
  return list;
};
