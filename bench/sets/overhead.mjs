// The connector-CPU row set (`--sets=overhead`): CPU per send with got replaced by an in-memory
// stub (harness/overhead.mjs), sequential sends, rounds in alternating order.
import { variantById } from '../connectors.mjs';
import { runTimed } from '../harness/children.mjs';
import { median } from '../harness/stats.mjs';
import { overheadSubjects } from '../plan.mjs';

const sampleOnce = async (subject, { options, installedStubbed }) => {
  const variant = variantById[subject.variant];
  const spec = {
    entry: installedStubbed[`${subject.implementation}/${variant.provider}`].entry,
    implementation: subject.implementation,
    provider: variant.provider,
    algorithm: variant.algorithm,
    ...options.overheadCounts,
  };
  const { stdout } = await runTimed('overhead.mjs', [JSON.stringify(spec)]);
  return JSON.parse(stdout.trim().split('\n').at(-1));
};

const summarise = (list) => ({
  cpuPerSendMs: median(list.map((sample) => sample.cpuPerSendMs)),
  wallPerSendMs: median(list.map((sample) => sample.wallPerSendMs)),
  raw: list,
});

/** @returns per subject key ({ cpuPerSendMs, wallPerSendMs, raw }), medians over the rounds. */
export const runOverheadSet = async (context) => {
  const subjects = overheadSubjects();
  const samples = Object.fromEntries(subjects.map((subject) => [subject.key, []]));
  for (let round = 0; round < context.options.overheadRounds; round += 1) {
    for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
      samples[subject.key].push(await sampleOnce(subject, context));
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([key, list]) => [key, summarise(list)]));
};
