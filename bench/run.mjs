// `pnpm bench` (= `pnpm build && node bench/run.mjs`): what a user pays for our Logto SMS connectors,
// next to the physical floor on this machine and next to the official Logto connectors.
// bench/README.md says which block answers which question; docs/benchmarks.md has a run's figures.
//
//   connectors.mjs   the connectors compared (one entry each: ours, the official package, configs,
//                    the official connector's hard-coded origin)
//   plan.mjs         options, counts and the rows of a run, derived from that list
//   run.mjs          this file: the steps of a run, in order
//   install.mjs      checks the builds; packs and installs every connector into a Logto-like folder
//   sets/            one runner per row set (child processes in harness/)
//   aggregate.mjs    rounds → medians and ratios
//   report.mjs       figures → table and PASS/MISS target verdicts (report-send.mjs, -startup.mjs)
//   results.mjs      writes results/*.json and prints the summary
//
// Everything talks to 127.0.0.1 only. Processes (2 cores: the emulator gets one, the client the other):
//
//   run.mjs (idle while measuring)
//   ├─ harness/server.mjs     the emulator: packages/sandbox/lib on 127.0.0.1, rate limits off, plus a
//   │                         TLS front with a throwaway self-signed certificate naming the providers'
//   │                         hosts (fresh per row; one per cross-process row set)
//   ├─ harness/client.mjs     one fresh process per row or per cross-process side: a floor (bare
//   │                         got, or node:http + keep-alive agent), ours or official
//   ├─ harness/capture.mjs    once per request variant: real signed requests for the floor rows
//   ├─ harness/paired.mjs     two senders alternating in blocks in ONE process (diagnostic)
//   ├─ harness/overhead.mjs   connector CPU per send with got replaced by an in-memory stub
//   └─ harness/cold-load.mjs  one fresh process per sample: @logto/cli loadConnectorFactories
//
// Routing the official connectors' hard-coded hosts: harness/route.mjs (see its header), with
// NODE_EXTRA_CA_CERTS=<throwaway certificate> for the client processes.
//
// Options: --quick            small counts, 1 round, 3 cross-process rounds, 5 cold loads (smoke run)
//          --rounds=N         separate-process rows run N times in alternating order (default 2)
//          --cross-rounds=N   cross-process rounds (default 9; the targets want at least 9)
//          --sets=a,b         only these row sets: cross, separate, paired, overhead, cold, size
//          --only=<text>      investigation: only the send/paired/cross rows whose key contains <text>
//          --companion        investigation: in the cross-process rounds, each process also loads and
//                             warms the other connector first (what sharing a process changes)
//          BENCH_CPU_PROF=<dir>                      --cpu-prof for the client processes
//          BENCH_OURS_<PROVIDER>=<package dir>       measure a candidate build as "ours"
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { generateCertificate } from './harness/cert.mjs';
import { assertBuilt, packAndInstall } from './install.mjs';
import { readOptions } from './plan.mjs';
import { buildReport, renderTable } from './report.mjs';
import { printSummary, resultsOf, writeResults } from './results.mjs';
import { runColdSet } from './sets/cold.mjs';
import { runCrossSet } from './sets/cross.mjs';
import { runOverheadSet } from './sets/overhead.mjs';
import { runPairedSet } from './sets/paired.mjs';
import { runSeparateSet } from './sets/separate.mjs';

const allSets = ['cross', 'separate', 'paired', 'overhead', 'cold', 'size'];
const log = (line) => process.stderr.write(`${line}\n`);

/** A temporary folder for the run, removed at the end and on Ctrl-C. */
const createTemporary = async () => {
  const temporary = await mkdtemp(path.join(os.tmpdir(), 'logto-sms-bench-'));
  const cleanUp = () => rmSync(temporary, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  return { temporary, cleanUp };
};

const prepare = async (options, temporary) => {
  const { keyFile, certFile } = generateCertificate(temporary);
  log('bench: packing and installing connectors into a Logto-like folder');
  const { host, installed, installedStubbed, sizes } = await packAndInstall(options, temporary);
  const context = {
    options,
    log,
    host,
    installed,
    installedStubbed,
    temporary,
    keyFile,
    certFile,
    captures: new Map(),
  };
  return { context, sizes };
};

/** The chosen row sets, in this order; cold and overhead have no rows `--only` could pick. */
const runSets = async (sets, context) => {
  const { options } = context;
  const whole = (set) => sets.has(set) && !options.only;
  const figures = {};
  // Cold loads first, while nothing else of ours runs on the machine.
  if (whole('cold')) {
    log(`bench: cold load, ${options.coldLoadSamples} fresh processes per connector`);
    figures.cold = await runColdSet(context);
  }
  if (whole('overhead')) {
    log('bench: connector CPU per send with got stubbed');
    figures.overhead = await runOverheadSet(context);
  }
  if (sets.has('cross')) {
    figures.cross = await runCrossSet(context);
  }
  if (sets.has('separate')) {
    figures.separate = await runSeparateSet(context);
  }
  if (sets.has('paired')) {
    figures.paired = await runPairedSet(context);
  }
  return figures;
};

const report = (sets, figures, { sizes, options }) =>
  buildReport({
    sends: figures.separate?.sends,
    cold: figures.cold,
    sizes: sets.has('size') ? sizes : undefined,
    overhead: figures.overhead,
    paired: figures.paired,
    cross: figures.cross,
    options,
  });

const main = async () => {
  const options = readOptions(process.argv.slice(2), process.env);
  const sets = new Set(options.sets ?? allSets);
  assertBuilt(options);
  const run = { args: process.argv.slice(2), options, sets, started: Date.now() };
  run.loadAtStart = os.loadavg();
  const { temporary, cleanUp } = await createTemporary();
  try {
    log(
      `bench: ${options.quick ? 'QUICK smoke run, ' : ''}sets ${[...sets].join(', ')}; load average ${run.loadAtStart.map((value) => value.toFixed(2)).join(' ')}`
    );
    const { context, sizes } = await prepare(options, temporary);
    const figures = await runSets(sets, context);
    const built = report(sets, figures, { sizes, options });
    const table = renderTable(built.rows);
    run.loadAtEnd = os.loadavg();
    const results = resultsOf({ run, figures, sizes, report: built, table });
    const resultsFile = writeResults(results, options);
    printSummary({ results, options, resultsFile });
  } finally {
    cleanUp();
  }
};

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
