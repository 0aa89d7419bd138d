import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

/**
 * An async function whose implementation is imported on its first call. Connector bundles put what
 * is reached only through such a function (the send flow, the delivery-status lookup) in separate
 * files of `lib/`, so Logto's start-up neither reads nor compiles them (docs/benchmarks.md, "Cold
 * load"). Later calls go straight to the loaded function.
 *
 * @param load Resolves to the implementation (an async function), e.g. `async () => (await import('./send.js')).send`.
 * @param notDone What the failed call did not do, for its message (default `Nothing was sent.`).
 * @throws ConnectorError (General) when the implementation cannot be loaded (a file missing from the
 *   installed package); the loader's own error, which names paths, is not passed on.
 */
export const loadOnFirstCall = <Args extends unknown[], Result>(
  load: () => Promise<(...args: Args) => Promise<Result>>,
  notDone = 'Nothing was sent.'
): ((...args: Args) => Promise<Result>) => {
  let loaded: ((...args: Args) => Promise<Result>) | undefined;
  let loading: Promise<(...args: Args) => Promise<Result>> | undefined;
  const loadAndCall = async (args: Args): Promise<Result> => {
    loading ??= load();
    try {
      loaded = await loading;
    } catch {
      // A failed load is not remembered: the next call tries again, so a missing file restored by
      // a reinstall is found. A damaged one stays in Node's module cache until the process ends,
      // hence the restart in the message.
      loading = undefined;
      throw new ConnectorError(ConnectorErrorCodes.General, {
        errorDescription: `The SMS connector could not load part of its code (lib/ is incomplete or damaged); reinstall the connector and restart Logto. ${notDone}`,
      });
    }
    return loaded(...args);
  };
  // Once loaded, a call returns the implementation's own promise. An async wrapper would add a
  // promise and its microtask hops to every send: about 1 µs of CPU per send in the stubbed-got
  // bench (YunPian 11.3-12.9 µs async, 10.2-11.0 µs without). `load` resolves to an async function,
  // so nothing here throws synchronously.
  // eslint-disable-next-line @typescript-eslint/promise-function-async -- see the comment above: an async wrapper costs a promise per send
  return (...args) => (loaded ? loaded(...args) : loadAndCall(args));
};

/**
 * `load`, called once: every later call gets the same promise. For the `import()` of a module loaded
 * on first use, so that a connector built again (Logto may build one per request) or a second entry
 * point does not go through the module loader again. A failed load is forgotten, so the next call
 * tries again.
 */
export const loadOnce = <Value>(load: () => Promise<Value>): (() => Promise<Value>) => {
  let loading: Promise<Value> | undefined;
  const attempt = async (): Promise<Value> => {
    try {
      return await load();
    } catch (error: unknown) {
      loading = undefined;
      throw error;
    }
  };
  return async () => {
    loading ??= attempt();
    return loading;
  };
};
