/**
 * The zod pieces connector config guards are built from: one per kind of field, each with messages
 * a Console user understands. Parsing a whole config (and caching the result) is parse-config.ts.
 */
import { TemplateType } from '@logto/connector-kit';
import { z, type ZodTypeAny } from 'zod';

import { lazyGuard } from './lazy-guard.js';
import { languageTagPattern, normalizeLocale } from './locale.js';
import { canonicalUsageType, deprecatedGenericName } from './usage-types.js';

/** The Console saves a cleared Text or Number field as "" (or null): that means "use the default". */
export const blankAsMissing = (value: unknown): unknown =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/**
 * The only usage type a template list must have: every other usage type falls back to `Generic`
 * (connector-kit's `getConfigTemplateByType` does the same), so a list with just `Generic` (or
 * `Test`) can send every code.
 */
export const requiredUsageTypes: readonly string[] = [TemplateType.Generic];

/** Usage types worth their own template (their own wording); without one `Generic` is used. */
export const recommendedUsageTypes: readonly string[] = [
  TemplateType.Register,
  TemplateType.SignIn,
  TemplateType.ForgotPassword,
];

const knownUsageTypes: readonly string[] = [...Object.values(TemplateType), deprecatedGenericName];

// The message does not quote the value: whatever was typed in the wrong field stays out of errors.
/** A template's `usageType`: one of connector-kit's TemplateType values, or the legacy `Test`. */
export const usageTypeGuard = lazyGuard(() =>
  z
    .string()
    .refine(
      (value) => knownUsageTypes.includes(value),
      `Unknown usageType. Use one of: ${knownUsageTypes.join(', ')}.`
    )
);

/** A language tag such as `en`, `zh-CN`, `zh-Hant-TW` (`_` accepted as separator). */
export const localeGuard = lazyGuard(() =>
  z.string().regex(languageTagPattern, 'Use a language tag such as "en", "zh-CN" or "zh-Hant-TW".')
);

/** A template's optional `locale`; left empty it means "no particular language". */
export const optionalLocaleGuard = lazyGuard(() =>
  z.preprocess(blankAsMissing, localeGuard.optional())
);

// The Json form field may hand over the text the person typed rather than the parsed value.
export const jsonTextAsValue = (value: unknown): unknown => {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed;
  } catch {
    return value;
  }
};

type TemplateKey = { usageType: string; locale?: string };

