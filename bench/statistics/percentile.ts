/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted samples is the
 * sample at rank ceil(p/100 × n) (1-based). It always returns a value that was observed, never
 * an interpolation between two, so a tail figure is a latency some request really had (the p99
 * of 100 samples is the 99th, p100 the maximum). Undefined for no samples.
 */
export function percentile(sortedAscending: readonly number[], percent: number): number | undefined {
  if (sortedAscending.length === 0) return undefined;
  if (percent <= 0) return sortedAscending[0];
  if (percent >= 100) return sortedAscending[sortedAscending.length - 1];
  const rank = Math.ceil((percent / 100) * sortedAscending.length);
  return sortedAscending[rank - 1];
}

/** A copy sorted ascending; numeric, unlike `Array.prototype.sort`'s default string order. */
export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((left, right) => left - right);
}

export interface PercentileSummary {
  p50: number;
  p95: number;
  p99: number;
}

/** p50/p95/p99 of unsorted samples, or undefined when there are none. */
export function summarizePercentiles(values: readonly number[]): PercentileSummary | undefined {
  if (values.length === 0) return undefined;
  const sorted = sortedAscending(values);
  return {
    p50: percentile(sorted, 50) as number,
    p95: percentile(sorted, 95) as number,
    p99: percentile(sorted, 99) as number,
  };
}
