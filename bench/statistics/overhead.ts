import type { PercentileSummary } from './percentile';

/**
 * What a gateway adds: its percentile minus the direct percentile of the same scenario in the
 * same run. Percentiles are subtracted rank by rank (p50 − p50, …) because proxied and direct
 * requests are not paired one to one; a negative value means the difference is below the noise
 * and is kept as measured rather than clipped, so readers can see the noise.
 */
export function subtractPercentiles(
  measured: PercentileSummary | undefined,
  baseline: PercentileSummary | undefined,
): PercentileSummary | undefined {
  if (!measured || !baseline) return undefined;
  return {
    p50: measured.p50 - baseline.p50,
    p95: measured.p95 - baseline.p95,
    p99: measured.p99 - baseline.p99,
  };
}

/** measured / baseline as a fraction, or undefined when the baseline is zero or missing. */
export function ratio(measured: number | undefined, baseline: number | undefined): number | undefined {
  if (measured === undefined || baseline === undefined || baseline === 0) return undefined;
  return measured / baseline;
}
