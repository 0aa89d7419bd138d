import { ConnectorErrorCodes } from '@logto/connector-kit';

/**
 * What a ConnectorError code means to someone setting up SMS sign-in, and what Logto does with it.
 * There is deliberately no fix here: one code covers many causes (a bad template and a wrong secret
 * are both invalid_config), so the fix comes from the error's own data — the connector's hint,
 * chosen from its provider-code table — never from the code alone.
 */
export type ErrorExplanation = {
  code: string;
  /** What went wrong, in plain words. */
  meaning: string;
  /** The HTTP status Logto answers with when a send fails this way (koa-connector-error-handler). */
  logtoStatus: number;
  /**
   * What the Console / sign-in page shows for it: Logto's exact phrase (from @logto/phrases,
   * errors.connector) where it is short, otherwise a description of the fixed phrase.
   */
  logtoShows: string;
};

type Row = Omit<ErrorExplanation, 'code'>;

const configRow: Row = {
  meaning:
    'The connector config is invalid, or the provider refused something in it (credentials, signature, template).',
  logtoStatus: 400,
  logtoShows: "The connector's config is invalid.",
};

/**
 * One row per ConnectorErrorCodes value. Logto maps codes to HTTP statuses and fixed phrases in
 * core's connector error middleware; the meanings are written for SMS connectors.
 */
const table: Record<string, Row> = {
  [ConnectorErrorCodes.InvalidConfig]: configRow,
  [ConnectorErrorCodes.InvalidRequestParameters]: {
    meaning:
      'The provider refused this particular message: the phone number, the signature/template pairing, or a template parameter is not acceptable.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the request parameters are invalid',
  },
  [ConnectorErrorCodes.InsufficientRequestParameters]: {
    meaning: 'Something the message needs is missing (for example the phone number or the code).',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying request parameters are missing',
  },
  [ConnectorErrorCodes.InvalidResponse]: {
    meaning:
      'The provider answered with something the connector cannot read (not JSON, cut off, or an unexpected shape).',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the response is invalid',
  },
  [ConnectorErrorCodes.TemplateNotFound]: {
    meaning:
      'No template in the config matches this usage type (and there is no Generic template to fall back to).',
    logtoStatus: 400,
    logtoShows: 'Unable to find correct template in connector config.',
  },
  [ConnectorErrorCodes.TemplateNotSupported]: {
    meaning: 'The connector does not support this template type (deprecated code).',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the template type is not supported',
  },
  [ConnectorErrorCodes.RateLimitExceeded]: {
    meaning:
      'The provider throttled sends to this number or account (too many codes in a short time).',
    logtoStatus: 429,
    logtoShows: 'Trigger rate limit. Please try again later.',
  },
  [ConnectorErrorCodes.UsageLimitExceeded]: {
    meaning: 'The account ran out of balance or hit a daily/monthly quota.',
    logtoStatus: 429,
    logtoShows: 'a fixed phrase saying the usage limit was reached',
  },
  [ConnectorErrorCodes.InvalidMetadata]: {
    meaning: 'The connector package is broken: its metadata is invalid.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the metadata is invalid',
  },
  [ConnectorErrorCodes.InvalidConfigGuard]: {
    meaning: 'The connector package is broken: it has no usable config guard.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the config guard is invalid',
  },
  [ConnectorErrorCodes.UnexpectedType]: {
    meaning: 'The package is not an SMS connector (its type is wrong).',
    logtoStatus: 400,
    logtoShows: 'Error occurred in connector: {{errorDescription}}',
  },
  [ConnectorErrorCodes.InvalidCertificate]: {
    meaning: 'A certificate in the config is invalid.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the certificate is invalid',
  },
  [ConnectorErrorCodes.NotImplemented]: {
    meaning: 'The connector does not implement this operation.',
    logtoStatus: 400,
    logtoShows: 'Error occurred in connector: {{errorDescription}}',
  },
  [ConnectorErrorCodes.General]: {
    meaning:
      'The connector did not classify this failure; its message says what happened. For a send that is usually the provider being unreachable, timing out or answering with a server error, or an incomplete install (a file of lib/ missing or damaged).',
    logtoStatus: 400,
    logtoShows: 'Error occurred in connector: {{errorDescription}}',
  },
};

const fallback: Row = {
  meaning: 'The connector reported an error code this tool does not know.',
  logtoStatus: 400,
  logtoShows: 'Error occurred in connector: {{errorDescription}}',
};

/** What `code` (a ConnectorErrorCodes value) means, what Logto shows and with which HTTP status; a generic row for unknown codes. */
export const explainConnectorErrorCode = (code: string): ErrorExplanation => ({
  code,
  ...(table[code] ?? fallback),
});

/** Codes the table covers, for tests that keep it complete as connector-kit grows. */
export const explainedCodes = (): string[] => Object.keys(table);
