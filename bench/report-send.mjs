// The send blocks of the table (cross-process, separate rows, paired, connector CPU) and their
// target verdicts: one builder per row set, each → { rows, targets }. Pure.
import { variantById, variants } from './connectors.mjs';
import { cpuPair, headerRow, perSecond, ratio, us, versusSuffix } from './format.mjs';
import { kindLabel, officialVariantOf, overheadSubjects } from './plan.mjs';

const thresholdPass = (threshold, value) =>
  threshold.atMost === undefined ? value >= threshold.atLeast : value <= threshold.atMost;

const sendColumns = [
  'p50 c=1',
  'p99 c=1',
  'sends/s c=1',
  'sends/s c=64',
  'CPU/send: client · emulator',
];

const sendCells = (row) => [
  us(row.c1.p50),
  us(row.c1.p99),
  perSecond(row.c1.perSecond),
  perSecond(row.c64.perSecond),
  cpuPair(row.c64.cpuPerSendMs, row.serverCpuPerSendMs),
];

/** One side of a paired comparison: its p50 latency, or its throughput. */
const pairedCell = (side, latency) => (latency ? `${us(side.p50)} p50` : perSecond(side.perSecond));

const crossRow = (row) => [
  `${variantById[row.variant].label} · c=64 throughput, HTTPS${versusSuffix(row.variant, row.officialVariant, variantById)}`,
  perSecond(row.official.perSecond),
  perSecond(row.ours.perSecond),
  ratio(row.value),
  cpuPair(row.official.cpuPerSendMs, row.ours.cpuPerSendMs),
  ratio(row.ratioOfMedians),
  `${ratio(Math.min(...row.ratios))} – ${ratio(Math.max(...row.ratios))}`,
];

const crossVerdict = (row) => ({
  target: row.target,
  measured: `${ratio(row.value)} (median of ${row.rounds} round ratios; ${perSecond(row.ours.perSecond)} vs ${perSecond(row.official.perSecond)}, cross-process; client CPU/send ${ratio(row.cpuRatio)})`,
  value: row.value,
  pass: row.pass,
});

export const crossBlock = ({ cross }) => {
  if (!cross?.length) {
    return;
  }
  const header = headerRow([
    `Cross-process · official and ours alternate, each in its own process, one HTTPS emulator, ${cross[0].rounds} rounds (the throughput targets use these)`,
    'official sends/s c=64',
    'ours sends/s c=64',
    'ours ÷ official (median of round ratios)',
    'CPU/send: official · ours',
    'ratio of medians',
    'round ratios (min – max)',
  ]);
  return {
    rows: [header, ...cross.map((row) => crossRow(row))],
    targets: cross.map((row) => crossVerdict(row)),
  };
};

/** The rows of one transport: per variant, the given kinds that ran, each against its reference. */
const transportRows = ({ sends, transport, kinds, reference }) =>
  variants.flatMap((variant) => {
    const against = reference(variant);
    return kinds.flatMap((kind) => {
      const row = sends[`${transport}/${variant.id}/${kind}`];
      if (!row) {
        return [];
      }
      const vs =
        kind === against.kind || !against.row
          ? 'reference'
          : `${ratio(row.c1.p50 / against.row.c1.p50)} · ${ratio(row.c64.perSecond / against.row.c64.perSecond)}${against.suffix}`;
      return [[`${variant.label} · ${kindLabel[kind]}`, ...sendCells(row), vs]];
    });
  });

export const separateBlock = ({ sends }) => {
  if (!sends) {
    return;
  }
  const http = transportRows({
    sends,
    transport: 'http',
    kinds: ['floor-http', 'floor-got', 'ours'],
    reference: (variant) => ({
      kind: 'floor-got',
      row: sends[`http/${variant.id}/floor-got`],
      suffix: '',
    }),
  });
  const https = transportRows({
    sends,
    transport: 'https',
    kinds: ['floor-http', 'floor-got', 'official', 'ours'],
    reference(variant) {
      const officialVariant = officialVariantOf(variant.id);
      return {
        kind: 'official',
        row: sends[`https/${officialVariant}/official`],
        suffix: versusSuffix(variant.id, officialVariant, variantById),
      };
    },
  });
  const rows = [
    headerRow([
      'Send · HTTP straight to the emulator',
      ...sendColumns,
      'vs bare-got floor: p50 c=1 · sends/s c=64',
    ]),
    ...http,
    headerRow([
      'Send · HTTPS via the TLS front (provider hostnames routed)',
      ...sendColumns,
      'vs official: p50 c=1 · sends/s c=64',
    ]),
    ...https,
  ];
  return { rows, targets: [] };
};

const pairedRow = (pair) => {
  const latency = pair.mode === 'latency';
  return [
    `${variantById[pair.variant].label} · ${latency ? 'c=1 latency, HTTP' : 'c=64 throughput, HTTPS'}`,
    pairedCell(pair.a, latency),
    pairedCell(pair.b, latency),
    ratio(pair.value),
    cpuPair(pair.a.cpuPerSendMs, pair.b.cpuPerSendMs),
    '',
    `${pair.a.label} · ${pair.b.label}`,
  ];
};

const pairedVerdict = (pair) => {
  const latency = pair.mode === 'latency';
  return {
    target: pair.target,
    measured: `${ratio(pair.value)} (${pairedCell(pair.b, latency)} vs ${pairedCell(pair.a, latency)}, paired)`,
    value: pair.value,
    pass: thresholdPass(pair.threshold, pair.value),
  };
};

export const pairedBlock = ({ paired }) => {
  if (!paired?.length) {
    return;
  }
  const header = headerRow([
    'Paired · A and B alternate in blocks in ONE process (diagnostic: see bench/README.md)',
    'A',
    'B',
    'B ÷ A',
    'CPU/send: A · B',
    '',
    'A · B',
  ]);
  return {
    rows: [header, ...paired.map((pair) => pairedRow(pair))],
    targets: paired.filter((pair) => pair.threshold).map((pair) => pairedVerdict(pair)),
  };
};

const overheadVersus = (overhead, subject, row) => {
  if (subject.implementation === 'official') {
    return 'reference';
  }
  const officialVariant = officialVariantOf(subject.variant);
  const reference = overhead[`official/${officialVariant}`];
  return reference
    ? `${ratio(row.cpuPerSendMs / reference.cpuPerSendMs)}${versusSuffix(subject.variant, officialVariant, variantById)}`
    : 'no official row (needs @logto/shared)';
};

export const overheadBlock = ({ overhead }) => {
  if (!overhead) {
    return;
  }
  const header = headerRow([
    'Connector CPU per send · got replaced by an in-memory stub (no I/O), sequential',
    'CPU/send',
    'wall/send',
    '',
    '',
    '',
    'vs official: CPU/send',
  ]);
  const rows = overheadSubjects().map((subject) => {
    const row = overhead[subject.key];
    return [
      `${variantById[subject.variant].label} · ${subject.implementation}`,
      us(row.cpuPerSendMs),
      us(row.wallPerSendMs),
      '',
      '',
      '',
      overheadVersus(overhead, subject, row),
    ];
  });
  return { rows: [header, ...rows], targets: [] };
};
