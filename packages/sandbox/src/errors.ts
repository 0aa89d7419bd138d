/**
 * What `startSandbox` and `loadSandboxConfigFile` throw, as classes a caller can test with
 * `instanceof`. Messages name the config path or the address; they never quote credentials.
 */

/** A sandbox config (a `config` option or a config file) that cannot be used. */
export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';

  constructor(
    message: string,
    /** The config file, when the config came from one. */
    readonly file?: string,
    options?: ErrorOptions
  ) {
    super(message, options);
  }
}

/** The server could not listen on the requested address (port in use, address not local, …). */
export class SandboxListenError extends Error {
  override readonly name = 'SandboxListenError';
  /** Node's error code, e.g. `EADDRINUSE`, `EADDRNOTAVAIL`, `EACCES`. */
  readonly code: string | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
    cause: unknown
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`The sandbox cannot listen on ${host}:${port}${code ? ` (${code})` : ''}.`, { cause });
    this.code = code;
  }
}

/** A sandbox command line (`logto-sms-sandbox` or `logto-sms sandbox`) that cannot be followed. */
export class SandboxUsageError extends Error {
  override readonly name = 'SandboxUsageError';
}
