import { ConnectorErrorCodes } from '@logto/connector-kit';

/** What a ConnectorError code means to someone setting up SMS sign-in, and what to do about it. */
export type ErrorExplanation = {
  code: string;
  /** What went wrong, in plain words. */
  meaning: string;
  /** The next thing to try. */
  fix: string;
  /** The HTTP status Logto answers with when a send fails this way (koa-connector-error-handler). */
  logtoStatus: number;
  /**
   * What the Console / sign-in page shows for it: Logto's exact phrase where docs/logto-host.md
   * quotes it, otherwise a description of the fixed phrase.
   */
  logtoShows: string;
};

type Row = Omit<ErrorExplanation, 'code'>;

const configRow: Row = {
  meaning: 'The connector config is invalid, or the provider rejected the credentials in it.',
  fix: 'Check the fields listed below; for a provider rejection, re-copy the AccessKey secret / apikey from the provider console (no spaces, right account).',
  logtoStatus: 400,
  logtoShows: "The connector's config is invalid.",
};

/**
 * One row per ConnectorErrorCodes value. Logto maps codes to HTTP statuses and fixed phrases in
 * core's connector error middleware; the meanings and fixes are written for SMS connectors.
 */
const table: Record<string, Row> = {
  [ConnectorErrorCodes.InvalidConfig]: configRow,
  [ConnectorErrorCodes.InvalidRequestParameters]: {
    meaning: 'The provider refused this particular message: the phone number, the signature/template pairing, or a template parameter is not acceptable.',
    fix: 'Check the number (digits only, with country code), that the signature and template are approved, and that international sending is enabled if the number is overseas.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the request parameters are invalid',
  },
  [ConnectorErrorCodes.InsufficientRequestParameters]: {
    meaning: 'Something the message needs is missing (for example the phone number or the code).',
    fix: 'Pass --to and --code; in Logto this means the caller sent an incomplete request.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying request parameters are missing',
  },
  [ConnectorErrorCodes.InvalidResponse]: {
    meaning: 'The provider answered with something the connector cannot read (not JSON, cut off, or an unexpected shape).',
    fix: 'Check the endpoint points at the provider (or the sandbox) and not at a proxy or web page; retry later if the provider is degraded.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the response is invalid',
  },
  [ConnectorErrorCodes.TemplateNotFound]: {
    meaning: 'No template in the config matches this usage type (and there is no Generic template to fall back to).',
    fix: 'Add a template for the usage type, or a Generic one, to "templates".',
    logtoStatus: 400,
    logtoShows: 'Unable to find correct template in connector config.',
  },
  [ConnectorErrorCodes.TemplateNotSupported]: {
    meaning: 'The connector does not support this template type (deprecated code).',
    fix: 'Use a supported usage type or add a Generic template.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the template type is not supported',
  },
  [ConnectorErrorCodes.RateLimitExceeded]: {
    meaning: 'The provider throttled sends to this number or account (too many codes in a short time).',
    fix: 'Wait (Aliyun: 1 per minute, 5 per hour, 10 per day per number by default) or raise the limits / whitelist test numbers in the provider console.',
    logtoStatus: 429,
    logtoShows: 'Trigger rate limit. Please try again later.',
  },
  [ConnectorErrorCodes.UsageLimitExceeded]: {
    meaning: 'The account ran out of balance or hit a daily/monthly quota.',
    fix: 'Top up the account or raise the quota in the provider console.',
    logtoStatus: 429,
    logtoShows: 'a fixed phrase saying the usage limit was reached',
  },
  [ConnectorErrorCodes.InvalidMetadata]: {
    meaning: 'The connector package is broken: its metadata is invalid.',
    fix: 'Reinstall or rebuild the connector; report it to its authors.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the metadata is invalid',
  },
  [ConnectorErrorCodes.InvalidConfigGuard]: {
    meaning: 'The connector package is broken: it has no usable config guard.',
    fix: 'Reinstall or rebuild the connector; report it to its authors.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the config guard is invalid',
  },
  [ConnectorErrorCodes.UnexpectedType]: {
    meaning: 'The package is not an SMS connector (its type is wrong).',
    fix: 'Point logto-sms at an SMS connector package.',
    logtoStatus: 400,
    logtoShows: 'Error occurred in connector: {{errorDescription}}',
  },
  [ConnectorErrorCodes.InvalidCertificate]: {
    meaning: 'A certificate in the config is invalid.',
    fix: 'Re-copy the certificate from the provider console.',
    logtoStatus: 400,
    logtoShows: 'a fixed phrase saying the certificate is invalid',
  },
  [ConnectorErrorCodes.NotImplemented]: {
    meaning: 'The connector does not implement this operation.',
    fix: 'Use a connector that supports sending SMS.',
    logtoStatus: 400,
    logtoShows: 'Error occurred in connector: {{errorDescription}}',
  },
  [ConnectorErrorCodes.General]: {
    meaning: 'The send failed for a reason the connector could not classify: the provider was unreachable, timed out, or answered with a server error.',
    fix: 'Read the description below; check the endpoint, the network path to the provider and the timeout, then retry.',
    logtoStatus: 400,
    logtoShows: 'Error occurred in connector: {{errorDescription}}',
  },
};

const fallback: Row = {
  meaning: 'The connector reported an error code this tool does not know.',
  fix: 'Read the description below and the connector documentation.',
  logtoStatus: 400,
  logtoShows: 'Error occurred in connector: {{errorDescription}}',
};

/** What `code` (a ConnectorErrorCodes value) means, what Logto shows and with which HTTP status; a generic row for unknown codes. */
export const explainConnectorErrorCode = (code: string): ErrorExplanation => ({ code, ...(table[code] ?? fallback) });

/** Codes the table covers, for tests that keep it complete as connector-kit grows. */
export const explainedCodes = (): string[] => Object.keys(table);
