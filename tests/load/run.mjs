// Load test: 20,000 sends through the BUILT connectors (Aliyun V3 and V1, YunPian, Tencent) against the emulator running in a child
// process (rate limits off). Prints a table and exits non-zero when a bound is violated:
//   - any failed send (or the emulator did not accept exactly the sends made),
//   - heap after GC more than 20 MB above the start,
//   - more open TCP sockets than the connectors' keep-alive pools allow,
//   - the last thousand sends slower than half the first thousand.
//
// Usage: pnpm test:load (builds first), or node tests/load/run.mjs after `node scripts/build.mjs`.
// Tunables (environment): LOAD_SENDS (20000), LOAD_CONCURRENCY (256), LOAD_WARMUP (1000).
import { fork, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Heap figures are only meaningful after a full GC; re-run with --expose-gc when started without.
if (typeof globalThis.gc !== 'function') {
  const rerun = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    }
  );
  // eslint-disable-next-line unicorn/no-process-exit -- CLI entry point: the re-run with --expose-gc did the work, and its status is ours
  process.exit(rerun.status ?? 1);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const library = (name) => `${root}packages/${name}/lib/index.js`;
for (const name of [
  'connector-aliyun-sms',
  'connector-yunpian-sms',
  'connector-tencent-sms',
  'sandbox',
]) {
  if (!existsSync(library(name))) {
    console.error(
      `Missing ${library(name)}: build first (node scripts/build.mjs, or pnpm test:load).`
    );
    // eslint-disable-next-line unicorn/no-process-exit -- CLI entry point: stop before any work, status 2 = not built
    process.exit(2);
  }
}

const totalSends = Number(process.env.LOAD_SENDS ?? 20_000);
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 256);
const warmupSends = Number(process.env.LOAD_WARMUP ?? 1000);
const bucket = 1000;
const maxHeapGrowthBytes = 20 * 1024 * 1024;
const minLastToFirstRatio = 0.5;
// Sms-core's keep-alive agent allows 64 sockets per origin; each connector bundles its own copy
// of sms-core (and so its own agent), and all of them talk to the one emulator origin.
const maxSocketsPerAgent = 64;
const agents = 3;
const socketBound = maxSocketsPerAgent * agents;

const { default: createAliyun } = await import(pathToFileURL(library('connector-aliyun-sms')).href);
const { default: createYunpian } = await import(
  pathToFileURL(library('connector-yunpian-sms')).href
);
const { default: createTencent } = await import(
  pathToFileURL(library('connector-tencent-sms')).href
);

// ------------------------------------------------------------------ emulator in a child process

const emulator = fork(
  fileURLToPath(new URL('emulator.mjs', import.meta.url)),
  [pathToFileURL(library('sandbox')).href],
  {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  }
);
const nextMessage = (type) =>
  new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message?.type !== type) {
        return;
      }
      emulator.off('message', onMessage);
      emulator.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code) =>
      reject(new Error(`emulator exited (${code}) while waiting for ${type}`));
    emulator.on('message', onMessage);
    emulator.once('exit', onExit);
  });
const { url } = await nextMessage('ready');

// ------------------------------------------------------------------ connectors

const usageTypes = ['Register', 'SignIn', 'ForgotPassword', 'Generic'];
const aliyunTemplates = usageTypes.map((usageType) => ({
  usageType,
  templateCode: { china: 'SMS_900001', overseas: 'SMS_900002' },
}));
const senders = [
  await createAliyun({
    getConfig: async () => ({
      accessKeyId: 'LTAI5tSandboxKeyId0001',
      accessKeySecret: 'SandboxAccessKeySecret000000001',
      signName: 'Logto测试',
      templates: aliyunTemplates,
      endpoint: url,
      signatureAlgorithm: 'ACS3-HMAC-SHA256',
    }),
  }),
  await createAliyun({
    getConfig: async () => ({
      accessKeyId: 'STS.SandboxTempKeyId0001',
      accessKeySecret: 'SandboxStsSecret0000000000001',
      securityToken: 'SandboxStsToken-0001',
      signName: 'LogtoSandbox',
      templates: aliyunTemplates,
      endpoint: url,
      signatureAlgorithm: 'HMAC-SHA1',
    }),
  }),
  await createYunpian({
    getConfig: async () => ({
      apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
      templates: usageTypes.map((usageType) => ({
        usageType,
        content: '【Logto测试】您的验证码是#code#。如非本人操作，请忽略本短信',
      })),
      endpoint: url,
    }),
  }),
  await createTencent({
    getConfig: async () => ({
      accessKeyId: 'AKIDSandboxSecretId0001',
      accessKeySecret: 'SandboxSecretKey00000000000000001',
      sdkAppId: '1400000001',
      signName: 'Logto测试',
      templates: usageTypes.map((usageType) => ({
        usageType,
        templateCode: { china: '900001', overseas: '900002' },
      })),
      endpoint: url,
    }),
  }),
];

let sequence = 0;
const failures = [];

