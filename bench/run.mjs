// `pnpm bench` (= `pnpm build && node bench/run.mjs`): what a user pays for our Logto SMS connectors,
// next to the physical floor on this machine and next to the official Logto connectors.
// docs/benchmarks.md explains the method and the figures.
//
// Everything talks to 127.0.0.1 only. Processes (2 cores: the emulator gets one, the client the other):
//
//   run.mjs (this file, idle while measuring)
//   ├─ harness/server.mjs     a fresh emulator per row: packages/sandbox/lib on 127.0.0.1, rate limits
//   │                         off, plus a TLS front (TLS-terminating relay to the emulator) with a
//   │                         throwaway self-signed certificate (openssl, temp dir; SANs
//   │                         dysmsapi.aliyuncs.com, sms.yunpian.com, 127.0.0.1)
//   ├─ harness/capture.mjs    once per request variant: our connector → a local recorder, N distinct
//   │                         signed requests (the floor rows replay them)
//   ├─ harness/client.mjs     one fresh process per row: a floor (bare got, or node:http + keep-alive
//   │                         agent), ours or official; warm-up, then c=1, then c=64
//   ├─ harness/paired.mjs     the target verdicts: two senders alternating in blocks in one process
//   ├─ harness/overhead.mjs   connector CPU per send with got replaced by an in-memory stub
//   └─ harness/cold-load.mjs  one fresh process per sample: @logto/cli loadConnectorFactories
//
// Routing the official connectors, which hard-code https://dysmsapi.aliyuncs.com/,
// https://sms.yunpian.com/v2/sms/single_send.json and https://sms.tencentcloudapi.com/: no root, no port 443, no /etc/hosts. Client
// processes start with NODE_EXTRA_CA_CERTS=<throwaway certificate> (Node reads it at start-up, hence
// child processes) and harness/route.mjs wraps tls.connect so a connection to one of those hosts
// on port 443 goes to 127.0.0.1:<TLS front port>, with SNI and the certificate check still naming the
// provider host. got, its options and Node's default https.globalAgent are untouched. DNS lookups
// and TLS connections to anything else throw. For a fair comparison our connectors run the HTTPS rows
// the same way: default config (no endpoint), same hostnames, same TLS front.
//
// Installation: every connector (ours and official) is `npm pack`ed and extracted into a Logto-like
// folder whose node_modules holds only @logto/connector-kit, got, zod and @silverhand/essentials
// (symlinks to this repository's copies), so all rows share one got and one zod, as inside Logto.
//
// Options: --quick          small counts, 1 round, 5 cold loads (a smoke run, not for publishing)
//          --rounds=N       separate-process rows run N times in alternating order (default 2)
//          --only=<text>    investigation: only the send/paired rows whose key contains <text>
//          BENCH_CPU_PROF=<dir>                      --cpu-prof for the client processes
//          BENCH_OURS_ALIYUN / BENCH_OURS_YUNPIAN / BENCH_OURS_TENCENT=<package dir>   measure a candidate build as "ours"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateCertificate, providerHosts } from './harness/cert.mjs';
import { runTimed, runWithMessage, startServer } from './harness/children.mjs';
import { createLogtoHost, installTarball, packPackage } from './harness/host.mjs';
import { median } from './harness/stats.mjs';

const benchDirectory = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.dirname(benchDirectory);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const roundsArgument = args.find((argument) => argument.startsWith('--rounds='));
const rounds = roundsArgument ? Math.max(1, Number(roundsArgument.split('=')[1])) : quick ? 1 : 2;
const counts = quick
  ? { warm64: 256, warm1: 100, n1: 300, n64: 600 }
  : { warm64: 800, warm1: 300, n1: 1000, n64: 2000 };
const coldLoadSamples = quick ? 5 : 15;
const onlyArgument = args.find((argument) => argument.startsWith('--only='));
const only = onlyArgument?.slice('--only='.length);
const cpuProfileDirectory = process.env.BENCH_CPU_PROF;
const perRequests = counts.warm64 + counts.warm1 + counts.n1 + counts.n64;
const pairedCounts = quick
  ? {
      latency: { warm: 300, blocks: 4, blockSize: 100 },
      throughput: { warm: 300, blocks: 4, blockSize: 200 },
    }
  : {
      latency: { warm: 1000, blocks: 16, blockSize: 125 },
      throughput: { warm: 1000, blocks: 8, blockSize: 400 },
    };
