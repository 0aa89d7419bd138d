import type * as phonePlanModule from './phone-plan.js';

type PhonePlan = typeof phonePlanModule;

let plan: PhonePlan | undefined;
let loading: Promise<PhonePlan> | undefined;

/**
 * Loads the number plan (libphonenumber-js and its metadata) once. The connector bundles keep it in a
 * separate file of `lib/`, so Logto's start-up never reads or compiles it; `createSmsSendMessage`
 * awaits this before every send, which costs nothing after the first. docs/benchmarks.md
 * ("Phone numbers") has the measurements.
 */
export const loadPhonePlan = async (): Promise<void> => {
  plan ??= await (loading ??= import('./phone-plan.js'));
};

/** @throws Error when `loadPhonePlan()` has not completed: a wiring bug, not bad input. */
export const phonePlan = (): PhonePlan => {
  if (!plan) {
    throw new Error(
      'The phone number plan is not loaded: await loadPhonePlan() before routing numbers.'
    );
  }
  return plan;
};
