import type { MetadataJson } from 'libphonenumber-js/core';

import { readPhoneMetadata } from './phone-metadata.js';
import type * as phonePlanModule from './phone-plan.js';

type Describe = (country: string) => string;

/** The number plan with its data: what `phone.ts` routes numbers with. */
export type PhonePlan = {
  readPlan: (international: string, describe: Describe) => phonePlanModule.PlanReading;
};

let plan: PhonePlan | undefined;
let loading: Promise<PhonePlan> | undefined;

const load = async (): Promise<PhonePlan> => {
  const [{ readPlan }, metadata]: [typeof phonePlanModule, MetadataJson] = await Promise.all([
    import('./phone-plan.js'),
    readPhoneMetadata(),
  ]);
  return { readPlan: (international, describe) => readPlan(international, describe, metadata) };
};

/**
 * Loads the number plan (libphonenumber-js and its metadata) once. Connector builds keep both out of
 * `lib/index.js`, so Logto's start-up neither reads nor compiles them; `createSmsSendMessage` awaits
 * this before every send, which costs nothing after the first. A failed load is forgotten, so the
 * next send tries again. docs/benchmarks.md ("Phone numbers") has the measurements.
 *
 * @throws ConnectorError (General) when the metadata cannot be read (`phone-metadata-file.ts`).
 */
export const loadPhonePlan = async (): Promise<void> => {
  loading ??= load();
  try {
    plan ??= await loading;
  } catch (error: unknown) {
    loading = undefined;
    throw error;
  }
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
