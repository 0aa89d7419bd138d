// Child process: one send scenario (one row of the table), in a fresh process so agents, JIT state
// and the routing patch never leak between rows.
//
// Phases, each request used once: warm-up at c=64 (opens the sockets, warms the JIT), warm-up at
// c=1, then the timed c=1 run (per-send latency and sends/s), then the timed c=64 run (sends/s).
//
// The kinds of row are described in senders.mjs.
import http from 'node:http';
import https from 'node:https';

import { routeProvidersTo } from './route.mjs';
import { createSender, originFor, runLoad } from './senders.mjs';
import { summarize } from './stats.mjs';

process.on('disconnect', () => process.exit(1));
const spec = JSON.parse(process.argv[2]);
const { counts, tlsPort, providerHosts } = spec;

const routing = routeProvidersTo(tlsPort, providerHosts);

// Sockets opened per phase, whichever agent opens them (Agent instances inherit createConnection).
let connectionsOpened = 0;
for (const Agent of [http.Agent, https.Agent]) {
  const original = Agent.prototype.createConnection;
  Agent.prototype.createConnection = function (...args) {
    connectionsOpened += 1;
    return original.apply(this, args);
  };
}

const total = counts.warm64 + counts.warm1 + counts.n1 + counts.n64;
const origin = originFor(spec);
const sendOne = await createSender({ ...spec, origin, needed: total });

let cursor = 0;
let companionSends = 0;
const failures = { count: 0, first: undefined };

const run = async (count, concurrency) => {
  const connectionsBefore = connectionsOpened;
  const { latencies, elapsedMs, cpuMs } = await runLoad({
    send: sendOne,
    n: count,
    concurrency,
    nextIndex: () => cursor++,
    failures,
  });
  return {
    ...summarize(latencies, elapsedMs),
    // Process CPU (user + system, all threads: JIT and GC helpers included) per send: what the
    // sending process burns, less sensitive to other load on the machine than wall time.
    cpuPerSendMs: cpuMs / count,
    connections: connectionsOpened - connectionsBefore,
  };
};

// Investigation (run.mjs --companion): another connector loaded and warmed in the same process
// first, as in paired.mjs, to see what sharing a process does to this one's figures.
if (spec.companion) {
  const companion = await createSender({ ...spec, ...spec.companion, origin, needed: 0 });
  let companionIndex = 0;
  await runLoad({
    send: companion,
    n: counts.warm64,
    concurrency: 64,
    nextIndex: () => companionIndex++,
    failures,
  });
  companionSends = companionIndex;
}

await run(counts.warm64, 64);
// The cross-process rounds (run.mjs) time c=64 only: no c=1 phases.
if (counts.warm1 > 0) {
  await run(counts.warm1, 1);
}
const c1 = counts.n1 > 0 ? await run(counts.n1, 1) : undefined;
const c64 = await run(counts.n64, 64);

process.send(
  {
    c1,
    c64,
    sends: cursor + companionSends,
    failures,
    routedConnections: routing.routedConnections,
  },
  // eslint-disable-next-line unicorn/no-process-exit -- a bench child: exit once the parent has the figures, whatever sockets are left open
  () => process.exit(0)
);
