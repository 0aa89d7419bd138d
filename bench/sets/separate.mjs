// The separate-rows set (`--sets=separate`): a fresh client process and a fresh emulator per row,
// rounds in alternating order; floors, ours and official over HTTP and HTTPS.
import { aggregateRounds } from '../aggregate.mjs';
import { variantById } from '../connectors.mjs';
import { perSecond, us } from '../format.mjs';
import { startServer } from '../harness/children.mjs';
import { scenarioList } from '../plan.mjs';

import { captureFor, clientSpec, runClient } from './client.mjs';

const runScenario = async (scenario, context) => {
  const variant = variantById[scenario.variant];
  const spec = clientSpec(
    { kind: scenario.kind, variant, transport: scenario.transport, counts: context.options.counts },
    context
  );
  if (scenario.kind.startsWith('floor')) {
    spec.captureFile = await captureFor(variant, context);
  }
  // A fresh emulator per row: same starting state for every row, and captured nonces are new to it.
  const server = await startServer([context.keyFile, context.certFile]);
  try {
    return await runClient({ key: scenario.key, spec, server, context });
  } finally {
    await server.close();
  }
};

const progressLine = (round, { options }, scenario, result) =>
  `bench: round ${round + 1}/${options.rounds} ${scenario.key.padEnd(34)} c=1 p50 ${us(result.c1.p50).padStart(8)}  c=64 ${perSecond(result.c64.perSecond).padStart(8)}` +
  `  client CPU/send ${us(result.c64.cpuPerSendMs).padStart(7)}  emulator CPU/send ${us(result.serverCpuPerSendMs).padStart(7)}  conns ${result.c1.connections}/${result.c64.connections}`;

/** @returns { scenarios, sends }: the rows that ran, and their figures by key (aggregateRounds). */
export const runSeparateSet = async (context) => {
  const { options, log } = context;
  const { counts, only } = options;
  log(
    `bench: separate rows, ${options.rounds} round(s); per row ${counts.warm64}+${counts.warm1} warm-up, ${counts.n1} at c=1, ${counts.n64} at c=64`
  );
  const scenarios = scenarioList().filter((scenario) => !only || scenario.key.includes(only));
  const runs = Object.fromEntries(scenarios.map((scenario) => [scenario.key, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    // Odd rounds run the list backwards, so slow drift does not favour one side of a comparison.
    for (const scenario of round % 2 === 0 ? scenarios : [...scenarios].reverse()) {
      const result = await runScenario(scenario, context);
      runs[scenario.key].push(result);
      log(progressLine(round, context, scenario, result));
    }
  }
  const sends = Object.fromEntries(
    Object.entries(runs).map(([key, list]) => [key, aggregateRounds(list)])
  );
  return { scenarios, sends };
};
