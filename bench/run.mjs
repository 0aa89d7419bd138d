// `pnpm bench` (= `pnpm build && node bench/run.mjs`): what a user pays for our Logto SMS connectors,
// next to the physical floor on this machine and next to the official Logto connectors.
// bench/README.md says which block answers which question; docs/benchmarks.md has a run's figures.
//
//   connectors.mjs   the connectors compared (one entry each: ours, the official package, configs,
//                    the official connector's hard-coded origin)
//   plan.mjs         options, counts and the rows of a run, derived from that list
//   run.mjs          this file: runs the rows (child processes in harness/) and writes the results
//   report.mjs       figures → table and PASS/MISS target verdicts
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
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  connectorByProvider,
  connectors,
  emulatorLogOf,
  providerHosts,
  variantById,
} from './connectors.mjs';
import { generateCertificate } from './harness/cert.mjs';
import { runTimed, runWithMessage, startServer } from './harness/children.mjs';
import { createLogtoHost, installTarball, packPackage } from './harness/host.mjs';
import { median } from './harness/stats.mjs';
import {
  benchDirectory,
  crossList,
  overheadSubjects,
  pairedList,
  readOptions,
  repositoryRoot,
  scenarioList,
  targets,
} from './plan.mjs';
import {
  aggregateCross,
  aggregateRounds,
  buildReport,
  perSecond,
  ratio,
  renderTable,
  us,
} from './report.mjs';

const options = readOptions(process.argv.slice(2), process.env);
const allSets = ['cross', 'separate', 'paired', 'overhead', 'cold', 'size'];
const sets = new Set(options.sets ?? allSets);
const log = (line) => process.stderr.write(`${line}\n`);

const machine = () => {
  let cpuModel = os.cpus()[0]?.model;
  try {
    cpuModel =
      readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpuModel;
  } catch {
    // Not Linux: keep what os.cpus() says.
  }
  return {
    nproc: os.availableParallelism(),
    node: process.version,
    cpuModel,
    platform: `${os.type()} ${os.release()}`,
    totalMemoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
};

const assertBuilt = () => {
  const missing = [
    ...connectors.map(({ provider }) => path.join(options.ours[provider], 'lib', 'index.js')),
    ...connectors.map(({ provider }) => path.join(options.official[provider], 'package.json')),
    path.join(repositoryRoot, 'packages', 'sandbox', 'lib', 'index.js'),
  ].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Missing ${missing.join(', ')}: run \`pnpm bench\` (it builds first) or \`pnpm install && pnpm build\`.`
    );
  }
};

// ---------------------------------------------------------------------------------------------------
// Install: every connector packed and extracted into a Logto-like folder (harness/host.mjs)

const packAndInstall = async (temporary) => {
  const tarballs = path.join(temporary, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const host = await createLogtoHost(path.join(temporary, 'logto'), repositoryRoot);
  // A second install whose got is the in-memory stub, for the connector-CPU rows.
  const stubbedHost = await createLogtoHost(
    path.join(temporary, 'logto-stubbed-got'),
    repositoryRoot,
    {
      got: path.join(benchDirectory, 'harness', 'got-stub'),
    }
  );
  const installed = {};
  const installedStubbed = {};
  const sizes = {};
  for (const implementation of ['ours', 'official']) {
    for (const [provider, directory] of Object.entries(options[implementation])) {
      const key = `${implementation}/${provider}`;
      const packed = packPackage(directory, tarballs);
      installed[key] = await installTarball(host, packed.tarball);
      installedStubbed[key] = await installTarball(stubbedHost, packed.tarball);
      if (implementation === 'official' && connectorByProvider[provider].officialNeedsLogtoShared) {
        // Packed for its size; sends run it where pnpm resolved @logto/shared (connectors.mjs).
        installed[key] = { ...installed[key], entry: path.join(directory, 'lib', 'index.js') };
      }
      sizes[key] = {
        name: packed.name,
        version: packed.version,
        tarballBytes: packed.size,
        unpackedBytes: packed.unpackedSize,
        files: packed.entryCount,
      };
    }
  }
  return { host, installed, installedStubbed, sizes };
};

// ---------------------------------------------------------------------------------------------------
// Connector CPU per send (got stubbed)

const connectorOverhead = async (installedStubbed) => {
  const subjects = overheadSubjects();
  const samples = Object.fromEntries(subjects.map((subject) => [subject.key, []]));
  for (let round = 0; round < options.overheadRounds; round += 1) {
    for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
      const variant = variantById[subject.variant];
      const spec = {
        entry: installedStubbed[`${subject.implementation}/${variant.provider}`].entry,
        implementation: subject.implementation,
        provider: variant.provider,
        algorithm: variant.algorithm,
        ...options.overheadCounts,
      };
      const { stdout } = await runTimed('overhead.mjs', [JSON.stringify(spec)]);
      samples[subject.key].push(JSON.parse(stdout.trim().split('\n').at(-1)));
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([key, list]) => [
      key,
      {
        cpuPerSendMs: median(list.map((sample) => sample.cpuPerSendMs)),
        wallPerSendMs: median(list.map((sample) => sample.wallPerSendMs)),
        raw: list,
      },
    ])
  );
};

