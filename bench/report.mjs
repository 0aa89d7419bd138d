// Turns measured figures into the table `pnpm bench` prints and the target verdicts. Pure: no I/O.
import { connectors, variantById, variants } from './connectors.mjs';
import { median } from './harness/stats.mjs';
import {
  kindLabel,
  officialVariantOf,
  overheadSubjects,
  targets as targetRatios,
} from './plan.mjs';

const us = (ms) => `${Math.round(ms * 1000)} µs`;
export const perSecond = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const ratio = (value) => `${value.toFixed(2)}×`;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
export { us };

/** Median of each field over the rounds of a separate-process row. */
export const aggregateRounds = (runs) => {
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

/**
 * One cross-process row from its rounds: the medians of each side, and the median of the per-round
 * ratios (each round's two processes ran next to each other, so their ratio shares the machine's
 * state; the ratio of the two medians is shown too).
 */
export const aggregateCross = (row, rounds) => {
  const ratios = rounds.map((round) => round.ours.perSecond / round.official.perSecond);
  const ours = median(rounds.map((round) => round.ours.perSecond));
  const official = median(rounds.map((round) => round.official.perSecond));
  const value = median(ratios);
  // Client CPU per send: what the connector costs its process, much less sensitive than sends/s to
  // how much of a core other load on the machine leaves the process.
  const cpuRatios = rounds.map((round) => round.ours.cpuPerSendMs / round.official.cpuPerSendMs);
  return {
    ...row,
    rounds: rounds.length,
    ours: {
      perSecond: ours,
      cpuPerSendMs: median(rounds.map((round) => round.ours.cpuPerSendMs)),
      p50: median(rounds.map((round) => round.ours.p50)),
    },
    official: {
      perSecond: official,
      cpuPerSendMs: median(rounds.map((round) => round.official.cpuPerSendMs)),
      p50: median(rounds.map((round) => round.official.p50)),
    },
    ratioOfMedians: ours / official,
    ratios,
    cpuRatio: median(cpuRatios),
    value,
    pass: value >= targetRatios.throughputRatio,
    raw: rounds,
  };
};

const thresholdPass = (threshold, value) =>
  threshold.atMost === undefined ? value >= threshold.atLeast : value <= threshold.atMost;

const sendCells = (row) => [
  us(row.c1.p50),
  us(row.c1.p99),
  perSecond(row.c1.perSecond),
  perSecond(row.c64.perSecond),
  `${Math.round(row.c64.cpuPerSendMs * 1000)} · ${Math.round(row.serverCpuPerSendMs * 1000)} µs`,
];

/** One side of a paired comparison: its p50 latency, or its throughput. */
const pairedCell = (side, latency) => (latency ? `${us(side.p50)} p50` : perSecond(side.perSecond));

export const buildReport = ({ sends, cold, sizes, overhead, paired, cross, options }) => {
  const rows = [];
  const targets = [];
  const header = (cells) =>
    rows.push(cells.map((cell, index) => (index === 0 ? `**${cell}**` : cell ? `*${cell}*` : '')));
  const sendColumns = [
    'p50 c=1',
    'p99 c=1',
    'sends/s c=1',
    'sends/s c=64',
    'CPU/send: client · emulator',
  ];

  if (cross?.length) {
    header([
      `Cross-process · official and ours alternate, each in its own process, one HTTPS emulator, ${cross[0].rounds} rounds (the throughput targets use these)`,
      'official sends/s c=64',
      'ours sends/s c=64',
      'ours ÷ official (median of round ratios)',
      'CPU/send: official · ours',
      'ratio of medians',
      'round ratios (min – max)',
    ]);
    for (const row of cross) {
      const variant = variantById[row.variant];
      rows.push([
        `${variant.label} · c=64 throughput, HTTPS${row.officialVariant === row.variant ? '' : ` (vs official ${variantById[row.officialVariant].label})`}`,
        perSecond(row.official.perSecond),
        perSecond(row.ours.perSecond),
        ratio(row.value),
        `${Math.round(row.official.cpuPerSendMs * 1000)} · ${Math.round(row.ours.cpuPerSendMs * 1000)} µs`,
        ratio(row.ratioOfMedians),
        `${ratio(Math.min(...row.ratios))} – ${ratio(Math.max(...row.ratios))}`,
      ]);
      targets.push({
        target: row.target,
        measured: `${ratio(row.value)} (median of ${row.rounds} round ratios; ${perSecond(row.ours.perSecond)} vs ${perSecond(row.official.perSecond)}, cross-process; client CPU/send ${ratio(row.cpuRatio)})`,
        value: row.value,
        pass: row.pass,
      });
    }
  }

  if (sends) {
    const get = (transport, variant, kind) => sends[`${transport}/${variant}/${kind}`];
    header([
      'Send · HTTP straight to the emulator',
      ...sendColumns,
      'vs bare-got floor: p50 c=1 · sends/s c=64',
    ]);
    for (const variant of variants) {
      const floor = get('http', variant.id, 'floor-got');
      for (const kind of ['floor-http', 'floor-got', 'ours']) {
        const row = get('http', variant.id, kind);
        if (!row) {
          continue;
        }
        const vs =
          kind === 'floor-got' || !floor
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
    for (const variant of variants) {
      const officialVariant = officialVariantOf(variant.id);
      const reference = get('https', officialVariant, 'official');
      const suffix =
        officialVariant === variant.id
          ? ''
          : ` (vs official ${variantById[officialVariant].label})`;
      for (const kind of ['floor-http', 'floor-got', 'official', 'ours']) {
        const row = get('https', variant.id, kind);
        if (!row) {
          continue;
        }
        const vs =
          kind === 'official' || !reference
            ? 'reference'
            : `${ratio(row.c1.p50 / reference.c1.p50)} · ${ratio(row.c64.perSecond / reference.c64.perSecond)}${suffix}`;
        rows.push([`${variant.label} · ${kindLabel[kind]}`, ...sendCells(row), vs]);
      }
    }
  }

  if (paired?.length) {
    header([
      'Paired · A and B alternate in blocks in ONE process (diagnostic: see bench/README.md)',
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
      rows.push([
        `${variant.label} · ${latency ? 'c=1 latency, HTTP' : 'c=64 throughput, HTTPS'}`,
        pairedCell(pair.a, latency),
        pairedCell(pair.b, latency),
        ratio(pair.value),
        `${Math.round(pair.a.cpuPerSendMs * 1000)} · ${Math.round(pair.b.cpuPerSendMs * 1000)} µs`,
        '',
        `${pair.a.label} · ${pair.b.label}`,
      ]);
      if (pair.threshold) {
        targets.push({
          target: pair.target,
          measured: `${ratio(pair.value)} (${pairedCell(pair.b, latency)} vs ${pairedCell(pair.a, latency)}, paired)`,
          value: pair.value,
          pass: thresholdPass(pair.threshold, pair.value),
        });
      }
    }
  }

  if (overhead) {
    header([
      'Connector CPU per send · got replaced by an in-memory stub (no I/O), sequential',
      'CPU/send',
      'wall/send',
      '',
      '',
      '',
      'vs official: CPU/send',
    ]);
    for (const subject of overheadSubjects()) {
      const row = overhead[subject.key];
      const variant = variantById[subject.variant];
      const officialVariant = officialVariantOf(subject.variant);
      const reference = overhead[`official/${officialVariant}`];
      const vs =
        subject.implementation === 'official'
          ? 'reference'
          : reference
            ? `${ratio(row.cpuPerSendMs / reference.cpuPerSendMs)}${officialVariant === subject.variant ? '' : ` (vs official ${variantById[officialVariant].label})`}`
            : 'no official row (needs @logto/shared)';
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
  }

  if (cold) {
    header([
      `Cold load · fresh node, @logto/cli loadConnectorFactories, median of ${options.coldLoadSamples}`,
      'load, in process',
      'process wall time',
      'loader import',
      'load CPU',
      'load + first send CPU (got stubbed)',
      'vs official: load · wall · load + first send CPU',
    ]);
    const base = cold.baseline;
    rows.push([
      'baseline: the loader with no connector',
      `${base.loadMs.toFixed(1)} ms`,
      `${base.wallMs.toFixed(0)} ms`,
      `${base.loaderImportMs.toFixed(0)} ms`,
      `${base.loadCpuMs.toFixed(1)} ms`,
      '',
      '',
    ]);
    for (const { provider, name } of connectors) {
      const reference = cold[`official/${provider}`];
      const referenceFirst = cold[`first-send/official/${provider}`];
      for (const implementation of ['official', 'ours']) {
        const row = cold[`${implementation}/${provider}`];
        if (!row) {
          continue;
        }
        const first = cold[`first-send/${implementation}/${provider}`];
        const vs =
          implementation === 'official'
            ? 'reference'
            : reference
              ? `${ratio(row.loadMs / reference.loadMs)} · ${ratio(row.wallMs / reference.wallMs)} · ${
                  first && referenceFirst
                    ? ratio(first.loadAndFirstSendCpuMs / referenceFirst.loadAndFirstSendCpuMs)
                    : '—'
                }`
              : 'no official row (needs @logto/shared)';
        rows.push([
          `${name} · ${implementation}`,
          `${row.loadMs.toFixed(1)} ms`,
          `${row.wallMs.toFixed(0)} ms`,
          `${row.loaderImportMs.toFixed(0)} ms`,
          `${row.loadCpuMs.toFixed(1)} ms`,
          first
            ? `${first.loadAndFirstSendCpuMs.toFixed(1)} ms (send ${first.firstSendCpuMs.toFixed(1)} ms)`
            : '',
          vs,
        ]);
      }
      const mine = cold[`ours/${provider}`];
      // The official connector cannot load in the Logto-like host (connectors.mjs): no target.
      if (!reference) {
        continue;
      }
      const load = mine.loadMs / reference.loadMs;
      const wall = mine.wallMs / reference.wallMs;
      targets.push({
        target: `${name}: cold load ≤ ${targetRatios.coldLoadRatio.toFixed(2)}× the official connector's (in process and wall, medians of ${options.coldLoadSamples} rotating rounds)`,
        measured: `load ${mine.loadMs.toFixed(1)} vs ${reference.loadMs.toFixed(1)} ms (${ratio(load)}); wall ${mine.wallMs.toFixed(0)} vs ${reference.wallMs.toFixed(0)} ms (${ratio(wall)})`,
        value: Math.max(load, wall),
        pass: load <= targetRatios.coldLoadRatio && wall <= targetRatios.coldLoadRatio,
      });
      // Ours loads the send flow and the number plan on the first send, the official connector
      // everything at start-up: this verdict counts both, libphonenumber included.
      const mineFirst = cold[`first-send/ours/${provider}`];
      if (mineFirst && referenceFirst) {
        const both = mineFirst.loadAndFirstSendCpuMs / referenceFirst.loadAndFirstSendCpuMs;
        targets.push({
          target: `${name}: cold load + first send ≤ ${targetRatios.coldLoadRatio.toFixed(2)}× the official connector's (CPU in process, got stubbed, medians of ${options.coldLoadSamples})`,
          measured: `${mineFirst.loadAndFirstSendCpuMs.toFixed(1)} vs ${referenceFirst.loadAndFirstSendCpuMs.toFixed(1)} ms (${ratio(both)})`,
          value: both,
          pass: both <= targetRatios.coldLoadRatio,
        });
      }
    }
  }

  if (sizes) {
    header([
      'Size · npm pack',
      'tarball',
      'unpacked',
      'files',
      'version',
      '',
      'vs official: tarball · unpacked',
    ]);
    for (const { provider } of connectors) {
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
  }

  header(['Targets (reported, not enforced)', 'result', '', '', '', '', 'measured']);
  for (const target of targets) {
    rows.push([target.target, target.pass ? 'PASS' : 'MISS', '', '', '', '', target.measured]);
  }

  return { rows, targets };
};

export const renderTable = (rows) => {
  const widths = rows[0].map((_header, column) =>
    Math.max(...rows.map((row) => String(row[column]).length))
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  const separator = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(rows[0]), separator, ...rows.slice(1).map((cells) => line(cells))].join('\n');
};
