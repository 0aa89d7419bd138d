// The connectors the bench compares: one entry per provider. A new connector is one more entry
// here, plus its emulator in packages/sandbox; every block of the table, the cross-process rounds,
// the cold loads and the targets pick it up from this list.
//
//   provider      key of the entry, and the provider name the emulator writes in its request log
//   ours          our package directory (relative to the repository root)
//   official      the official Logto connector (a devDependency of bench/package.json)
//   origin, path  where the official connector sends: its hard-coded URL. The bench routes that
//                 host to the emulator's TLS front (harness/route.mjs); the throwaway certificate
//                 names it. Ours are given the same origin, so both pay the same TLS.
//   success       the provider's success answer (the got stub and the capture recorder reply it)
//   config        the config of ours (`algorithm` from the variant) and of the official connector;
//                 both match the emulator's default accounts (packages/sandbox/src/config/defaults.ts)
//   variants      request variants of ours; `officialVariant` is the variant the official connector
//                 sends (compared with every variant of ours)
//   emulatorLog   the provider name the emulator writes in its request log for these sends
//                 (default: `provider`)
//   captureMaxAgeMs  how long captured signed requests stay acceptable to the emulator (default 8 min)
//   officialNeedsLogtoShared  the official connector imports @logto/shared, which Logto core gives
//                 connectors but the Logto-like host does not: it runs from bench/node_modules (where
//                 pnpm resolved it) in the send rows, and has no cold-load or stubbed-got row
const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

const aliyunBase = {
  accessKeyId: 'LTAI5tSandboxKeyId0001',
  accessKeySecret: 'SandboxAccessKeySecret000000001',
  signName: 'Logto测试',
  templates: usageTypes.map((usageType) => ({ usageType, templateCode: 'SMS_900001' })),
};

const yunpianBase = {
  apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
  templates: usageTypes.map((usageType) => ({
    usageType,
    content: '您的验证码是{{code}}。如非本人操作，请忽略本短信',
  })),
};

// Tencent: the emulator's SecretId, SdkAppId 1400000001 and domestic template 900001 ({1}). The
// official connector takes one template ID per usage type; ours gets the same single ID.
const tencentBase = {
  accessKeyId: 'AKIDSandboxSecretId0001',
  accessKeySecret: 'SandboxSecretKey00000000000000001',
  signName: 'Logto测试',
  sdkAppId: '1400000001',
  region: 'ap-guangzhou',
  templates: usageTypes.map((usageType) => ({ usageType, templateCode: '900001' })),
};

// Aliyun MAS: the emulator's gift signature and system template 100001 (with ${code} and ${min}).
// The official MAS connector requires a template for all nine usage types.
const aliyunMasBase = {
  accessKeyId: 'LTAI5tSandboxKeyId0001',
  accessKeySecret: 'SandboxAccessKeySecret000000001',
  signName: '速通互联验证码',
  templates: [
    ...usageTypes,
    'OrganizationInvitation',
    'UserPermissionValidation',
    'BindNewIdentifier',
    'MfaVerification',
    'BindMfa',
  ].map((usageType) => ({ usageType, templateCode: '100001' })),
};

