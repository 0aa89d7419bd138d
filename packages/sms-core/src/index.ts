export { routePhoneNumber, type PhoneRoute, type PhoneRoutingOptions, type SmsCapableNumberType } from './phone.js';
export { loadPhonePlan } from './phone-plan-loader.js';
export { allowedCountriesGuard, checkAllowedCountry } from './allowed-countries.js';
export { normalizeLocale, languageOf, preferredLocale } from './locale.js';
export { selectTemplate, type LocalizedTemplate } from './templates.js';
export {
  blankAsMissing,
  endpointGuard,
  isLoopbackHost,
  localeGuard,
  optionalLocaleGuard,
  parseConfig,
  requiredUsageTypes,
  strictPhoneRegionNumberCheckGuard,
  templateListGuard,
  timeoutGuard,
  usageTypeGuard,
  type EndpointRule,
} from './config.js';
export {
  insufficientRequest,
  invalidRequest,
  lookupErrorRule,
  providerError,
  templateNotFound,
  type ErrorRule,
  type ProviderErrorData,
} from './errors.js';
export { createRedactor, redactedMarker, type Redactor } from './redaction.js';
export { httpAgents, sendWithRetryRule, TransportError, type HttpRequest, type HttpResponse, type SendOptions } from './http.js';
export { transportFailure } from './transport-errors.js';
export { createSmsSendMessage, readSendInput, type SmsSendInput, type SmsSendMessageSpec } from './send-message.js';
export { allowedCountriesFormItem, strictPhoneRegionNumberCheckFormItem, timeoutFormItem } from './form-items.js';
