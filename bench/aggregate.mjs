// The rounds of a row → the figures the report shows (medians, ratios, verdict). Pure.
import { median } from './harness/stats.mjs';
import { targets as targetRatios } from './plan.mjs';

const phaseMedians = (runs, phase) => {
  const pick = (field) => median(runs.map((run) => run[phase][field]));
  return {
    p50: pick('p50'),
    p99: pick('p99'),
    perSecond: pick('perSecond'),
    cpuPerSendMs: pick('cpuPerSendMs'),
    n: runs[0][phase].n,
  };
};

/** Median of each field over the rounds of a separate-process row. */
export const aggregateRounds = (runs) => ({
  rounds: runs.length,
  c1: phaseMedians(runs, 'c1'),
  c64: phaseMedians(runs, 'c64'),
  serverCpuPerSendMs: median(runs.map((run) => run.serverCpuPerSendMs)),
  raw: runs.map(({ c1, c64, serverCpuPerSendMs }) => ({ c1, c64, serverCpuPerSendMs })),
});

const sideMedians = (rounds, side) => ({
  perSecond: median(rounds.map((round) => round[side].perSecond)),
  cpuPerSendMs: median(rounds.map((round) => round[side].cpuPerSendMs)),
  p50: median(rounds.map((round) => round[side].p50)),
});

/**
 * One cross-process row from its rounds: the medians of each side, and the median of the per-round
 * ratios (each round's two processes ran next to each other, so their ratio shares the machine's
 * state; the ratio of the two medians is shown too).
 */
export const aggregateCross = (row, rounds) => {
  const ratios = rounds.map((round) => round.ours.perSecond / round.official.perSecond);
  const ours = sideMedians(rounds, 'ours');
  const official = sideMedians(rounds, 'official');
  const value = median(ratios);
  // Client CPU per send: what the connector costs its process, much less sensitive than sends/s to
  // how much of a core other load on the machine leaves the process.
  const cpuRatios = rounds.map((round) => round.ours.cpuPerSendMs / round.official.cpuPerSendMs);
  return {
    ...row,
    rounds: rounds.length,
    ours,
    official,
    ratioOfMedians: ours.perSecond / official.perSecond,
    ratios,
    cpuRatio: median(cpuRatios),
    value,
    pass: value >= targetRatios.throughputRatio,
    raw: rounds,
  };
};
