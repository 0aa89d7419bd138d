// After a run: the machine it ran on, `results/<name>.json`, and the summary printed to stdout.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { variantById } from './connectors.mjs';
import { benchDirectory, repositoryRoot, targets as targetRatios } from './plan.mjs';

const cpuModelOf = () => {
  const fallback = os.cpus()[0]?.model;
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? fallback;
  } catch {
    // Not Linux: keep what os.cpus() says.
    return fallback;
  }
};

const machine = () => ({
  nproc: os.availableParallelism(),
  node: process.version,
  cpuModel: cpuModelOf(),
  platform: `${os.type()} ${os.release()}`,
  totalMemoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
  loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
});

/** The separate rows as stored: each scenario with its variant spelled out, then its figures. */
const storedSends = (separate) =>
  separate &&
  Object.fromEntries(
    separate.scenarios.map((scenario) => [
      scenario.key,
      { ...scenario, variant: variantById[scenario.variant], ...separate.sends[scenario.key] },
    ])
  );

/** Every figure of a run, in the shape of `results/*.json`. */
export const resultsOf = ({ run, figures, sizes, report, table }) => ({
  generatedAt: new Date().toISOString(),
  command: `node bench/run.mjs ${run.args.join(' ')}`.trim(),
  options: { ...run.options, sets: [...run.sets] },
  targetRatios,
  machine: machine(),
  loadAverage: { start: run.loadAtStart, end: run.loadAtEnd },
  durationSeconds: Math.round((Date.now() - run.started) / 1000),
  units: { latency: 'ms', throughput: 'sends per second', size: 'bytes', load: 'ms' },
  cross: figures.cross,
  sends: storedSends(figures.separate),
  paired: figures.paired,
  coldLoad: figures.cold,
  connectorCpuGotStubbed: figures.overhead,
  sizes,
  targets: report.targets,
  table,
});

// Smoke runs, partial runs and candidate builds never overwrite the figures of the last full run.
const resultsName = (options) => {
  if (options.candidate) {
    return 'candidate.json';
  }
  if (options.quick) {
    return 'quick.json';
  }
  const partial = options.sets !== undefined || options.only !== undefined || options.companion;
  return partial ? 'partial.json' : 'latest.json';
};

/** @returns the path of the results file written. */
export const writeResults = (results, options) => {
  mkdirSync(path.join(benchDirectory, 'results'), { recursive: true });
  const resultsFile = path.join(benchDirectory, 'results', resultsName(options));
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  return resultsFile;
};

const load = (values) => values.map((value) => value.toFixed(2)).join(' ');

export const printSummary = ({ results, options, resultsFile }) => {
  const measuredOn = results.machine;
  const notes = [
    options.quick && 'QUICK RUN, not for publishing',
    options.candidate && `CANDIDATE BUILD as "ours": ${Object.values(options.ours).join(', ')}`,
  ].filter(Boolean);
  console.log(
    `\nLogto SMS connectors benchmark — ${measuredOn.cpuModel}, ${measuredOn.nproc} CPUs, Node ${measuredOn.node}${notes.map((note) => ` — ${note}`).join('')}\n`
  );
  console.log(results.table);
  console.log(
    `\nload average (1/5/15 min) at start ${load(results.loadAverage.start)}, at end ${load(results.loadAverage.end)}; results: ${path.relative(repositoryRoot, resultsFile)}; took ${results.durationSeconds} s`
  );
};
