export type MobileKind = 'domestic' | 'international';

// Mainland numbers go without a prefix; a leading '+' marks an international number in E.164.
// '+86' followed by a mainland mobile is still a mainland number once normalised.
const domestic = /^(?:\+86)?1[3-9]\d{9}$/;
const international = /^\+[1-9]\d{6,14}$/;

/** Null for anything YunPian answers code 2 for, e.g. '8613800138000' or ' 85212345678' (a raw '+'). */
export const classifyMobile = (mobile: string): MobileKind | null => {
  if (domestic.test(mobile)) return 'domestic';
  if (international.test(mobile)) return 'international';
  return null;
};
