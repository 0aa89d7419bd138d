import { terminalSafe } from '@logto-sms/sandbox';
import { randomBytes } from 'node:crypto';

import type { Redactor } from './redact.js';

type Stream = { write: (chunk: string) => unknown; isTTY?: boolean };

export type Style = (text: string) => string;

const plain: Style = (text) => text;

export type Output = {
  /** A line on stdout. */
  line: (text?: string) => void;
  /** A line on stderr (diagnostics, progress in --json mode). */
  error: (text?: string) => void;
  bold: Style;
  dim: Style;
  green: Style;
  red: Style;
  yellow: Style;
  cyan: Style;
  /** Prints "label …" and, when the task ends, "done (1.2 s)" or "failed". */
  step: <T>(label: string, task: () => Promise<T>) => Promise<T>;
  setRedactor: (redactor: Redactor) => void;
};

/**
 * Colour only for a terminal, and never when NO_COLOR is set to a non-empty value
 * (https://no-color.org): logs and CI output stay plain text.
 */
export const shouldUseColor = (stream: Stream, env: NodeJS.ProcessEnv = process.env): boolean =>
  Boolean(stream.isTTY) && !env.NO_COLOR;

/**
 * Styles mark their colour codes with a random token instead of writing ESC: everything printed is
 * escaped on the way out (outside data may carry terminal control sequences), and only the marks
 * this output made itself, which outside data cannot guess, become real colour codes again.
 */
const styleMarks = (token: string) => ({
  style:
    (open: number, close: number): Style =>
    (text) =>
      `${token}${open}m${text}${token}${close}m`,
  render: (text: string, clean: (piece: string) => string): string =>
    text
      .split(token)
      .map((piece, index) => {
        const mark = index === 0 ? null : /^\d+m/.exec(piece);
        return mark ? `\u001B[${mark[0]}${clean(piece.slice(mark[0].length))}` : clean(piece);
      })
      .join(''),
});

export const createOutput = (
  options: {
    stdout?: Stream;
    stderr?: Stream;
    color?: boolean;
    redactor?: Redactor;
  } = {}
): Output => {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const color = options.color ?? shouldUseColor(stdout);
  let { redactor } = options;
  // Progress lines stay on one line only in a terminal; piped output gets one event per line.
  const inline = Boolean(stdout.isTTY);
  const marks = styleMarks(`\u0000${randomBytes(8).toString('hex')}`);
  // Redacted first (a secret is matched as it was received), then made safe for a terminal.
  const clean = (text: string) =>
    marks.render(text, (piece) =>
      terminalSafe(redactor ? redactor.text(piece) : piece, { keepLineFeeds: true })
    );
  const style = (open: number, close: number) => (color ? marks.style(open, close) : plain);

  const line = (text = '') => {
    stdout.write(`${clean(text)}\n`);
  };

  return {
    line,
    error: (text = '') => {
      stderr.write(`${clean(text)}\n`);
    },
    bold: style(1, 22),
    dim: style(2, 22),
    green: style(32, 39),
    red: style(31, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
    step: async (label, task) => {
      const started = Date.now();
      stdout.write(clean(`${label} …${inline ? ' ' : '\n'}`));
      try {
        const value = await task();
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        stdout.write(clean(`${inline ? '' : '  '}done (${seconds} s)\n`));
        return value;
      } catch (error) {
        stdout.write(`${inline ? '' : '  '}failed\n`);
        throw error;
      }
    },
    setRedactor: (next) => {
      redactor = next;
    },
  };
};
