// The cross-process set (`--sets=cross`), the throughput targets' method: one emulator per row;
// each round starts one process for the official connector and one for ours (order alternating
// per round), each warming up and then timing c=64 alone on the machine's client core. Nothing is
// shared between the two but the emulator, which is what a Logto host swapping connectors would see.
import { aggregateCross } from '../aggregate.mjs';
import { variantById } from '../connectors.mjs';
import { perSecond, ratio } from '../format.mjs';
import { startServer } from '../harness/children.mjs';
import { crossList } from '../plan.mjs';

import { clientSpec, runClient } from './client.mjs';

const sideSpec = ({ kind, row, context }) => {
  const variantOf = (side) => variantById[side === 'official' ? row.officialVariant : row.variant];
  const spec = clientSpec(
    { kind, variant: variantOf(kind), transport: 'https', counts: context.options.crossCounts },
    context
  );
  if (context.options.companion) {
    const other = kind === 'official' ? 'ours' : 'official';
    const otherVariant = variantOf(other);
    spec.companion = {
      kind: other,
      algorithm: otherVariant.algorithm,
      entry: context.installed[`${other}/${otherVariant.provider}`].entry,
    };
  }
  return spec;
};

const runRound = async ({ row, round, server, context }) => {
  const sides = round % 2 === 0 ? ['official', 'ours'] : ['ours', 'official'];
  const results = {};
  for (const kind of sides) {
    const spec = sideSpec({ kind, row, context });
    const result = await runClient({ key: `${row.key}/${kind}`, spec, server, context });
    results[kind] = { ...result.c64, serverCpuPerSendMs: result.serverCpuPerSendMs };
  }
  context.log(
    `bench: ${row.key} round ${round + 1}/${context.options.crossRounds} official ${perSecond(results.official.perSecond).padStart(8)} · ours ${perSecond(results.ours.perSecond).padStart(8)} → ${ratio(results.ours.perSecond / results.official.perSecond)}`
  );
  return results;
};

const runCross = async (row, context) => {
  const server = await startServer([context.keyFile, context.certFile]);
  const rounds = [];
  try {
    for (let round = 0; round < context.options.crossRounds; round += 1) {
      rounds.push(await runRound({ row, round, server, context }));
    }
  } finally {
    await server.close();
  }
  return aggregateCross(row, rounds);
};

/** @returns one aggregateCross row per cross-process row that `--only` keeps. */
export const runCrossSet = async (context) => {
  const { options, log } = context;
  log(
    `bench: cross-process rounds, ${options.crossRounds} per row, ${options.crossCounts.warm64} warm-up + ${options.crossCounts.n64} timed sends at c=64 per process`
  );
  const cross = [];
  for (const row of crossList().filter(
    (item) => !options.only || item.key.includes(options.only)
  )) {
    cross.push(await runCross(row, context));
  }
  return cross;
};
