/**
 * A secret as the sandbox shows it anywhere (inbox, config route): enough to tell keys apart,
 * never enough to use one. Short values are hidden whole.
 */
export const maskSecret = (secret: string): string =>
  secret.length <= 8 ? '****' : `${secret.slice(0, 4)}…${secret.slice(-4)}`;
