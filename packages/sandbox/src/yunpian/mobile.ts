import { judgeNumber } from '../shared/number-plan.js';

export type MobileKind = 'domestic' | 'international';

/** What YunPian answers for a `mobile`: its kind, or the error code it refuses it with. */
export type MobileVerdict = { kind: MobileKind } | { refusal: 2 | 20 };

// Mainland numbers go without a prefix; a leading '+' marks an international number in E.164.
// '+86' followed by a mainland mobile is still a mainland number once normalised.
const domestic = /^(?:\+86)?(1[3-9]\d{9})$/;
const international = /^\+([1-9]\d{6,14})$/;

/**
 * Code 2 (参数 mobile 格式不正确) for a wrong shape — e.g. '8613800138000' or ' 85261234567' (a raw
 * '+') — or a number the plan says cannot exist or cannot receive SMS; code 20 (暂不支持的国家地区)
 * for an unassigned country calling code.
 */
export const classifyMobile = (mobile: string): MobileVerdict => {
  const domesticDigits = domestic.exec(mobile)?.[1];
  if (domesticDigits !== undefined) {
    const verdict = judgeNumber(`86${domesticDigits}`);
    return verdict.valid && verdict.mainland ? { kind: 'domestic' } : { refusal: 2 };
  }
  const digits = international.exec(mobile)?.[1];
  if (digits === undefined) {
    return { refusal: 2 };
  }
  const verdict = judgeNumber(digits);
  if (verdict.valid) {
    return { kind: verdict.mainland ? 'domestic' : 'international' };
  }
  return { refusal: verdict.reason === 'unknown-calling-code' ? 20 : 2 };
};