// Enough captured requests for a floor row and for the floor side of a latency pair.
const captureCount = Math.max(
  perRequests,
  pairedCounts.latency.warm + pairedCounts.latency.blocks * pairedCounts.latency.blockSize
);
const overheadCounts = quick ? { warm: 2000, n: 5000 } : { warm: 4000, n: 6000 };
const overheadRounds = quick ? 1 : 3;

const log = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------
// What is measured

// BENCH_OURS_ALIYUN / BENCH_OURS_YUNPIAN / BENCH_OURS_TENCENT: measure another package directory as "ours" (a candidate
// fix built elsewhere); the run is then labelled as such.
const ours = {
  aliyun:
    process.env.BENCH_OURS_ALIYUN ?? path.join(repositoryRoot, 'packages', 'connector-aliyun-sms'),
  yunpian:
    process.env.BENCH_OURS_YUNPIAN ??
    path.join(repositoryRoot, 'packages', 'connector-yunpian-sms'),
  tencent:
    process.env.BENCH_OURS_TENCENT ??
    path.join(repositoryRoot, 'packages', 'connector-tencent-sms'),
};
const candidate = Boolean(
  process.env.BENCH_OURS_ALIYUN || process.env.BENCH_OURS_YUNPIAN || process.env.BENCH_OURS_TENCENT
);
const official = {
  aliyun: path.join(benchDirectory, 'node_modules', '@logto', 'connector-aliyun-sms'),
  yunpian: path.join(benchDirectory, 'node_modules', '@logto', 'connector-yunpian-sms'),
  tencent: path.join(benchDirectory, 'node_modules', '@logto', 'connector-tencent-sms'),
};

const variants = [
  {
    id: 'aliyun-v3',
    provider: 'aliyun',
    algorithm: 'ACS3-HMAC-SHA256',
    label: 'Aliyun V3 (ACS3-HMAC-SHA256)',
  },
  { id: 'aliyun-v1', provider: 'aliyun', algorithm: 'HMAC-SHA1', label: 'Aliyun V1 (HMAC-SHA1)' },
  { id: 'yunpian', provider: 'yunpian', algorithm: undefined, label: 'YunPian' },
  { id: 'tencent', provider: 'tencent', algorithm: undefined, label: 'Tencent (TC3-HMAC-SHA256)' },
];
const variantById = Object.fromEntries(variants.map((variant) => [variant.id, variant]));

const kindLabel = {
  'floor-http': 'floor: node:http + keep-alive agent',
  'floor-got': 'floor: bare got',
  ours: 'ours',
  official: 'official @logto connector',
};

// The official Aliyun connector signs V1 only; there is no official V3 row.
const scenarioList = () => {
  const list = [];
  for (const variant of variants) {
    for (const kind of ['floor-http', 'floor-got', 'ours']) {
      list.push({ transport: 'http', variant: variant.id, kind });
    }
  }
  for (const id of ['aliyun-v1', 'aliyun-v3', 'yunpian', 'tencent']) {
    const kinds = ['floor-http', 'floor-got', 'ours'];
    if (id !== 'aliyun-v3') {
      kinds.push('official');
    }
    for (const kind of kinds) {
      list.push({ transport: 'https', variant: id, kind });
    }
  }
  return list.map((scenario) => ({
    ...scenario,
    key: `${scenario.transport}/${scenario.variant}/${scenario.kind}`,
  }));
};

// ---------------------------------------------------------------------------------------------------
// Helpers

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
  };
};

const assertBuilt = () => {
  const missing = [
    path.join(ours.aliyun, 'lib', 'index.js'),
    path.join(ours.yunpian, 'lib', 'index.js'),
    path.join(ours.tencent, 'lib', 'index.js'),
    path.join(repositoryRoot, 'packages', 'sandbox', 'lib', 'index.js'),
    path.join(official.aliyun, 'package.json'),
    path.join(official.yunpian, 'package.json'),
    path.join(official.tencent, 'package.json'),
  ].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Missing ${missing.join(', ')}: run \`pnpm bench\` (it builds first) or \`pnpm install && pnpm build\`.`
    );
  }
};

