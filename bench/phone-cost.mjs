// `node bench/phone-cost.mjs <label>=<repository root> …`: what phone-number validation costs, build
// against build. For each labelled root (a built checkout: packages/connector-*/lib/index.js present)
// it packs and installs the Aliyun and YunPian connectors the way `pnpm bench` does, then measures,
// with the roots interleaved so drift on a shared machine spreads evenly over them:
//
//   - size: lib/index.js bytes and the npm tarball;
//   - cold load: fresh node processes through @logto/cli's loadConnectorFactories (harness/cold-load.mjs),
//     rotating over every root × connector;
//   - connector CPU per send with got stubbed (harness/overhead.mjs): once with one recipient for every
//     send (as in `pnpm bench`), once with a different valid number on every send, so no memo helps;
//   - the first send of a fresh process (got stubbed, wall time), which pays the lazy metadata parse;
//   - importing lib/index.js alone after Logto's packages (harness/import-cost.mjs): CPU, less noisy
//     than the loader's figures.
//
// Options: --samples=N cold loads per root and connector (default 21); --rounds=N CPU rounds (default 3).
// docs/benchmarks.md ("Phone numbers") has the figures and the commands that built each root.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runTimed } from './harness/children.mjs';
import { createLogtoHost, installTarball, packPackage } from './harness/host.mjs';
import { median } from './harness/stats.mjs';