const checkTemplateCoverage = (templates: readonly TemplateKey[], context: z.RefinementCtx) => {
  const present = new Set(templates.map(({ usageType }) => canonicalUsageType(usageType)));
  const missing = requiredUsageTypes.filter((type) => !present.has(type));
  if (missing.length > 0) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `Add a ${missing.join(', ')} template (the older name "${deprecatedGenericName}" also works): every usage type without its own template uses it. ${recommendedUsageTypes.join(', ')} templates are recommended, not required.`,
    });
  }

  const seen = new Map<string, number>();
  for (const [index, { usageType, locale }] of templates.entries()) {
    const key = `${canonicalUsageType(usageType)}|${locale === undefined ? '' : normalizeLocale(locale)}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      continue;
    }
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: [index],
      message: `Templates ${first} and ${index} both cover usageType "${usageType}"${
        locale === undefined ? ' without a locale' : ` with locale "${locale}"`
      }; keep one.`,
    });
  }
};

/**
 * A `templates` array of `item`: a `Generic` (or `Test`) template must be present (the message
 * names what is missing), and no usage type may have two templates for the same locale, since only
 * one could be used (`Test` and `Generic` count as one). The Console's Json field may hand over the
 * typed text; text that parses as JSON is read as its value.
 */
export const templateListGuard = <Item extends z.ZodType<TemplateKey, z.ZodTypeDef, unknown>>(
  item: Item
) =>
  z.preprocess(
    jsonTextAsValue,
    z.array(item).superRefine((templates, context) => {
      checkTemplateCoverage(templates, context);
    })
  );

/** A required, trimmed text field; empty and missing both read "<label> is required." */
export const requiredTextGuard = (label: string) =>
  z
    .string({
      required_error: `${label} is required.`,
      invalid_type_error: `${label} must be text.`,
    })
    .trim()
    .min(1, `${label} is required.`);

// Cloud credentials are printable ASCII; anything else (a stray space, a full-width character from
// an IME) is a copy mistake, and it could not travel in an HTTP header anyway.
const printableAscii = /^[\u0021-\u007E]+$/;

/**
 * A required credential (key id, key secret): printable ASCII only. `console` names where to copy it
 * from again, e.g. "the Aliyun console".
 */
export const credentialGuard = (label: string, console: string) =>
  requiredTextGuard(label).refine(
    // Empty is reported once, as "required".
    (value) => value === '' || printableAscii.test(value),
    `${label} may only contain letters, digits and ASCII symbols, without spaces or line breaks; copy it again from ${console}.`
  );

/** An optional STS security token: left empty it is absent; otherwise printable ASCII. */
export const securityTokenGuard = lazyGuard(() =>
  z.preprocess(
    blankAsMissing,
    z
      .string({ invalid_type_error: 'securityToken must be text (the STS token), or left empty.' })
      .trim()
      .refine(
        (value) => printableAscii.test(value),
        'securityToken may only contain letters, digits and ASCII symbols, without spaces or line breaks.'
      )
      .optional()
  )
);

/**
 * A union whose failure reads as one message naming the accepted shapes, rather than zod's
 * "Invalid input"; an issue inside a matching branch keeps its own message.
 */
export const unionGuard = <Options extends [ZodTypeAny, ZodTypeAny, ...ZodTypeAny[]]>(
  options: Options,
  message: string
) =>
  z.union(options, {
    errorMap: (issue, context) =>
      issue.code === z.ZodIssueCode.invalid_union ? { message } : { message: context.defaultError },
  });

/**
 * Whether every number must carry its country code (Logto's own format). Blank means the default.
 * @default true
 */
export const strictPhoneRegionNumberCheckGuard = lazyGuard(() =>
  z.preprocess(blankAsMissing, z.boolean().default(true))
);

/**
 * A Console Number field's value as a zod preprocess step: blank is missing, and a whole number
 * that arrives as its text is read as the number; anything else is left for the schema to refuse.
 */
export const numberFieldValue = (value: unknown): unknown => {
  const present = blankAsMissing(value);
  return typeof present === 'string' && /^\d+$/.test(present.trim()) ? Number(present) : present;
};

/**
 * The send budget in milliseconds, retry included: a whole number from 100 to 60000 (a Number
 * field's text is accepted). Blank means the default.
 * @default 10000
 */
export const timeoutGuard = lazyGuard(() =>
  z.preprocess(
    numberFieldValue,
    z
      .number({ invalid_type_error: 'timeout is a number of milliseconds, e.g. 10000.' })
      .int('timeout is a whole number of milliseconds.')
      .min(100, 'timeout must be at least 100 ms.')
      .max(60_000, 'timeout must be at most 60000 ms (one minute).')
      .default(10_000)
  )
);

const loopbackHosts = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopbackHost = (hostname: string): boolean => loopbackHosts.test(hostname);

/**
 * Environment variable on the Logto host naming extra hosts (comma-separated, e.g.
 * `host.docker.internal`) that may be used over plain http, for a sandbox on the machine that runs
 * Logto in a container. Only whoever starts Logto can set it; no config key can, because a Console
 * user could then point a secret-bearing request anywhere.
 */
export const allowedHttpHostsVariable = 'LOGTO_SMS_ALLOWED_HTTP_HOSTS';

/** The hosts the machine's operator allowed over http, lower-cased; read on every config check. */
export const operatorAllowedHttpHosts = (
  environment: NodeJS.ProcessEnv = process.env
): ReadonlySet<string> =>
  new Set(
    (environment[allowedHttpHostsVariable] ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== '')
  );

export type EndpointRule = {
  defaultUrl: string;
  /** Provider hosts accepted over HTTPS; loopback hosts (and operator-allowed ones) are always accepted (local emulator). */
  isProviderHost: (hostname: string) => boolean;
  /** Shown when a host is refused, e.g. "an Aliyun SMS endpoint such as …". */
  expected: string;
};

const isBareOrigin = (url: URL): boolean =>
  !url.username &&
  !url.password &&
  !url.search &&
  !url.hash &&
  (url.pathname === '/' || url.pathname === '');

/** Why `url` may not receive a secret-bearing request under `rule`, or nothing when it may. */
const endpointProblem = (
  url: URL,
  { defaultUrl, isProviderHost, expected }: EndpointRule
): string | undefined => {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'endpoint must start with https://.';
  }
  if (!isBareOrigin(url)) {
    return `endpoint is a bare origin without path, query or credentials, e.g. ${defaultUrl}.`;
  }
  const local =
    isLoopbackHost(url.hostname) || operatorAllowedHttpHosts().has(url.hostname.toLowerCase());
  if (url.protocol === 'http:' && !local) {
    return `endpoint must use https://; http:// is only allowed for a local emulator on 127.0.0.1 or localhost (or a host the Logto server's operator lists in the ${allowedHttpHostsVariable} environment variable, e.g. host.docker.internal).`;
  }
  if (!local && !isProviderHost(url.hostname.toLowerCase())) {
    return `endpoint host "${url.hostname}" is not ${expected}.`;
  }
  return undefined;
};

/**
 * The provider base URL, normalised to its origin (`https://host[:port]`, no trailing slash). A
 * secret-bearing request must only ever go to the provider or to a local emulator, so other hosts
 * and plain HTTP off-machine are refused. The one exception is a host the machine's operator named
 * in `LOGTO_SMS_ALLOWED_HTTP_HOSTS`. Blank means `defaultUrl`.
 *
 * @default rule.defaultUrl
 */
export const endpointGuard = ({ defaultUrl, isProviderHost, expected }: EndpointRule) =>
  z.preprocess(
    blankAsMissing,
    z
      .string()
      .trim()
      .default(defaultUrl)
      .transform((value, context) => {
        const fail = (message: string) => {
          context.addIssue({ code: z.ZodIssueCode.custom, message });
          return z.NEVER;
        };
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          return fail(`endpoint must be a URL, e.g. ${defaultUrl}.`);
        }
        const problem = endpointProblem(url, { defaultUrl, isProviderHost, expected });
        if (problem !== undefined) {
          return fail(problem);
        }
        return url.origin;
      })
  );
