/**
 * Decodes `application/x-www-form-urlencoded` text (also used for query strings) into ordered
 * pairs. `+` means space, as every form decoder does, which is exactly the pitfall both providers
 * document for unencoded `+` in phone numbers and signatures.
 */
export const parseForm = (text: string): Array<[string, string]> => [...new URLSearchParams(text)];

export const isFormContentType = (contentType: string | undefined): boolean => {
  const [mediaType = ''] = (contentType ?? '').split(';');
  return mediaType.trim().toLowerCase() === 'application/x-www-form-urlencoded';
};
