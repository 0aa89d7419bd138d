/**
 * Owns every timer the server starts on behalf of a request (delays, drips, SSE heartbeats), so
 * close() can stop them all and nothing keeps the process alive afterwards.
 */
export class Lifecycle {
  readonly #cleanups = new Set<() => void>();
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  /** Runs `cleanup` on close; the returned function forgets it without running it. */
  onClose(cleanup: () => void): () => void {
    if (this.#closed) {
      cleanup();
      // Nothing was registered, so there is nothing to forget.
      return () => undefined;
    }
    this.#cleanups.add(cleanup);
    return () => {
      this.#cleanups.delete(cleanup);
    };
  }

  /** Resolves true after `ms`, or false as soon as the server closes. */
  async sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        forget();
        resolve(true);
      }, ms);
      const forget = this.onClose(() => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }

  /** An interval that stops on close; call the result to stop it earlier. */
  repeat(ms: number, tick: () => void): () => void {
    const timer = setInterval(tick, ms);
    const forget = this.onClose(() => {
      clearInterval(timer);
    });
    return () => {
      clearInterval(timer);
      forget();
    };
  }

  close(): void {
    this.#closed = true;
    const cleanups = [...this.#cleanups];
    this.#cleanups.clear();
    for (const cleanup of cleanups) {
      cleanup();
    }
  }
}
