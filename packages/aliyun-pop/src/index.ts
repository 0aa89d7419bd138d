export {
  canonicalizeHeaders,
  canonicalQueryString,
  emptyPayloadHash,
  formatTimestamp,
  percentEncode,
  sha256Hex,
  signV1,
  signV1Params,
  signV3,
  v1CommonParams,
  v1Signature,
  v1StringToSign,
  v3Algorithm,
  v3Authorization,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
  type Credentials,
  type RpcAction,
  type SignatureAlgorithm,
  type V1SignedRequest,
  type V3SignedRequest,
} from './signer.js';
export {
  credentialKeys,
  credentialsOf,
  credentialText,
  defaultSignatureAlgorithm,
  requiredText,
  requireStsToken,
  signatureAlgorithmGuard,
  signatureAlgorithms,
} from './credentials.js';
export {
  aliyunEndpointGuard,
  dypnsapiHosts,
  dysmsapiHosts,
  type AliyunProductEndpoint,
} from './endpoints.js';
export {
  cleanProviderMessage,
  readAliyunAnswer,
  withoutBusinessPrefix,
  type AliyunAnswer,
} from './answer.js';
export { checkAliyunResponse, type AliyunAnswerBasics, type AliyunAnswerSpec } from './check.js';
export {
  buildSignedRequest,
  rpcRequestBuilder,
  type RpcAttemptInput,
  type RpcRequestConfig,
  type SignedRequestInput,
} from './request.js';
export {
  rpcSender,
  sendAliyunRequest,
  throttlingRetryDelay,
  type AliyunSendOptions,
  type ClientOptions,
} from './client.js';
export { credentialRules, nonceReusedRule, throttlingRule } from './rules.js';
export {
  accessKeyIdFormItem,
  accessKeySecretFormItem,
  securityTokenFormItem,
  signatureAlgorithmFormItem,
} from './form-items.js';
export {
  lookUpSendDetails,
  lookupPermissionRule,
  readSendDetailsPage,
  sendDetailsPageSize,
  sendDetailsRetentionDays,
  toSendDetailRecord,
  type SendDetailsLookup,
  type SendDetailsPage,
} from './send-details.js';