export const connectors = [
  {
    provider: 'aliyun',
    name: 'Aliyun',
    ours: 'packages/connector-aliyun-sms',
    official: '@logto/connector-aliyun-sms',
    origin: 'https://dysmsapi.aliyuncs.com',
    path: '/',
    success: {
      RequestId: '00000000-0000-4000-8000-000000000000',
      Code: 'OK',
      Message: 'OK',
      BizId: '900000000000000001^0',
    },
    config: {
      ours: ({ algorithm }) => ({ ...aliyunBase, signatureAlgorithm: algorithm }),
      official: () => ({ ...aliyunBase }),
    },
    variants: [
      { id: 'aliyun-v3', algorithm: 'ACS3-HMAC-SHA256', label: 'Aliyun V3 (ACS3-HMAC-SHA256)' },
      { id: 'aliyun-v1', algorithm: 'HMAC-SHA1', label: 'Aliyun V1 (HMAC-SHA1)' },
    ],
    // The official connector signs V1 only.
    officialVariant: 'aliyun-v1',
  },
  {
    provider: 'yunpian',
    name: 'YunPian',
    ours: 'packages/connector-yunpian-sms',
    official: '@logto/connector-yunpian-sms',
    origin: 'https://sms.yunpian.com',
    path: '/v2/sms/single_send.json',
    success: {
      code: 0,
      msg: '发送成功',
      count: 1,
      fee: 0.05,
      unit: 'RMB',
      mobile: '13800138000',
      sid: 30_000_000_001,
    },
    config: {
      ours: () => ({ ...yunpianBase }),
      official: () => ({ ...yunpianBase }),
    },
    variants: [{ id: 'yunpian', algorithm: undefined, label: 'YunPian' }],
    officialVariant: 'yunpian',
  },
  {
    provider: 'tencent',
    name: 'Tencent',
    ours: 'packages/connector-tencent-sms',
    official: '@logto/connector-tencent-sms',
    origin: 'https://sms.tencentcloudapi.com',
    path: '/',
    success: {
      Response: {
        SendStatusSet: [
          {
            SerialNo: '5000:0',
            PhoneNumber: '+8613800138000',
            Fee: 1,
            SessionContext: '',
            Code: 'Ok',
            Message: 'send success',
            IsoCode: 'CN',
          },
        ],
        RequestId: '00000000-0000-4000-8000-000000000000',
      },
    },
    config: {
      ours: () => ({ ...tencentBase }),
      official: () => ({ ...tencentBase }),
    },
    variants: [{ id: 'tencent', algorithm: undefined, label: 'Tencent (TC3-HMAC-SHA256)' }],
    officialVariant: 'tencent',
    // Tencent's signed timestamp is accepted for 5 minutes only.
    captureMaxAgeMs: 3 * 60 * 1000,
  },
  {
    provider: 'aliyun-mas',
    name: 'Aliyun MAS',
    ours: 'packages/connector-aliyun-mas',
    official: '@logto/connector-aliyun-sms-mas',
    origin: 'https://dypnsapi.aliyuncs.com',
    path: '/',
    success: {
      Code: 'OK',
      Message: '成功',
      Success: true,
      RequestId: '00000000-0000-4000-8000-000000000000',
      Model: {
        BizId: '900000000000000001^0',
        RequestId: '00000000-0000-4000-8000-000000000000',
        OutId: '',
        VerifyCode: '',
      },
    },
    config: {
      ours: ({ algorithm }) => ({ ...aliyunMasBase, signatureAlgorithm: algorithm }),
      official: () => ({ ...aliyunMasBase }),
    },
    variants: [
      {
        id: 'aliyun-mas-v3',
        algorithm: 'ACS3-HMAC-SHA256',
        label: 'Aliyun MAS V3 (ACS3-HMAC-SHA256)',
      },
      { id: 'aliyun-mas-v1', algorithm: 'HMAC-SHA1', label: 'Aliyun MAS V1 (HMAC-SHA1)' },
    ],
    // The official connector signs V1 only.
    officialVariant: 'aliyun-mas-v1',
    // The emulator serves SendSmsVerifyCode from its Aliyun endpoint.
    emulatorLog: 'aliyun',
    officialNeedsLogtoShared: true,
  },
];

export const connectorByProvider = Object.fromEntries(
  connectors.map((connector) => [connector.provider, connector])
);

/** Every request variant of ours, with its provider. */
export const variants = connectors.flatMap((connector) =>
  connector.variants.map((variant) => ({ ...variant, provider: connector.provider }))
);
export const variantById = Object.fromEntries(variants.map((variant) => [variant.id, variant]));

/** The hosts the official connectors hard-code (routed to the TLS front, named by the certificate). */
export const providerHosts = connectors.map((connector) => new URL(connector.origin).hostname);

/** The provider name the emulator logs a connector's sends under. */
export const emulatorLogOf = (provider) => connectorByProvider[provider].emulatorLog ?? provider;
