/**
 * What `startSandbox` and `loadSandboxConfigFile` throw, as classes a caller can test with
 * `instanceof`. Messages name the config path or the address; they never quote credentials.
 */

/** The message of a caught value (an Error in every case the sandbox wraps), for wrapping it in ours. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

// Node's system errors carry their errno name as a string `code`.
const errnoCode = (cause: unknown): string | undefined =>
  typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
    ? cause.code
    : undefined;

/** A sandbox config (a `config` option or a config file) that cannot be used. */
export class SandboxConfigError extends Error {
  override get name(): string {
    return 'SandboxConfigError';
  }

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
  override get name(): string {
    return 'SandboxListenError';
  }

  /** Node's error code, e.g. `EADDRINUSE`, `EADDRNOTAVAIL`, `EACCES`. */
  readonly code: string | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
    cause: unknown
  ) {
    const code = errnoCode(cause);
    super(`The sandbox cannot listen on ${host}:${port}${code ? ` (${code})` : ''}.`, { cause });
    this.code = code;
  }
}

/** A sandbox command line (`logto-sms-sandbox` or `logto-sms sandbox`) that cannot be followed. */
export class SandboxUsageError extends Error {
  override get name(): string {
    return 'SandboxUsageError';
  }
}
