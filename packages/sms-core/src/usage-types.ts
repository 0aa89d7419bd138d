/**
 * Usage-type names shared by the config guard (config.ts, at start-up) and the template lookup
 * (templates.ts, on the first send). A module of its own so the send path does not bundle, and build
 * again, the zod guards of config.ts (docs/benchmarks.md, "Cold load + first send").
 */
import { TemplateType } from '@logto/connector-kit';

/**
 * `Test` is connector-kit's deprecated name for `Generic`: Logto's older docs (and configs saved by
 * older Logto versions) use it, so a `Test` template is the `Generic` one.
 */
export const deprecatedGenericName = 'Test';

/** The usage type a template or a send stands for, with `Test` read as `Generic`. */
export const canonicalUsageType = (usageType: string): string =>
  usageType === deprecatedGenericName ? TemplateType.Generic : usageType;