const us = (ms) => `${Math.round(ms * 1000)} µs`;
const perSecond = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;
const ratio = (value) => `${value.toFixed(2)}×`;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

// ---------------------------------------------------------------------------------------------------
// Size and install

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
  for (const [implementation, directories] of [
    ['ours', ours],
    ['official', official],
  ]) {
    for (const [provider, directory] of Object.entries(directories)) {
      const packed = packPackage(directory, tarballs);
      installed[`${implementation}/${provider}`] = await installTarball(host, packed.tarball);
      installedStubbed[`${implementation}/${provider}`] = await installTarball(
        stubbedHost,
        packed.tarball
      );
      sizes[`${implementation}/${provider}`] = {
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

const overheadSubjects = [
  { key: 'official/aliyun-v1', implementation: 'official', variant: 'aliyun-v1' },
  { key: 'ours/aliyun-v1', implementation: 'ours', variant: 'aliyun-v1' },
  { key: 'ours/aliyun-v3', implementation: 'ours', variant: 'aliyun-v3' },
  { key: 'official/yunpian', implementation: 'official', variant: 'yunpian' },
  { key: 'ours/yunpian', implementation: 'ours', variant: 'yunpian' },
  { key: 'official/tencent', implementation: 'official', variant: 'tencent' },
  { key: 'ours/tencent', implementation: 'ours', variant: 'tencent' },
];

const connectorOverhead = async (installedStubbed) => {
  const samples = Object.fromEntries(overheadSubjects.map((subject) => [subject.key, []]));
  for (let round = 0; round < overheadRounds; round += 1) {
    for (const subject of round % 2 === 0 ? overheadSubjects : [...overheadSubjects].reverse()) {
      const variant = variantById[subject.variant];
      const spec = {
        entry: installedStubbed[`${subject.implementation}/${variant.provider}`].entry,
        implementation: subject.implementation,
        provider: variant.provider,
        algorithm: variant.algorithm,
        ...overheadCounts,
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

const coldLoad = async (installed) => {
  const subjects = [
    { key: 'baseline', args: [] },
    ...['aliyun', 'yunpian', 'tencent'].flatMap((provider) =>
      ['official', 'ours'].map((implementation) => {
        const { name, directory } = installed[`${implementation}/${provider}`];
        return { key: `${implementation}/${provider}`, args: [name, directory] };
      })
    ),
  ];
  const samples = Object.fromEntries(subjects.map((subject) => [subject.key, []]));
  // One throwaway process first (page cache, npm/tar leftovers), then rounds in rotating order so
  // drift on a shared machine spreads evenly over the subjects.
  await runTimed('cold-load.mjs', []);
  for (let round = 0; round < coldLoadSamples; round += 1) {
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
        loadMs: median(list.map((sample) => sample.loadMs)),
        loadCpuMs: median(list.map((sample) => sample.loadCpuMs)),
        loaderImportMs: median(list.map((sample) => sample.loaderImportMs)),
        sinceStartMs: median(list.map((sample) => sample.sinceStartMs)),
        wallMs: median(list.map((sample) => sample.wallMs)),
        raw: list,
      },
    ])
  );
};

// ---------------------------------------------------------------------------------------------------
// Sends

// Pre-signed requests for the floor rows, one set per request variant. Each row runs against a fresh
// emulator (new process, empty nonce store), so one set serves every floor row of every round; it is
// renewed when its timestamps get old (the emulator allows 15 minutes of clock skew).
// Tencent's signed timestamp is accepted for 5 minutes only.
const captureMaxAgeMs = { aliyun: 8 * 60 * 1000, yunpian: 8 * 60 * 1000, tencent: 3 * 60 * 1000 };
const captureFor = async (variant, context) => {
  const existing = context.captures.get(variant.id);
  if (existing && Date.now() - existing.at < captureMaxAgeMs[variant.provider]) {
    return existing.file;
  }
  const file = path.join(context.temporary, `capture-${variant.id}-${Date.now()}.json`);
  await runWithMessage('capture.mjs', [
    JSON.stringify({
      entry: context.installed[`ours/${variant.provider}`].entry,
      provider: variant.provider,
      algorithm: variant.algorithm,
      count: captureCount,
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
function deliveryProblems(result, bucket, rejected) {
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
}

const runScenario = async (scenario, context) => {
  const variant = variantById[scenario.variant];
  const spec = {
    kind: scenario.kind,
    provider: variant.provider,
    algorithm: variant.algorithm,
    transport: scenario.transport,
    counts,
    providerHosts,
    hostCore: context.host.coreDirectory,
  };
  if (scenario.kind === 'ours' || scenario.kind === 'official') {
    spec.entry = context.installed[`${scenario.kind}/${variant.provider}`].entry;
  } else {
    spec.captureFile = await captureFor(variant, context);
  }

  // A fresh emulator per row: same starting state for every row, and captured nonces are new to it.
  const server = await startServer([context.keyFile, context.certFile]);
  let result;
  let accepted;
  let rejected;
  let serverCpuMs;
  try {
    spec.emulatorPort = server.emulatorPort;
    spec.tlsPort = server.tlsPort;
    result = await runWithMessage('client.mjs', [JSON.stringify(spec)], {
      env: { NODE_EXTRA_CA_CERTS: context.certFile },
      execArgv: cpuProfileDirectory
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            path.resolve(cpuProfileDirectory),
            '--cpu-prof-name',
            `${scenario.key.replaceAll('/', '-')}.cpuprofile`,
          ]
        : [],
    });
    ({ counts: accepted, rejected, cpuMs: serverCpuMs } = await server.counts());
  } finally {
    await server.close();
  }

  const bucket = accepted[variant.provider];
  const problems = deliveryProblems(result, bucket, rejected);
  if (scenario.transport === 'https' && result.routedConnections === 0) {
    problems.push('no connection went through the TLS front');
  }
  if (problems.length > 0) {
    throw new Error(`${scenario.key}: ${problems.join('; ')}`);
  }
  // Emulator (+ TLS front) CPU per accepted send, warm-up included.
  return { ...result, serverCpuPerSendMs: serverCpuMs / bucket.ok };
};

// Paired comparisons (harness/paired.mjs): A and B alternate in blocks inside one process, against a
// fresh emulator. The targets are judged on these ratios; the rows above give the full picture.
const pairedList = [
  ...variants.map((variant) => ({
    key: `latency/${variant.id}`,
    mode: 'latency',
    transport: 'http',
    variant: variant.id,
    target: `${variant.label}: p50 latency at c=1 ≤ 1.10× the bare-got floor`,
    sides: [
      { label: 'bare-got floor', kind: 'floor-got' },
      { label: 'ours', kind: 'ours' },
    ],
  })),
  ...['aliyun-v1', 'aliyun-v3', 'yunpian', 'tencent'].map((id) => ({
    key: `throughput/${id}`,
    mode: 'throughput',
    transport: 'https',
    variant: id,
    target: `${variantById[id].label}: sends/s at c=64 ≥ the official connector's${id === 'aliyun-v3' ? ' (official V1)' : ''}`,
    sides: [
      {
        label: id === 'aliyun-v3' ? 'official (V1)' : 'official',
        kind: 'official',
        algorithm: id.startsWith('aliyun') ? 'HMAC-SHA1' : undefined,
      },
      { label: 'ours', kind: 'ours' },
    ],
  })),
];

const runPaired = async (pair, context) => {
  const variant = variantById[pair.variant];
  const shape = pair.mode === 'latency' ? pairedCounts.latency : pairedCounts.throughput;
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
  const bucket = accepted[variant.provider];
  const problems = deliveryProblems(result, bucket, rejected);
  if (problems.length > 0) {
    throw new Error(`paired ${pair.key}: ${problems.join('; ')}`);
  }
  const [a, b] = result.sides;
  const value = pair.mode === 'latency' ? b.p50 / a.p50 : b.perSecond / a.perSecond;
  return { ...pair, a, b, value, pass: pair.mode === 'latency' ? value <= 1.1 : value >= 1 };
};

const aggregateRounds = (runs) => {
  const pick = (phase, field) => median(runs.map((run) => run[phase][field]));
  return {
    rounds: runs.length,
    c1: {
      p50: pick('c1', 'p50'),
      p99: pick('c1', 'p99'),
      perSecond: pick('c1', 'perSecond'),
      cpuPerSendMs: pick('c1', 'cpuPerSendMs'),
      n: runs[0].c1.n,
    },
    c64: {
      p50: pick('c64', 'p50'),
      p99: pick('c64', 'p99'),
      perSecond: pick('c64', 'perSecond'),
      cpuPerSendMs: pick('c64', 'cpuPerSendMs'),
      n: runs[0].c64.n,
    },
    serverCpuPerSendMs: median(runs.map((run) => run.serverCpuPerSendMs)),
    raw: runs.map(({ c1, c64, serverCpuPerSendMs }) => ({ c1, c64, serverCpuPerSendMs })),
  };
};

// ---------------------------------------------------------------------------------------------------
// Report

const buildReport = ({ sends, cold, sizes, overhead, paired }) => {
  const get = (transport, variant, kind) => sends[`${transport}/${variant}/${kind}`];
  const rows = [];
  const targets = [];
  const header = (cells) =>
    rows.push(cells.map((cell, index) => (index === 0 ? `**${cell}**` : cell ? `*${cell}*` : '')));
  const sendCells = (row) => [
    us(row.c1.p50),
    us(row.c1.p99),
    perSecond(row.c1.perSecond),
    perSecond(row.c64.perSecond),
    `${Math.round(row.c64.cpuPerSendMs * 1000)} · ${Math.round(row.serverCpuPerSendMs * 1000)} µs`,
  ];
  const sendColumns = [
    'p50 c=1',
    'p99 c=1',
    'sends/s c=1',
    'sends/s c=64',
    'CPU/send: client · emulator',
  ];

  header([
    'Send · HTTP straight to the emulator',
    ...sendColumns,
    'vs bare-got floor: p50 c=1 · sends/s c=64',
  ]);
  for (const variant of variants) {
    const floor = get('http', variant.id, 'floor-got');
    for (const kind of ['floor-http', 'floor-got', 'ours']) {
      const row = get('http', variant.id, kind);
      const vs =
        kind === 'floor-got'
          ? 'reference'
          : `${ratio(row.c1.p50 / floor.c1.p50)} · ${ratio(row.c64.perSecond / floor.c64.perSecond)}`;
      rows.push([`${variant.label} · ${kindLabel[kind]}`, ...sendCells(row), vs]);
    }
  }

  header([
    'Send · HTTPS via the TLS front (provider hostnames routed)',
    ...sendColumns,
    'vs official: p50 c=1 · sends/s c=64',
  ]);
  const officialFor = {
    'aliyun-v1': 'aliyun-v1',
    'aliyun-v3': 'aliyun-v1',
    yunpian: 'yunpian',
    tencent: 'tencent',
  };
  for (const id of ['aliyun-v1', 'aliyun-v3', 'yunpian', 'tencent']) {
    const variant = variantById[id];
    const reference = get('https', officialFor[id], 'official');
    const kinds = ['floor-http', 'floor-got', ...(id === 'aliyun-v3' ? [] : ['official']), 'ours'];
    for (const kind of kinds) {
      const row = get('https', id, kind);
      const vs =
        kind === 'official'
          ? 'reference'
          : `${ratio(row.c1.p50 / reference.c1.p50)} · ${ratio(row.c64.perSecond / reference.c64.perSecond)}${id === 'aliyun-v3' ? ' (vs official V1)' : ''}`;
      rows.push([`${variant.label} · ${kindLabel[kind]}`, ...sendCells(row), vs]);
    }
  }

  header([
    'Paired · A and B alternate in blocks in one process (the send targets use these)',
    'A',
    'B',
    'B ÷ A',
    'CPU/send: A · B',
    '',
    'A · B',
  ]);
  for (const pair of paired) {
    const variant = variantById[pair.variant];
    const latency = pair.mode === 'latency';
    const cell = (side) => (latency ? `${us(side.p50)} p50` : perSecond(side.perSecond));
    rows.push([
      `${variant.label} · ${latency ? 'c=1 latency, HTTP' : 'c=64 throughput, HTTPS'}`,
      cell(pair.a),
      cell(pair.b),
      ratio(pair.value),
      `${Math.round(pair.a.cpuPerSendMs * 1000)} · ${Math.round(pair.b.cpuPerSendMs * 1000)} µs`,
      '',
      `${pair.a.label} · ${pair.b.label}`,
    ]);
    targets.push({
      target: pair.target,
      measured: `${ratio(pair.value)} (${cell(pair.b)} vs ${cell(pair.a)}, paired)`,
      value: pair.value,
      pass: pair.pass,
    });
  }

  header([
    'Connector CPU per send · got replaced by an in-memory stub (no I/O), sequential',
    'CPU/send',
    'wall/send',
    '',
    '',
    '',
    'vs official: CPU/send',
  ]);
  for (const subject of overheadSubjects) {
    const row = overhead[subject.key];
    const variant = variantById[subject.variant];
    const reference =
      overhead[`official/${variant.provider === 'aliyun' ? 'aliyun-v1' : variant.provider}`];
    const vs =
      subject.implementation === 'official'
        ? 'reference'
        : `${ratio(row.cpuPerSendMs / reference.cpuPerSendMs)}${subject.variant === 'aliyun-v3' ? ' (vs official V1)' : ''}`;
    rows.push([
      `${variant.label} · ${subject.implementation}`,
      us(row.cpuPerSendMs),
      us(row.wallPerSendMs),
      '',
      '',
      '',
      vs,
    ]);
  }

  header([
    `Cold load · fresh node, @logto/cli loadConnectorFactories, median of ${coldLoadSamples}`,
    'load, in process',
    'process wall time',
    'loader import',
    '',
    '',
    'vs official: load · wall',
  ]);
  const base = cold.baseline;
  rows.push([
    'baseline: the loader with no connector',
    `${base.loadMs.toFixed(1)} ms`,
    `${base.wallMs.toFixed(0)} ms`,
    `${base.loaderImportMs.toFixed(0)} ms`,
    '',
    '',
    '',
  ]);
  const providerName = { aliyun: 'Aliyun', yunpian: 'YunPian', tencent: 'Tencent' };
  for (const provider of ['aliyun', 'yunpian', 'tencent']) {
    const reference = cold[`official/${provider}`];
    const name = providerName[provider];
    for (const implementation of ['official', 'ours']) {
      const row = cold[`${implementation}/${provider}`];
      const vs =
        implementation === 'official'
          ? 'reference'
          : `${ratio(row.loadMs / reference.loadMs)} · ${ratio(row.wallMs / reference.wallMs)}`;
      rows.push([
        `${name} · ${implementation}`,
        `${row.loadMs.toFixed(1)} ms`,
        `${row.wallMs.toFixed(0)} ms`,
        `${row.loaderImportMs.toFixed(0)} ms`,
        '',
        '',
        vs,
      ]);
    }
    const mine = cold[`ours/${provider}`];
    targets.push({
      target: `${name}: cold load no slower than the official connector (in process and wall)`,
      measured: `load ${mine.loadMs.toFixed(1)} vs ${reference.loadMs.toFixed(1)} ms (${ratio(mine.loadMs / reference.loadMs)}); wall ${mine.wallMs.toFixed(0)} vs ${reference.wallMs.toFixed(0)} ms (${ratio(mine.wallMs / reference.wallMs)})`,
      value: Math.max(mine.loadMs / reference.loadMs, mine.wallMs / reference.wallMs),
      pass: mine.loadMs <= reference.loadMs && mine.wallMs <= reference.wallMs,
    });
  }

  header([
    'Size · npm pack',
    'tarball',
    'unpacked',
    'files',
    'version',
    '',
    'vs official: tarball · unpacked',
  ]);
  for (const provider of ['aliyun', 'yunpian', 'tencent']) {
    const reference = sizes[`official/${provider}`];
    for (const implementation of ['official', 'ours']) {
      const row = sizes[`${implementation}/${provider}`];
      const vs =
        implementation === 'official'
          ? 'reference'
          : `${ratio(row.tarballBytes / reference.tarballBytes)} · ${ratio(row.unpackedBytes / reference.unpackedBytes)}`;
      rows.push([
        row.name,
        kib(row.tarballBytes),
        kib(row.unpackedBytes),
        String(row.files),
        row.version,
        '',
        vs,
      ]);
    }
  }

  header(['Targets (reported, not enforced)', 'result', '', '', '', '', 'measured']);
  for (const target of targets) {
    rows.push([target.target, target.pass ? 'PASS' : 'MISS', '', '', '', '', target.measured]);
  }

  return { rows, targets };
};

const renderTable = (rows) => {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => String(row[column]).length))
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  const separator = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(rows[0]), separator, ...rows.slice(1).map(line)].join('\n');
};

// ---------------------------------------------------------------------------------------------------
// Main

const main = async () => {
  assertBuilt();
  const started = Date.now();
  const temporary = await mkdtemp(path.join(os.tmpdir(), 'logto-sms-bench-'));
  const cleanUp = () => rmSync(temporary, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    log(
      `bench: ${quick ? 'QUICK smoke run, ' : ''}${rounds} round(s); per row ${counts.warm64}+${counts.warm1} warm-up, ${counts.n1} at c=1, ${counts.n64} at c=64`
    );
    const { keyFile, certFile } = generateCertificate(temporary);
    log('bench: packing and installing connectors into a Logto-like folder');
    const { host, installed, installedStubbed, sizes } = await packAndInstall(temporary);

    // Cold loads first, while nothing else of ours runs on the machine.
    let cold;
    let overhead;
    if (!only) {
      log(`bench: cold load, ${coldLoadSamples} fresh processes per connector`);
      cold = await coldLoad(installed);
      log('bench: connector CPU per send with got stubbed');
      overhead = await connectorOverhead(installedStubbed);
    }

    const context = { host, installed, temporary, keyFile, certFile, captures: new Map() };
    const scenarios = scenarioList().filter((scenario) => !only || scenario.key.includes(only));
    const runs = Object.fromEntries(scenarios.map((scenario) => [scenario.key, []]));
    for (let round = 0; round < rounds; round += 1) {
      // Odd rounds run the list backwards, so slow drift does not favour one side of a comparison.
      const order = round % 2 === 0 ? scenarios : [...scenarios].reverse();
      for (const scenario of order) {
        const result = await runScenario(scenario, context);
        runs[scenario.key].push(result);
        log(
          `bench: round ${round + 1}/${rounds} ${scenario.key.padEnd(34)} c=1 p50 ${us(result.c1.p50).padStart(8)}  c=64 ${perSecond(result.c64.perSecond).padStart(8)}` +
            `  client CPU/send ${us(result.c64.cpuPerSendMs).padStart(7)}  emulator CPU/send ${us(result.serverCpuPerSendMs).padStart(7)}  conns ${result.c1.connections}/${result.c64.connections}`
        );
      }
    }
    const paired = [];
    for (const pair of pairedList.filter((item) => !only || `paired/${item.key}`.includes(only))) {
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
    if (only) {
      return;
    }

    const sends = Object.fromEntries(
      Object.entries(runs).map(([key, list]) => [key, aggregateRounds(list)])
    );
    const { rows, targets } = buildReport({ sends, cold, sizes, overhead, paired });
    const table = renderTable(rows);

    const results = {
      generatedAt: new Date().toISOString(),
      command: 'pnpm bench',
      options: { quick, rounds, counts, coldLoadSamples, candidate: candidate ? ours : undefined },
      machine: machine(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      units: { latency: 'ms', throughput: 'sends per second', size: 'bytes', load: 'ms' },
      sends: Object.fromEntries(
        scenarios.map((scenario) => [
          scenario.key,
          { ...scenario, variant: variantById[scenario.variant], ...sends[scenario.key] },
        ])
      ),
      paired,
      coldLoad: cold,
      connectorCpuGotStubbed: overhead,
      sizes,
      targets,
      table,
    };
    mkdirSync(path.join(benchDirectory, 'results'), { recursive: true });
    // Smoke runs and candidate builds never overwrite the figures of the last real run.
    const resultsName = candidate ? 'candidate.json' : quick ? 'quick.json' : 'latest.json';
    const resultsFile = path.join(benchDirectory, 'results', resultsName);
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

    const m = results.machine;
    const notes = [
      quick && 'QUICK RUN, not for publishing',
      candidate && `CANDIDATE BUILD as "ours": ${ours.aliyun}, ${ours.yunpian}, ${ours.tencent}`,
    ].filter(Boolean);
    console.log(
      `\nLogto SMS connectors benchmark — ${m.cpuModel}, ${m.nproc} CPUs, Node ${m.node}${notes.map((note) => ` — ${note}`).join('')}\n`
    );
    console.log(table);
    console.log(
      `\nmedian of ${rounds} round(s) per send row; results: ${path.relative(repositoryRoot, resultsFile)}; took ${results.durationSeconds} s`
    );
  } finally {
    cleanUp();
  }
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
