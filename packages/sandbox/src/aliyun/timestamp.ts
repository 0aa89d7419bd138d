/** ISO-8601 UTC as Alibaba documents it; fractional seconds are tolerated because real clients send them. */
const utcTimestamp = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

export const maxClockSkewMs = 15 * 60 * 1000;

/** Epoch ms, or null when the text is not a well-formed UTC timestamp. */
export const parseAcsTimestamp = (text: string): number | null => {
  const match = utcTimestamp.exec(text);
  if (!match) {
    return null;
  }
  // The pattern always captures all six fields; the defaults only satisfy the type checker.
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2024-02-31 over into March; a real calendar date must round-trip.
  const date = new Date(ms);
  if (
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return ms;
};
