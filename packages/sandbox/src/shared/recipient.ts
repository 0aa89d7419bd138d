/**
 * Reduces a phone number to the digits that identify the subscriber, so '+8613800138000',
 * '008613800138000' and '13800138000' all compare equal, as do '+85261234567' and '85261234567'.
 */
export const recipientKey = (raw: string): string => {
  let digits = raw.replaceAll(/\D/g, '');
  if (digits.startsWith('00')) {
    digits = digits.slice(2);
  }
  if (/^861[3-9]\d{9}$/.test(digits)) {
    digits = digits.slice(2);
  }
  return digits;
};

export const sameRecipient = (first: string, second: string): boolean => {
  const firstKey = recipientKey(first);
  return firstKey.length > 0 && firstKey === recipientKey(second);
};
