/** One reading of a value over time (seconds since the start of the measurement). */
export interface TimedValue {
  seconds: number;
  value: number;
}

/**
 * Least-squares slope of value over time, in value units per second. A soak's memory verdict
 * rests on the trend of all samples, not on two end points that a single GC can move.
 * Undefined with fewer than two distinct instants.
 */
export function leastSquaresSlope(points: readonly TimedValue[]): number | undefined {
  if (points.length < 2) return undefined;
  const meanSeconds = points.reduce((sum, point) => sum + point.seconds, 0) / points.length;
  const meanValue = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.seconds - meanSeconds) * (point.value - meanValue);
    variance += (point.seconds - meanSeconds) ** 2;
  }
  return variance === 0 ? undefined : covariance / variance;
}

/** The median of the values, or undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
