// Child process: a paired comparison of two kinds of sender (A and B) in ONE process, for the target
// verdicts. On a small shared machine, wall-clock figures of separate runs drift by 10–20 % between
// minutes; here A and B alternate in short blocks (A B, B A, A B, …) after an equal warm-up, so both
// see the same machine state and the same process, and the ratio is stable where the absolute
// figures are not.
//
//   mode 'latency':    blocks at c=1; reports A's and B's median and p99 per-send latency
//   mode 'throughput': blocks at c=64; reports A's and B's sends/s (sends ÷ time inside their blocks)
import { routeProvidersTo } from './route.mjs';
import { createSender, originFor, runLoad } from './senders.mjs';
import { summarize } from './stats.mjs';

process.on('disconnect', () => process.exit(1));
const spec = JSON.parse(process.argv[2]);
const { mode, sides, warm, blocks, blockSize, tlsPort, providerHosts } = spec;
const concurrency = mode === 'latency' ? 1 : 64;

const routing = routeProvidersTo(tlsPort, providerHosts);
const origin = originFor(spec);
const perSide = warm + blocks * blockSize;
const failures = { count: 0, first: undefined };

const runners = [];
for (const side of sides) {
  const send = await createSender({ ...spec, ...side, origin, needed: perSide });
  let cursor = 0;
  runners.push({
    ...side,
    send,
    nextIndex: () => cursor++,
    latencies: [],
    elapsedMs: 0,
    cpuMs: 0,
    sends: () => cursor,
  });
}

for (const runner of runners) {
  // Warm-up: sockets for 64 concurrent sends, then the JIT at the measured concurrency.

  await runLoad({ ...runner, n: Math.ceil(warm / 2), concurrency: 64, failures });

  await runLoad({ ...runner, n: Math.floor(warm / 2), concurrency, failures });
}

for (let block = 0; block < blocks; block += 1) {
  const order = block % 2 === 0 ? runners : [...runners].reverse();
  for (const runner of order) {
    const result = await runLoad({ ...runner, n: blockSize, concurrency, failures });
    runner.latencies.push(...result.latencies);
    runner.elapsedMs += result.elapsedMs;
    runner.cpuMs += result.cpuMs;
  }
}

const report = runners.map((runner) => ({
  label: runner.label,
  kind: runner.kind,
  ...summarize(runner.latencies, runner.elapsedMs),
  cpuPerSendMs: runner.cpuMs / runner.latencies.length,
}));
process.send(
  {
    sides: report,
    sends: runners.reduce((sum, runner) => sum + runner.sends(), 0),
    failures,
    routedConnections: routing.routedConnections,
  },
  // eslint-disable-next-line unicorn/no-process-exit -- a bench child: exit once the parent has the figures, whatever sockets are left open
  () => process.exit(0)
);
