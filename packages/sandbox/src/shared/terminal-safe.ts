// C0 controls (ESC, CR, BEL, …, and the line breaks), DEL, C1 controls (0x9B is a one-byte CSI
// on some terminals) and the bidirectional overrides that reorder what a reader sees.
// eslint-disable-next-line no-control-regex -- finding control characters is this module's job.
const unsafeForTerminal = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text from outside (a provider's message, a fault's code, a connector's error) made safe to
 * print on a terminal: every control character is shown as a `\uXXXX` escape instead of acting,
 * so it can neither move the cursor, retitle the window nor start a new, spoofed line. The escape
 * is also valid inside a JSON string, so JSON output stays parseable and equal in value.
 * `keepLineFeeds` is for text whose line breaks are the printer's own (help, indented JSON); the
 * outside values inside it must then be made safe without it first.
 */
export const terminalSafe = (text: string, options: { keepLineFeeds?: boolean } = {}): string =>
  text.replaceAll(unsafeForTerminal, (char) =>
    options.keepLineFeeds && char === '\n'
      ? char
      : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  );
