export {
  routePhoneNumber,
  type PhoneRoute,
  type PhoneRoutingOptions,
  type SmsCapableNumberType,
} from './phone.js';
export { loadPhonePlan } from './phone-plan-loader.js';
export { isJsonObject, nonEmptyText, textField } from './json-values.js';
export { allowedCountriesGuard, checkAllowedCountry } from './allowed-countries.js';
export { normalizeLocale, languageOf, preferredLocale } from './locale.js';
export { selectTemplate, type LocalizedTemplate } from './templates.js';
export {
  allowedHttpHostsVariable,
  blankAsMissing,
  credentialGuard,
  endpointGuard,
  isLoopbackHost,
  localeGuard,
  numberFieldValue,
  operatorAllowedHttpHosts,
  optionalLocaleGuard,
  recommendedUsageTypes,
  requiredTextGuard,
  requiredUsageTypes,
  securityTokenGuard,
  strictPhoneRegionNumberCheckGuard,
  templateListGuard,
  timeoutGuard,
  unionGuard,
  usageTypeGuard,
  type EndpointRule,
} from './config.js';
export { parseConfig } from './parse-config.js';
export { lazyGuard } from './lazy-guard.js';
export { canonicalUsageType, deprecatedGenericName } from './usage-types.js';
export {
  insufficientRequest,
  invalidRequest,
  lookupErrorRule,
  providerError,
  templateNotFound,
  type ErrorFacts,
  type ErrorRule,
  type ProviderErrorData,
} from './errors.js';
export { createRedactor, redactedMarker, type Redactor } from './redaction.js';
export {
  sendWithRetryRule,
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type SendOptions,
} from './http.js';
export { transportFailure } from './transport-errors.js';
export {
  createSmsSendMessage,
  readSendInput,
  type SmsSendInput,
  type SmsSendMessageSpec,
} from './send-message.js';
export {
  allowedCountriesFormItem,
  strictPhoneRegionNumberCheckFormItem,
  timeoutFormItem,
} from './form-items.js';
export {
  carrierCodeRules,
  createDeliveryStatusQuery,
  chinaDay,
  chinaTimeToIso,
  defaultLookBackMs,
  deliveryRecord,
  deliveryReport,
  describeCarrierCode,
  explainCarrierCode,
  inWindowNewestFirst,
  lookupWindow,
  formatChinaTime,
  type CarrierCodeRule,
  type DeliveryQuery,
  type DeliveryRecord,
  type DeliveryReport,
  type DeliveryState,
  type LookupWindow,
  type ProviderRecordFields,
  type QueryDeliveryStatus,
} from './delivery.js';
export {
  createConnectorEntry,
  createSmsConnector,
  deliveryStatusQueryOnFirstCall,
  type ConnectorEntrySpec,
  type SendModule,
  type SmsConnectorSpec,
  type StatusModule,
} from './connector.js';
export { loadOnce, loadOnFirstCall } from './first-use.js';
