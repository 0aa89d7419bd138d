import { fieldOf } from '../../support/values.js';

import type { JsonResponse } from './http.js';
import type { ApiResponse } from './management.js';

/** What a person is shown: the HTTP status, Logto's error code and its message (the toast text). */
export type LogtoShows = { status: number; code: unknown; message: unknown };

export const logtoShows = (response: ApiResponse | JsonResponse): LogtoShows => {
  return {
    status: response.status,
    code: fieldOf(response.body, 'code'),
    message: fieldOf(response.body, 'message'),
  };
};

/**
 * Logto's own English texts for connector errors (@logto/phrases 1.31.0, `connector.*`), which the
 * Console and the sign-in page display. `general` is `Error occurred in connector: {{errorDescription}}`.
 */
export const logtoMessages = {
  invalidConfig: "The connector's config is invalid.",
  invalidRequestParameters: 'The request is with wrong input parameter(s).',
  rateLimitExceeded: 'Trigger rate limit. Please try again later.',
  general: (errorDescription: string) => `Error occurred in connector: ${errorDescription}`,
} as const;

/** `data.errorDescription` of a Logto connector error response (the connector's own text). */
export const errorDescriptionOf = (response: ApiResponse | JsonResponse): string => {
  const description = fieldOf(fieldOf(response.body, 'data'), 'errorDescription');
  if (typeof description !== 'string') {
    throw new TypeError(`no data.errorDescription in ${response.text}`);
  }
  return description;
};
