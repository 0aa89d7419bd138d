import { ConnectorConfigFormItemType, type ConnectorConfigFormItem } from '@logto/connector-kit';

import { defaultSignatureAlgorithm } from './credentials.js';

// Console form items for the keys whose guards live in this package, so both Aliyun connectors
// describe them in the same words.

/** `permission` names the RAM policy or action the AccessKey's user needs. */
export const accessKeyIdFormItem = (permission: string): ConnectorConfigFormItem => ({
  key: 'accessKeyId',
  label: 'AccessKey ID',
  type: ConnectorConfigFormItemType.Text,
  required: true,
  placeholder: 'LTAI5t…',
  description: `The AccessKey ID of a RAM user allowed to ${permission}. Create it in the Aliyun console under RAM > Users > AccessKey.`,
});

export const accessKeySecretFormItem: ConnectorConfigFormItem = {
  key: 'accessKeySecret',
  label: 'AccessKey Secret',
  type: ConnectorConfigFormItemType.Text,
  required: true,
  isConfidential: true,
  placeholder: '<access-key-secret>',
  description:
    'The secret shown once when the AccessKey was created. A wrong secret shows up as "SignatureDoesNotMatch".',
};

export const securityTokenFormItem: ConnectorConfigFormItem = {
  key: 'securityToken',
  label: 'STS Security Token',
  type: ConnectorConfigFormItemType.Text,
  required: false,
  isConfidential: true,
  placeholder: 'Leave empty unless you use STS temporary credentials',
  description:
    'Only for STS temporary credentials (AccessKey IDs starting with "STS."). Logto cannot refresh it: update all three credential fields before the token expires, or use a RAM user AccessKey instead.',
};

export const signatureAlgorithmFormItem: ConnectorConfigFormItem = {
  key: 'signatureAlgorithm',
  label: 'Signature Algorithm',
  type: ConnectorConfigFormItemType.Select,
  required: false,
  defaultValue: defaultSignatureAlgorithm,
  selectItems: [
    { value: 'ACS3-HMAC-SHA256', title: 'ACS3-HMAC-SHA256 (V3, recommended)' },
    { value: 'HMAC-SHA1', title: 'HMAC-SHA1 (legacy RPC signature)' },
  ],
  description:
    'How requests are signed. Keep ACS3-HMAC-SHA256 unless a proxy or policy requires the older HMAC-SHA1 scheme.',
};
