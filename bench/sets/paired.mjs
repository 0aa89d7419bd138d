// The paired set (`--sets=paired`, harness/paired.mjs): A and B alternate in blocks inside one
// process, against a fresh emulator. bench/README.md explains why its throughput ratio is not the
// target's method.
import { emulatorLogOf, providerHosts, variantById } from '../connectors.mjs';
import { perSecond, ratio, us } from '../format.mjs';
import { runWithMessage, startServer } from '../harness/children.mjs';
import { pairedList } from '../plan.mjs';

import { captureFor, deliveryProblems, entryOf } from './client.mjs';

const sidesOf = async (pair, variant, context) => {
  const sides = [];
  for (const side of pair.sides) {
    const captureFile = side.kind.startsWith('floor')
      ? await captureFor(variant, context)
      : undefined;
    sides.push({ ...side, entry: entryOf(side.kind, variant.provider, context), captureFile });
  }
  return sides;
};

/** Runs the paired process against its own emulator; → its result and the emulator's counts. */
const runPairedProcess = async ({ pair, variant, sides, context }) => {
  const { options } = context;
  const shape =
    pair.mode === 'latency' ? options.pairedCounts.latency : options.pairedCounts.throughput;
  const server = await startServer([context.keyFile, context.certFile]);
  try {
    const spec = {
      mode: pair.mode,
      provider: variant.provider,
      algorithm: variant.algorithm,
      transport: pair.transport,
      sides,
      ...shape,
      emulatorPort: server.emulatorPort,
      tlsPort: server.tlsPort,
      providerHosts,
      hostCore: context.host.coreDirectory,
    };
    const result = await runWithMessage('paired.mjs', [JSON.stringify(spec)], {
      env: { NODE_EXTRA_CA_CERTS: context.certFile },
    });
    const { counts: accepted, rejected } = await server.counts();
    return { result, accepted, rejected };
  } finally {
    await server.close();
  }
};

const runPaired = async (pair, context) => {
  const variant = variantById[pair.variant];
  const sides = await sidesOf(pair, variant, context);
  const { result, accepted, rejected } = await runPairedProcess({ pair, variant, sides, context });
  const problems = deliveryProblems(result, accepted[emulatorLogOf(variant.provider)], rejected);
  if (problems.length > 0) {
    throw new Error(`paired ${pair.key}: ${problems.join('; ')}`);
  }
  const [sideA, sideB] = result.sides;
  const value = pair.mode === 'latency' ? sideB.p50 / sideA.p50 : sideB.perSecond / sideA.perSecond;
  return { ...pair, a: sideA, b: sideB, value };
};

const progressLine = (pair, result) => {
  const unit =
    pair.mode === 'latency' ? (side) => `p50 ${us(side.p50)}` : (side) => perSecond(side.perSecond);
  return `bench: paired ${pair.key.padEnd(22)} ${result.a.label} ${unit(result.a)} · ${result.b.label} ${unit(result.b)} → ${ratio(result.value)}`;
};

/** @returns one result per pair that `--only` keeps: the pair, sides `a` and `b`, `value` = B ÷ A. */
export const runPairedSet = async (context) => {
  const { only } = context.options;
  const paired = [];
  for (const pair of pairedList().filter((item) => !only || `paired/${item.key}`.includes(only))) {
    const result = await runPaired(pair, context);
    paired.push(result);
    context.log(progressLine(pair, result));
  }
  return paired;
};