/** One send to a fresh mainland number, round-robin over the configs. */
const sendOne = async () => {
  const index = sequence++;
  const connector = senders[index % senders.length];
  const to = `86139${String(index % 100_000_000).padStart(8, '0')}`;
  try {
    await connector.sendMessage({
      to,
      type: 'SignIn',
      payload: { code: String(100_000 + (index % 900_000)) },
    });
  } catch (error) {
    if (failures.length < 10) {
      failures.push(
        `${index}: ${error?.code ?? ''} ${JSON.stringify(error?.data ?? String(error))}`
      );
    } else {
      failures.push(index);
    }
  }
};

/** Runs `count` sends with `concurrency` in flight; calls `onDone(completed)` after each. */
const drive = async (count, onDone = () => {}) => {
  let started = 0;
  let completed = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;

      await sendOne();
      completed += 1;
      onDone(completed);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};

const tcpSockets = () =>
  process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;

const settleHeap = async () => {
  for (let round = 0; round < 4; round++) {
    globalThis.gc();

    await new Promise((resolve) => {
      setImmediate(resolve);
    });
  }
  return process.memoryUsage().heapUsed;
};

// ------------------------------------------------------------------ run

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

await drive(warmupSends);
const warmupFailures = failures.length;
const heapStart = await settleHeap();

let maxSockets = 0;
const sampler = setInterval(() => {
  maxSockets = Math.max(maxSockets, tcpSockets());
}, 20);

const marks = [performance.now()];
const runStarted = marks[0];
await drive(totalSends, (completed) => {
  if (completed % 100 === 0) {
    maxSockets = Math.max(maxSockets, tcpSockets());
  }
  if (completed % bucket === 0) {
    marks.push(performance.now());
  }
});
const runMs = performance.now() - runStarted;
clearInterval(sampler);
maxSockets = Math.max(maxSockets, tcpSockets());

const heapEnd = await settleHeap();
emulator.send({ type: 'stats' });
const stats = await nextMessage('stats');
emulator.send({ type: 'close' });
await new Promise((resolve) => {
  emulator.once('exit', resolve);
});

// ------------------------------------------------------------------ report

const rates = marks.slice(1).map((mark, index) => bucket / ((mark - marks[index]) / 1000));
const first = rates[0] ?? 0;
const last = rates.at(-1) ?? 0;
const ratio = first > 0 ? last / first : 0;
const median = [...rates].sort((left, right) => left - right)[Math.floor(rates.length / 2)] ?? 0;
const accepted =
  stats.counts.accepted.aliyun + stats.counts.accepted.yunpian + stats.counts.accepted.tencent;
const expectedAccepted = warmupSends + totalSends;

console.log(
  `\nLoad: ${totalSends} sends (after ${warmupSends} warm-up), ${concurrency} in flight, against ${url} (emulator in a child process)`
);
console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('| sends         | sends/s |');
console.log('|---------------|--------:|');
for (const [index, rate] of rates.entries()) {
  console.log(
    `| ${String(index * bucket + 1).padStart(6)}–${String((index + 1) * bucket).padEnd(6)} | ${rate.toFixed(0).padStart(7)} |`
  );
}

const checks = [
  ['failed sends', `${failures.length}`, '0', failures.length === 0],
  [
    'accepted by the emulator',
    `${accepted} (aliyun ${stats.counts.accepted.aliyun}, yunpian ${stats.counts.accepted.yunpian}, tencent ${stats.counts.accepted.tencent})`,
    `${expectedAccepted}`,
    accepted === expectedAccepted && stats.counts.refused === 0,
  ],
  [
    'heap after GC: start → end',
    `${mb(heapStart)} MB → ${mb(heapEnd)} MB (${heapEnd >= heapStart ? '+' : ''}${mb(heapEnd - heapStart)} MB)`,
    `≤ +${mb(maxHeapGrowthBytes)} MB`,
    heapEnd - heapStart <= maxHeapGrowthBytes,
  ],
  [
    'open TCP sockets (max sampled)',
    `${maxSockets}`,
    `≤ ${socketBound} (${agents} agents × ${maxSocketsPerAgent})`,
    maxSockets <= socketBound,
  ],
  [
    'throughput first → last thousand',
    `${first.toFixed(0)} → ${last.toFixed(0)} sends/s (ratio ${ratio.toFixed(2)})`,
    `ratio ≥ ${minLastToFirstRatio}`,
    ratio >= minLastToFirstRatio,
  ],
  [
    '(info) median thousand; last / median',
    `${median.toFixed(0)} sends/s; ${(median > 0 ? last / median : 0).toFixed(2)}`,
    '',
    true,
  ],
  ['(info) resident set size at the end', `${mb(process.memoryUsage().rss)} MB`, '', true],
  [
    'total',
    `${(runMs / 1000).toFixed(1)} s, ${(totalSends / (runMs / 1000)).toFixed(0)} sends/s overall`,
    '',
    true,
  ],
];
console.log('\n| check | measured | bound | ok |');
console.log('|---|---|---|---|');
const violated = [];
for (const [name, measured, bound, ok] of checks) {
  console.log(`| ${name} | ${measured} | ${bound} | ${ok ? 'yes' : '**NO**'} |`);
  if (!ok) {
    violated.push(name);
  }
}

if (warmupFailures > 0 || failures.length > 0) {
  console.log('\nFirst failures:', failures.slice(0, 10));
}
if (violated.length > 0) {
  console.log(`\nFAILED: ${violated.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log('\nAll bounds held.');
}