// ---------------------------------------------------------------------------------------------------
// Cold load

const pick = (list, field) => median(list.map((sample) => sample[field]));

const coldLoad = async (installed, installedStubbed) => {
  // An official connector that needs @logto/shared cannot load in the Logto-like host.
  const loadable = connectors.flatMap(({ provider, officialNeedsLogtoShared, variants }) =>
    (officialNeedsLogtoShared ? ['ours'] : ['official', 'ours']).map((implementation) => ({
      provider,
      implementation,
      // Ours sends with its first variant (Aliyun: V3, its default); the official with its only one.
      algorithm: variants[0].algorithm,
    }))
  );
  const subjects = [
    { key: 'baseline', args: [] },
    ...loadable.map(({ provider, implementation }) => {
      const { name, directory } = installed[`${implementation}/${provider}`];
      return { key: `${implementation}/${provider}`, args: [name, directory] };
    }),
    // The same load followed by the process's first send, got stubbed (harness/cold-load.mjs).
    ...loadable.map(({ provider, implementation, algorithm }) => {
      const { name, directory } = installedStubbed[`${implementation}/${provider}`];
      return {
        key: `first-send/${implementation}/${provider}`,
        args: [name, directory, JSON.stringify({ implementation, provider, algorithm })],
      };
    }),
  ];
  const samples = Object.fromEntries(subjects.map((subject) => [subject.key, []]));
  // One throwaway process first (page cache, npm/tar leftovers), then rounds in rotating order so
  // drift on a shared machine spreads evenly over the subjects.
  await runTimed('cold-load.mjs', []);
  for (let round = 0; round < options.coldLoadSamples; round += 1) {
    for (let step = 0; step < subjects.length; step += 1) {
      const subject = subjects[(round + step) % subjects.length];
      const { stdout, wallMs } = await runTimed('cold-load.mjs', subject.args);
      const inside = JSON.parse(stdout.trim().split('\n').at(-1));
      if (inside.loaded !== inside.expected) {
        throw new Error(
          `cold load of ${subject.key} did not load (see the loader's message above)`
        );
      }
      samples[subject.key].push({ ...inside, wallMs });
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([key, list]) => [
      key,
      {
        samples: list.length,
        loadMs: pick(list, 'loadMs'),
        loadCpuMs: pick(list, 'loadCpuMs'),
        loaderImportMs: pick(list, 'loaderImportMs'),
        sinceStartMs: pick(list, 'sinceStartMs'),
        ...(list[0]?.firstSendCpuMs === undefined
          ? {}
          : {
              firstSendMs: pick(list, 'firstSendMs'),
              firstSendCpuMs: pick(list, 'firstSendCpuMs'),
              loadAndFirstSendCpuMs: median(
                list.map((sample) => sample.loadCpuMs + sample.firstSendCpuMs)
              ),
            }),
        wallMs: pick(list, 'wallMs'),
        raw: list,
      },
    ])
  );
};

// ---------------------------------------------------------------------------------------------------
// Sends

