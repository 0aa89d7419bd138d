import { ConnectorConfigFormItemType, type ConnectorConfigFormItem } from '@logto/connector-kit';

// Console form items for the settings whose guards live in this package, so both connectors
// describe them in the same words.

export const strictPhoneRegionNumberCheckFormItem: ConnectorConfigFormItem = {
  key: 'strictPhoneRegionNumberCheck',
  label: 'Strict phone region check',
  type: ConnectorConfigFormItemType.Switch,
  required: false,
  defaultValue: true,
  description:
    'On (recommended): phone numbers carry their country code, as Logto stores them; only numbers starting with 86 go to mainland China. Off: a bare 11-digit number starting with 13–19 is also treated as mainland China, for users stored without a country code (a US or Canadian number with the same digits would then be misrouted).',
};

export const timeoutFormItem = (providerName: string): ConnectorConfigFormItem => ({
  key: 'timeout',
  label: 'Timeout (ms)',
  type: ConnectorConfigFormItemType.Number,
  required: false,
  defaultValue: 10_000,
  placeholder: '10000',
  description: `Upper bound in milliseconds for one send to ${providerName} (100–60000, default 10000), including the one retry made only when a request provably never reached ${providerName}. After a timeout the message may still arrive; it is never sent twice.`,
});

export const allowedCountriesFormItem: ConnectorConfigFormItem = {
  key: 'allowedCountries',
  label: 'Allowed countries',
  type: ConnectorConfigFormItemType.Json,
  required: false,
  placeholder: '["CN"]',
  description:
    'Optional, recommended: the countries or regions whose numbers may receive codes, as ISO 3166-1 alpha-2 codes, e.g. ["CN"] for a service used only in mainland China, or ["CN", "HK", "MO", "TW"]. Other numbers are refused before anything is sent, which stops SMS pumping (bots requesting codes to expensive foreign numbers at your cost). Hong Kong (HK), Macao (MO) and Taiwan (TW) are separate codes; so are Guernsey (GG), Jersey (JE) and the Isle of Man (IM) from GB. Empty: every country the provider serves.',
};
