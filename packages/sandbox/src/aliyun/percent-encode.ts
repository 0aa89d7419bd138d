/**
 * RFC 3986 percent-encoding over UTF-8 as Alibaba's signature specs require: only A–Z a–z 0–9 - _ . ~
 * stay literal, so on top of encodeURIComponent the characters ! ' ( ) * must be escaped too.
 */
export const percentEncode = (value: string): string =>
  encodeURIComponent(value).replaceAll(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );

/** `name=value` pairs sorted by name (UTF-16 code unit order, like a plain JS sort). */
export const canonicalQuery = (params: ReadonlyMap<string, string>): string =>
  [...params.keys()]
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params.get(name) ?? '')}`)
    .join('&');
