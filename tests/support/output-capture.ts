/**
 * Records what code under test writes, for the rule that connectors log nothing and no secret
 * reaches a log line: every console method (swallowed, so a test run stays readable) and every
 * write to process.stdout / process.stderr (passed through).
 */
import { vi } from 'vitest';

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

export type OutputCapture = {
  /** One entry per console call: `console.<method> <arguments>`. */
  consoleLines: string[];
  /** Every chunk written to stdout or stderr. */
  stdioChunks: string[];
  start: () => void;
  stop: () => void;
};

export const captureOutput = (): OutputCapture => {
  const consoleLines: string[] = [];
  const stdioChunks: string[] = [];
  const restores: Array<() => void> = [];
  return {
    consoleLines,
    stdioChunks,
    start: () => {
      for (const method of consoleMethods) {
        const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          consoleLines.push(`console.${method} ${args.map(String).join(' ')}`);
        });
        restores.push(() => {
          spy.mockRestore();
        });
      }
      for (const stream of [process.stdout, process.stderr]) {
        const original = stream.write;
        const spy = vi.spyOn(stream, 'write').mockImplementation((chunk, ...rest: unknown[]) => {
          stdioChunks.push(String(chunk));
          const written: unknown = Reflect.apply(original, stream, [chunk, ...rest]);
          return written === true;
        });
        restores.push(() => {
          spy.mockRestore();
        });
      }
    },
    stop: () => {
      for (const restore of restores.splice(0)) {
        restore();
      }
    },
  };
};
