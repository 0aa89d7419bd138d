// Order statistics for latency samples. Percentiles use the nearest-rank method on a sorted copy.

export const percentile = (sorted, percent) => {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
};

export const median = (values) => {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Summary of one timed run: latencies in milliseconds, elapsed wall time in milliseconds. */
export const summarize = (latencies, elapsedMs) => {
  const sorted = Float64Array.from(latencies).sort();
  return {
    n: sorted.length,
    p50: median(sorted),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    elapsedMs,
    perSecond: (sorted.length / elapsedMs) * 1000,
  };
};
