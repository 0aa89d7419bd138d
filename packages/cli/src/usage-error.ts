/** A mistake in how the CLI was called (exit code 2), as opposed to a failed send (exit code 1). */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to point at, if any. */
    readonly command?: string
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;
