/**
 * Aliyun answers in two envelopes: the POP gateway (auth, signature, throttling) uses 4xx/5xx with
 * HostId and Recommend; the SMS service itself (`isv.*`, `isp.*`) answers HTTP 200 with only
 * RequestId, Code and Message. Clients must tell these apart, so the emulator keeps them apart.
 */
export class AliyunError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number
  ) {
    super(message);
  }

  get isBusiness(): boolean {
    return isBusinessCode(this.code);
  }
}

// Dypnsapi also answers business errors such as `biz.FREQUENCY` with HTTP 200.
export const isBusinessCode = (code: string): boolean => /^(?:isv|isp|biz)\./.test(code);

const gatewayCatalogue: Record<string, [status: number, message: string]> = {
  SignatureDoesNotMatch: [400, 'Specified signature is not matched with our calculation.'],
  IncompleteSignature: [400, 'The request signature does not conform to Aliyun standards.'],
  'InvalidAccessKeyId.NotFound': [404, 'Specified access key is not found.'],
  'InvalidAccessKeyId.Inactive': [400, 'Specified access key is disabled.'],
  'InvalidSecurityToken.Malformed': [400, 'Specified SecurityToken is malformed.'],
  'InvalidSecurityToken.MismatchWithAccessKey': [
    400,
    'Specified SecurityToken mismatch with the AccessKey.',
  ],
  'InvalidSecurityToken.Expired': [400, 'Specified SecurityToken is expired.'],
  'InvalidTimeStamp.Expired': [400, 'Specified time stamp or date value is expired.'],
  'InvalidTimeStamp.Format': [400, 'Specified time stamp or date value is not well formatted.'],
  SignatureNonceUsed: [400, 'Specified signature nonce was used already.'],
  InvalidSignatureMethod: [400, 'Specified signature method is not supported.'],
  InvalidSignatureVersion: [400, 'Specified signature version is not supported.'],
  'InvalidApi.NotFound': [404, 'Specified api is not found, please check your url and method.'],
  InvalidVersion: [400, 'Specified parameter Version is not valid.'],
  UnsupportedHTTPMethod: [400, 'This http method is not supported.'],
  InvalidParameter: [400, 'The specified parameter is not valid.'],
  MissingParameter: [400, 'A required parameter is missing.'],
  Throttling: [400, 'Request was denied due to flow control.'],
  'Throttling.User': [400, 'Request was denied due to user flow control.'],
  'Throttling.Api': [400, 'Request was denied due to api flow control.'],
  Forbidden: [403, 'User not authorized to operate on the specified resource.'],
  'Forbidden.RAM': [
    403,
    'User not authorized to operate on the specified resource, or this API does not support RAM.',
  ],
  NoPermission: [403, 'You are not authorized to perform this operation.'],
  InternalError: [
    500,
    'The request processing has failed due to some unknown error, exception or failure.',
  ],
  ServiceUnavailable: [503, 'The request has failed due to a temporary failure of the server.'],
};

const businessCatalogue: Record<string, string> = {
  'isv.SMS_SIGNATURE_ILLEGAL': '签名不合法(不存在或被拉黑)',
  'isv.SMS_TEMPLATE_ILLEGAL': '模板不合法(不存在或被拉黑)',
  'isv.INVALID_JSON_PARAM': 'JSON参数不合法，只接受字符串值',
  'isv.TEMPLATE_MISSING_PARAMETERS': '模板缺少变量',
  'isv.INVALID_PARAMETERS': 'params must be [a-zA-Z0-9] for verification sms',
  'isv.MOBILE_NUMBER_ILLEGAL': '非法手机号',
  'isv.MOBILE_COUNT_OVER_LIMIT': '手机号码数量超过限制',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': '国际/港澳台消息模板不支持发送境内号码',
  'isv.BUSINESS_LIMIT_CONTROL': '业务限流',
  'isv.PARAM_LENGTH_LIMIT': '参数超出长度限制',
  'isv.AMOUNT_NOT_ENOUGH': '账户余额不足',
  'isv.OUT_OF_SERVICE': '业务停机',
  'isv.DAY_LIMIT_CONTROL': '触发日发送限额',
  'isv.MONTH_LIMIT_CONTROL': '触发月发送限额',
  'isv.DENY_IP_RANGE': '源IP地址所在的地区被禁用',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': '签名和模板类型不一致',
  'isp.RAM_PERMISSION_DENY': 'RAM权限DENY',
  // Dypnsapi's spelling (its return-code table, aliyun-dypns-api.md §3.3).
  'isv.RAM_PERMISSION_DENY': 'RAM权限DENY',
  'isp.SYSTEM_ERROR': '系统错误',
  'biz.FREQUENCY': '发送频率过高',
};

/** Builds an error with the real status and a realistic message for any known code. */
export const aliyunError = (code: string, message?: string, status?: number): AliyunError => {
  if (isBusinessCode(code)) {
    return new AliyunError(code, message ?? businessCatalogue[code] ?? code, status ?? 200);
  }
  const [knownStatus, knownMessage] = gatewayCatalogue[code] ?? [
    400,
    code.startsWith('Missing')
      ? `${code.slice('Missing'.length)} is mandatory for this action.`
      : code,
  ];
  return new AliyunError(code, message ?? knownMessage, status ?? knownStatus);
};

export const missingParameter = (name: string): AliyunError => aliyunError(`Missing${name}`);

export const signatureMismatch = (serverStringToSign: string): AliyunError =>
  aliyunError(
    'SignatureDoesNotMatch',
    `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`
  );