const benchDirectory = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.dirname(benchDirectory);
const args = process.argv.slice(2);
const option = (name, fallback) =>
  Number(args.find((value) => value.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const samples = option('samples', 21);
const rounds = option('rounds', 3);
const roots = args
  .filter((value) => !value.startsWith('--'))
  .map((value) => {
    const [label, root] = value.split('=');
    return { label, root: path.resolve(root ?? label) };
  });
if (roots.length === 0) {
  roots.push({ label: 'this checkout', root: repositoryRoot });
}

const providers = [
  { provider: 'aliyun', packageName: 'connector-aliyun-sms', algorithm: 'ACS3-HMAC-SHA256' },
  { provider: 'yunpian', packageName: 'connector-yunpian-sms', algorithm: undefined },
];
const log = (line) => process.stderr.write(`${line}\n`);

// Each root gets its own folder under connectors/, so one host holds every root's copy.
const installForRoot = async (base, index, tarball) => {
  const separate = {
    ...base,
    connectorsDirectory: path.join(base.connectorsDirectory, `root-${index}`),
  };
  mkdirSync(separate.connectorsDirectory, { recursive: true });
  return installTarball(separate, tarball);
};

const install = async (temporary) => {
  const host = await createLogtoHost(path.join(temporary, 'logto'), repositoryRoot);
  const stubbed = await createLogtoHost(path.join(temporary, 'logto-stubbed-got'), repositoryRoot, {
    got: path.join(benchDirectory, 'harness', 'got-stub'),
  });
  const subjects = [];
  for (const [index, { label, root }] of roots.entries()) {
    for (const { provider, packageName, algorithm } of providers) {
      const directory = path.join(root, 'packages', packageName);
      const tarballs = path.join(temporary, `tarballs-${index}`);
      mkdirSync(tarballs, { recursive: true });
      const packed = packPackage(directory, tarballs);
      subjects.push({
        label,
        provider,
        algorithm,
        bundleBytes: statSync(path.join(directory, 'lib', 'index.js')).size,
        tarballBytes: packed.size,
        installed: await installForRoot(host, index, packed.tarball),
        installedStubbed: await installForRoot(stubbed, index, packed.tarball),
      });
    }
  }
  return subjects;
};

const importCost = async (subjects) => {
  const results = new Map(subjects.map((subject) => [subject, []]));
  for (let round = 0; round < samples; round += 1) {
    for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
      const { stdout } = await runTimed('import-cost.mjs', [subject.installed.entry]);
      results.get(subject).push(JSON.parse(stdout.trim().split('\n').at(-1)).importCpuMs);
    }
  }
  return new Map([...results].map(([subject, values]) => [subject, median(values)]));
};

const summary = (values) => ({
  loadMs: median(values.map((value) => value.loadMs)),
  loadCpuMs: median(values.map((value) => value.loadCpuMs)),
  wallMs: median(values.map((value) => value.wallMs)),
});

const coldLoad = async (subjects) => {
  const list = [
    { key: 'baseline', args: [] },
    ...subjects.map((subject) => ({
      key: subject,
      args: [subject.installed.name, subject.installed.directory],
    })),
  ];
  const results = new Map(list.map(({ key }) => [key, []]));
  await runTimed('cold-load.mjs', []);
  for (let round = 0; round < samples; round += 1) {
    for (let step = 0; step < list.length; step += 1) {
      const { key, args: loadArgs } = list[(round + step) % list.length];

      const { stdout, wallMs } = await runTimed('cold-load.mjs', loadArgs);
      const inside = JSON.parse(stdout.trim().split('\n').at(-1));
      if (inside.loaded !== inside.expected) {
        throw new Error('a cold load did not load (see the loader message above)');
      }
      results.get(key).push({ ...inside, wallMs });
    }
  }
  return {
    baseline: summary(results.get('baseline')),
    bySubject: new Map(subjects.map((subject) => [subject, summary(results.get(subject))])),
  };
};

const cpuPerSend = async (subjects, distinctRecipients) => {
  const results = new Map(subjects.map((subject) => [subject, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
      const spec = {
        entry: subject.installedStubbed.entry,
        implementation: 'ours',
        provider: subject.provider,
        algorithm: subject.algorithm,
        warm: 4000,
        n: 6000,
        distinctRecipients,
      };
      // A build that refuses the bench's numbers (e.g. "min" metadata, which knows no number types)
      // has no per-send figure; the table says so instead of aborting the run.

      const outcome = await runTimed('overhead.mjs', [JSON.stringify(spec)]).catch(() => undefined);
      results
        .get(subject)
        .push(
          outcome ? JSON.parse(outcome.stdout.trim().split('\n').at(-1)).cpuPerSendMs : Number.NaN
        );
    }
  }
  return new Map(
    [...results].map(([subject, values]) => [
      subject,
      values.some((value) => Number.isNaN(value)) ? Number.NaN : median(values),
    ])
  );
};

// The first send after start-up, in fresh processes: where a lazily parsed number plan is paid.
const firstSend = async (subjects) => {
  const results = new Map(subjects.map((subject) => [subject, []]));
  for (let round = 0; round < Math.max(3, Math.round(samples / 3)); round += 1) {
    for (const subject of subjects) {
      const spec = {
        entry: subject.installedStubbed.entry,
        implementation: 'ours',
        provider: subject.provider,
        algorithm: subject.algorithm,
        warm: 0,
        n: 1,
      };

      const outcome = await runTimed('overhead.mjs', [JSON.stringify(spec)]).catch(() => undefined);
      results
        .get(subject)
        .push(
          outcome ? JSON.parse(outcome.stdout.trim().split('\n').at(-1)).wallPerSendMs : Number.NaN
        );
    }
  }
  return new Map(
    [...results].map(([subject, values]) => [
      subject,
      values.some((value) => Number.isNaN(value)) ? Number.NaN : median(values),
    ])
  );
};

const perSend = (ms) => (Number.isNaN(ms) ? 'refuses the numbers' : `${Math.round(ms * 1000)} µs`);

const temporary = await mkdtemp(path.join(os.tmpdir(), 'logto-sms-phone-cost-'));
try {
  log(`phone-cost: installing ${roots.map(({ label, root }) => `${label} (${root})`).join(', ')}`);
  const subjects = await install(temporary);
  log(`phone-cost: cold load, ${samples} processes per root and connector`);
  const cold = await coldLoad(subjects);
  log(`phone-cost: import of lib/index.js alone, ${samples} processes per root and connector`);
  const imports = await importCost(subjects);
  log('phone-cost: connector CPU per send, got stubbed, one recipient');
  const same = await cpuPerSend(subjects, false);
  log('phone-cost: connector CPU per send, got stubbed, a different number on every send');
  const distinct = await cpuPerSend(subjects, true);
  log('phone-cost: first send of a fresh process');
  const first = await firstSend(subjects);

  const rows = [
    [
      'build · connector',
      'lib/index.js',
      'tarball',
      'cold load in process',
      'cold load CPU',
      'process wall',
      'import CPU',
      'CPU/send, one number',
      'CPU/send, distinct numbers',
      'first send (wall)',
    ],
  ];
  rows.push([
    'baseline: loader, no connector',
    '',
    '',
    `${cold.baseline.loadMs.toFixed(1)} ms`,
    `${cold.baseline.loadCpuMs.toFixed(1)} ms`,
    `${cold.baseline.wallMs.toFixed(0)} ms`,
    '',
    '',
    '',
    '',
  ]);
  for (const subject of subjects) {
    const load = cold.bySubject.get(subject);
    rows.push([
      `${subject.label} · ${subject.provider}`,
      `${(subject.bundleBytes / 1024).toFixed(1)} KiB`,
      `${(subject.tarballBytes / 1024).toFixed(1)} KiB`,
      `${load.loadMs.toFixed(1)} ms`,
      `${load.loadCpuMs.toFixed(1)} ms`,
      `${load.wallMs.toFixed(0)} ms`,
      `${imports.get(subject).toFixed(1)} ms`,
      perSend(same.get(subject)),
      perSend(distinct.get(subject)),
      Number.isNaN(first.get(subject))
        ? 'refuses the numbers'
        : `${first.get(subject).toFixed(1)} ms`,
    ]);
  }
  const widths = rows[0].map((_header, column) =>
    Math.max(...rows.map((row) => row[column].length))
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(
    `\nPhone-number cost — Node ${process.version}, ${os.availableParallelism()} CPUs; cold load median of ${samples}, CPU median of ${rounds}\n`
  );
  console.log(
    [
      line(rows[0]),
      `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
      ...rows.slice(1).map((cells) => line(cells)),
    ].join('\n')
  );
} finally {
  rmSync(temporary, { recursive: true, force: true });
}
