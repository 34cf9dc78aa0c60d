/** Median and 95th percentile of timings (ms), as both benches report them. */
export interface Summary {
  median: number;
  p95: number;
  runs: number;
}

/** The value at quantile `q` (nearest rank) of samples sorted ascending. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summarise(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { median: round(percentile(s, 0.5)), p95: round(percentile(s, 0.95)), runs: s.length };
}