// Pre-signed requests for the floor rows, one set per request variant. Each row runs against a fresh
// emulator (new process, empty nonce store), so one set serves every floor row of every round; it is
// renewed when its timestamps get old (the emulator allows 15 minutes of clock skew for Aliyun;
// a connector's entry may say less).
const defaultCaptureMaxAgeMs = 8 * 60 * 1000;
const captureFor = async (variant, context) => {
  const existing = context.captures.get(variant.id);
  const maxAgeMs = connectorByProvider[variant.provider].captureMaxAgeMs ?? defaultCaptureMaxAgeMs;
  if (existing && Date.now() - existing.at < maxAgeMs) {
    return existing.file;
  }
  const file = path.join(context.temporary, `capture-${variant.id}-${Date.now()}.json`);
  await runWithMessage('capture.mjs', [
    JSON.stringify({
      entry: context.installed[`ours/${variant.provider}`].entry,
      provider: variant.provider,
      algorithm: variant.algorithm,
      count: options.captureCount,
      file,
    }),
  ]).catch((error) => {
    if (!existsSync(file)) {
      throw error;
    }
  });
  context.captures.set(variant.id, { file, at: Date.now() });
  return file;
};

/** A timed run only counts if every send was accepted by the emulator, and nothing else was. */
const deliveryProblems = (result, bucket, rejected) => {
  const problems = [];
  if (result.failures.count > 0) {
    problems.push(`${result.failures.count} sends failed; first: ${result.failures.first}`);
  }
  if (bucket.ok !== result.sends) {
    problems.push(`emulator accepted ${bucket.ok} of ${result.sends} sends`);
  }
  if (bucket.other > 0) {
    problems.push(
      `emulator answered ${bucket.other} requests with something else than OK: ${rejected.join(' | ')}`
    );
  }
  return problems;
};

/** One client process against a running emulator; checks that the emulator accepted every send. */
const runClient = async ({ key, spec, server, context }) => {
  const result = await runWithMessage(
    'client.mjs',
    [JSON.stringify({ ...spec, emulatorPort: server.emulatorPort, tlsPort: server.tlsPort })],
    {
      env: { NODE_EXTRA_CA_CERTS: context.certFile },
      execArgv: options.cpuProfileDirectory
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            path.resolve(options.cpuProfileDirectory),
            '--cpu-prof-name',
            `${key.replaceAll('/', '-')}-${Date.now()}.cpuprofile`,
          ]
        : [],
    }
  );
  const { counts: accepted, rejected, cpuMs: serverCpuMs } = await server.counts();
  const bucket = accepted[emulatorLogOf(spec.provider)];
  const problems = deliveryProblems(result, bucket, rejected);
  if (spec.transport === 'https' && result.routedConnections === 0) {
    problems.push('no connection went through the TLS front');
  }
  if (problems.length > 0) {
    throw new Error(`${key}: ${problems.join('; ')}`);
  }
  // Emulator (+ TLS front) CPU per accepted send, warm-up included.
  return { ...result, serverCpuPerSendMs: serverCpuMs / bucket.ok };
};

const clientSpec = ({ kind, variant, transport, counts }, context) => ({
  kind,
  provider: variant.provider,
  algorithm: variant.algorithm,
  transport,
  counts,
  providerHosts,
  hostCore: context.host.coreDirectory,
  entry:
    kind === 'ours' || kind === 'official'
      ? context.installed[`${kind}/${variant.provider}`].entry
      : undefined,
});

