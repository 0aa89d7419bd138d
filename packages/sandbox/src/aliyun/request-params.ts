import type { IncomingCall } from '../server/incoming-call.js';
import { isFormContentType, parseForm } from '../shared/form.js';

/** Decoded query parameters; a repeated name keeps its last value. */
export const queryParams = (call: IncomingCall): Map<string, string> =>
  new Map(parseForm(call.rawQuery));

/** Decoded form-body parameters, or an empty map when the body is not a form. */
export const formParams = (call: IncomingCall): Map<string, string> =>
  call.body.length > 0 && isFormContentType(call.headers['content-type'])
    ? new Map(parseForm(call.body.toString('utf8')))
    : new Map<string, string>();

/** Query and form body together, the way the RPC gateway merges them before verifying. */
export const mergedParams = (call: IncomingCall): Map<string, string> => {
  const merged = queryParams(call);
  for (const [name, value] of formParams(call)) {
    merged.set(name, value);
  }
  return merged;
};

export const isV3Call = (call: IncomingCall): boolean =>
  (call.headers.authorization ?? '').startsWith('ACS3-');
