import { z, type ZodTypeAny } from 'zod';

/**
 * A zod schema built on its first use instead of when its module loads. Logto's start-up imports
 * every connector's `lib/index.js` and only checks that `configGuard` exists; building the guards
 * there cost 2-3 ms of CPU per connector on this VM (each zod schema binds its methods in its
 * constructor), more than the rest of the import (docs/benchmarks.md, "Start-up: guards built on
 * first use"). The schema is built once, on the first parse (a Console save or the first send).
 *
 * @param build Returns the schema; called at most once.
 * @returns a `z.lazy` schema with the same input, output and issues as `build()`'s.
 */
export const lazyGuard = <Schema extends ZodTypeAny>(build: () => Schema): z.ZodLazy<Schema> => {
  let built: Schema | undefined;
  return z.lazy(() => {
    built ??= build();
    return built;
  });
};