const runScenario = async (scenario, context) => {
  const variant = variantById[scenario.variant];
  const spec = clientSpec(
    { kind: scenario.kind, variant, transport: scenario.transport, counts: options.counts },
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

/**
 * The cross-process method: one emulator for the row; each round starts one process for the
 * official connector and one for ours (order alternating per round), each warming up and then
 * timing c=64 alone on the machine's client core. Nothing is shared between the two but the
 * emulator, which is what a Logto host swapping connectors would see.
 */
const runCross = async (row, context) => {
  const variant = variantById[row.variant];
  const officialVariant = variantById[row.officialVariant];
  const server = await startServer([context.keyFile, context.certFile]);
  const rounds = [];
  try {
    for (let round = 0; round < options.crossRounds; round += 1) {
      const sides = round % 2 === 0 ? ['official', 'ours'] : ['ours', 'official'];
      const results = {};
      for (const kind of sides) {
        const spec = clientSpec(
          {
            kind,
            variant: kind === 'official' ? officialVariant : variant,
            transport: 'https',
            counts: options.crossCounts,
          },
          context
        );
        if (options.companion) {
          const other = kind === 'official' ? 'ours' : 'official';
          const otherVariant = other === 'official' ? officialVariant : variant;
          spec.companion = {
            kind: other,
            algorithm: otherVariant.algorithm,
            entry: context.installed[`${other}/${otherVariant.provider}`].entry,
          };
        }
        const result = await runClient({ key: `${row.key}/${kind}`, spec, server, context });
        results[kind] = { ...result.c64, serverCpuPerSendMs: result.serverCpuPerSendMs };
      }
      rounds.push(results);
      log(
        `bench: ${row.key} round ${round + 1}/${options.crossRounds} official ${perSecond(results.official.perSecond).padStart(8)} · ours ${perSecond(results.ours.perSecond).padStart(8)} → ${ratio(results.ours.perSecond / results.official.perSecond)}`
      );
    }
  } finally {
    await server.close();
  }
  return aggregateCross(row, rounds);
};

// Paired comparisons (harness/paired.mjs): A and B alternate in blocks inside one process, against
// a fresh emulator. bench/README.md explains why its throughput ratio is not the target's method.
const runPaired = async (pair, context) => {
  const variant = variantById[pair.variant];
  const shape =
    pair.mode === 'latency' ? options.pairedCounts.latency : options.pairedCounts.throughput;
  const sides = [];
  for (const side of pair.sides) {
    const entry =
      side.kind === 'ours' || side.kind === 'official'
        ? context.installed[`${side.kind}/${variant.provider}`].entry
        : undefined;
    const captureFile = side.kind.startsWith('floor')
      ? await captureFor(variant, context)
      : undefined;
    sides.push({ ...side, entry, captureFile });
  }
  const server = await startServer([context.keyFile, context.certFile]);
  let result;
  let accepted;
  let rejected;
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
    result = await runWithMessage('paired.mjs', [JSON.stringify(spec)], {
      env: { NODE_EXTRA_CA_CERTS: context.certFile },
    });
    ({ counts: accepted, rejected } = await server.counts());
  } finally {
    await server.close();
  }
  const problems = deliveryProblems(result, accepted[emulatorLogOf(variant.provider)], rejected);
  if (problems.length > 0) {
    throw new Error(`paired ${pair.key}: ${problems.join('; ')}`);
  }
  const [sideA, sideB] = result.sides;
  const value = pair.mode === 'latency' ? sideB.p50 / sideA.p50 : sideB.perSecond / sideA.perSecond;
  return { ...pair, a: sideA, b: sideB, value };
};

// ---------------------------------------------------------------------------------------------------
// Main

const main = async () => {
  assertBuilt();
  const started = Date.now();
  const loadAtStart = os.loadavg();
  const temporary = await mkdtemp(path.join(os.tmpdir(), 'logto-sms-bench-'));
  const cleanUp = () => rmSync(temporary, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    const { counts, only } = options;
    log(
      `bench: ${options.quick ? 'QUICK smoke run, ' : ''}sets ${[...sets].join(', ')}; load average ${loadAtStart.map((value) => value.toFixed(2)).join(' ')}`
    );
    const { keyFile, certFile } = generateCertificate(temporary);
    log('bench: packing and installing connectors into a Logto-like folder');
    const { host, installed, installedStubbed, sizes } = await packAndInstall(temporary);
    const context = { host, installed, temporary, keyFile, certFile, captures: new Map() };

    // Cold loads first, while nothing else of ours runs on the machine.
    let cold;
    let overhead;
    if (sets.has('cold') && !only) {
      log(`bench: cold load, ${options.coldLoadSamples} fresh processes per connector`);
      cold = await coldLoad(installed, installedStubbed);
    }
    if (sets.has('overhead') && !only) {
      log('bench: connector CPU per send with got stubbed');
      overhead = await connectorOverhead(installedStubbed);
    }

    let cross;
    if (sets.has('cross')) {
      log(
        `bench: cross-process rounds, ${options.crossRounds} per row, ${options.crossCounts.warm64} warm-up + ${options.crossCounts.n64} timed sends at c=64 per process`
      );
      cross = [];
      for (const row of crossList().filter((item) => !only || item.key.includes(only))) {
        cross.push(await runCross(row, context));
      }
    }

    let sends;
    let scenarios = [];
    if (sets.has('separate')) {
      log(
        `bench: separate rows, ${options.rounds} round(s); per row ${counts.warm64}+${counts.warm1} warm-up, ${counts.n1} at c=1, ${counts.n64} at c=64`
      );
      scenarios = scenarioList().filter((scenario) => !only || scenario.key.includes(only));
      const runs = Object.fromEntries(scenarios.map((scenario) => [scenario.key, []]));
      for (let round = 0; round < options.rounds; round += 1) {
        // Odd rounds run the list backwards, so slow drift does not favour one side of a comparison.
        for (const scenario of round % 2 === 0 ? scenarios : [...scenarios].reverse()) {
          const result = await runScenario(scenario, context);
          runs[scenario.key].push(result);
          log(
            `bench: round ${round + 1}/${options.rounds} ${scenario.key.padEnd(34)} c=1 p50 ${us(result.c1.p50).padStart(8)}  c=64 ${perSecond(result.c64.perSecond).padStart(8)}` +
              `  client CPU/send ${us(result.c64.cpuPerSendMs).padStart(7)}  emulator CPU/send ${us(result.serverCpuPerSendMs).padStart(7)}  conns ${result.c1.connections}/${result.c64.connections}`
          );
        }
      }
      sends = Object.fromEntries(
        Object.entries(runs).map(([key, list]) => [key, aggregateRounds(list)])
      );
    }

    let paired;
    if (sets.has('paired')) {
      paired = [];
      for (const pair of pairedList().filter(
        (item) => !only || `paired/${item.key}`.includes(only)
      )) {
        const result = await runPaired(pair, context);
        paired.push(result);
        const unit =
          pair.mode === 'latency'
            ? (side) => `p50 ${us(side.p50)}`
            : (side) => perSecond(side.perSecond);
        log(
          `bench: paired ${pair.key.padEnd(22)} ${result.a.label} ${unit(result.a)} · ${result.b.label} ${unit(result.b)} → ${ratio(result.value)}`
        );
      }
    }

    const { rows, targets: verdicts } = buildReport({
      sends,
      cold,
      sizes: sets.has('size') ? sizes : undefined,
      overhead,
      paired,
      cross,
      options,
    });
    const table = renderTable(rows);
    const loadAtEnd = os.loadavg();
    const results = {
      generatedAt: new Date().toISOString(),
      command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
      options: { ...options, sets: [...sets] },
      targetRatios: targets,
      machine: machine(),
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      durationSeconds: Math.round((Date.now() - started) / 1000),
      units: { latency: 'ms', throughput: 'sends per second', size: 'bytes', load: 'ms' },
      cross,
      sends:
        sends &&
        Object.fromEntries(
          scenarios.map((scenario) => [
            scenario.key,
            { ...scenario, variant: variantById[scenario.variant], ...sends[scenario.key] },
          ])
        ),
      paired,
      coldLoad: cold,
      connectorCpuGotStubbed: overhead,
      sizes,
      targets: verdicts,
      table,
    };
    mkdirSync(path.join(benchDirectory, 'results'), { recursive: true });
    // Smoke runs, partial runs and candidate builds never overwrite the figures of the last full run.
    const partial = options.sets !== undefined || only !== undefined || options.companion;
    const resultsName = options.candidate
      ? 'candidate.json'
      : options.quick
        ? 'quick.json'
        : partial
          ? 'partial.json'
          : 'latest.json';
    const resultsFile = path.join(benchDirectory, 'results', resultsName);
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

    const measuredOn = results.machine;
    const notes = [
      options.quick && 'QUICK RUN, not for publishing',
      options.candidate && `CANDIDATE BUILD as "ours": ${Object.values(options.ours).join(', ')}`,
    ].filter(Boolean);
    console.log(
      `\nLogto SMS connectors benchmark — ${measuredOn.cpuModel}, ${measuredOn.nproc} CPUs, Node ${measuredOn.node}${notes.map((note) => ` — ${note}`).join('')}\n`
    );
    console.log(table);
    const load = (values) => values.map((value) => value.toFixed(2)).join(' ');
    console.log(
      `\nload average (1/5/15 min) at start ${load(loadAtStart)}, at end ${load(loadAtEnd)}; results: ${path.relative(repositoryRoot, resultsFile)}; took ${results.durationSeconds} s`
    );
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
