// Aliyun and YunPian both keep times in China Standard Time (UTC+8, no daylight saving).
const utcPlus8 = (epochMs: number): string => new Date(epochMs + 8 * 3_600_000).toISOString();

/** `yyyy-MM-dd HH:mm:ss` in UTC+8, the form both providers write times in. */
export const chinaDateTime = (epochMs: number): string =>
  `${utcPlus8(epochMs).slice(0, 10)} ${utcPlus8(epochMs).slice(11, 19)}`;

/** `yyyyMMdd` in UTC+8 (Aliyun's SendDate). */
export const chinaDate = (epochMs: number): string =>
  utcPlus8(epochMs).slice(0, 10).split('-').join('');

/** Reads `yyyy-MM-dd HH:mm:ss` as UTC+8; NaN when it is not that. */
export const parseChinaDateTime = (text: string): number =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)
    ? Date.parse(`${text.replace(' ', 'T')}+08:00`)
    : Number.NaN;
