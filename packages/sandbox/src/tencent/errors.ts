/**
 * Tencent Cloud API 3.0 failures. Whole-request errors travel as HTTP 200 with
 * `{"Response":{"Error":{"Code","Message"},"RequestId"}}`; per-number failures sit in a
 * `SendStatusSet` entry instead. Messages are English, as with `X-TC-Language: en-US`.
 */
export class TencentError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

const catalogue: Record<string, string> = {
  'AuthFailure.InvalidAuthorization':
    'Check whether the request header `Authorization` complies with the TC3-HMAC-SHA256 format.',
  'AuthFailure.SecretIdNotFound':
    'The SecretId is not found, please ensure that your SecretId is correct.',
  'AuthFailure.SignatureExpire':
    'Signature expired. Timestamp and server time cannot differ by more than five minutes.',
  'AuthFailure.SignatureFailure':
    'The provided credentials could not be validated. Please check your signature is correct.',
  'AuthFailure.TokenFailure': 'The token is invalid or expired.',
  'AuthFailure.UnauthorizedOperation':
    'The request is not authorized. Please check the CAM documentation on authentication.',
  InvalidAction: 'The requested action is not valid for this API version.',
  NoSuchVersion: 'The requested API version does not exist.',
  UnsupportedRegion: 'The action does not support this region.',
  MissingParameter: 'A required parameter is missing.',
  InvalidParameter: 'A parameter is invalid.',
  InvalidParameterValue: 'A parameter value is invalid.',
  'FailedOperation.JsonParseFail': 'Failed to parse the request body as JSON.',
  'InvalidParameterValue.SdkAppIdNotExist': 'The SdkAppId does not exist.',
  'MissingParameter.EmptyPhoneNumberSet':
    'The number list is empty; please check your PhoneNumberSet.',
  'LimitExceeded.PhoneNumberCountLimit':
    'The number of phone numbers in a single request exceeds the limit (200).',
  'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber':
    'A request cannot contain both Mainland China and international/Hong Kong/Macao/Taiwan phone numbers.',
  'InvalidParameterValue.IncorrectPhoneNumber': 'The phone number format is incorrect.',
  'FailedOperation.SignatureIncorrectOrUnapproved':
    'The signature is not approved or the signature format is incorrect.',
  'FailedOperation.TemplateIncorrectOrUnapproved':
    'The template is not approved or the request content does not match the approved template content.',
  'InvalidParameterValue.TemplateParameterFormatError':
    'Verification code template parameter format error: a verification code template parameter may only contain 0–6 digits.',
  'LimitExceeded.PhoneNumberThirtySecondLimit':
    'The number of messages sent to this number within 30 seconds exceeds the limit.',
  'LimitExceeded.PhoneNumberOneHourLimit':
    'The number of messages sent to this number within 1 hour exceeds the limit.',
  'LimitExceeded.PhoneNumberDailyLimit':
    'The number of messages sent to this number within one day exceeds the limit.',
  RequestLimitExceeded: 'Your request frequency exceeds the limit.',
  'InternalError.OtherError': 'Other error.',
};

export const tencentError = (code: string, message?: string): TencentError =>
  new TencentError(code, message ?? catalogue[code] ?? 'Unknown error.');

export const tencentErrorBody = (error: TencentError, requestId: string) => ({
  Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId },
});
