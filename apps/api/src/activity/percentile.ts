/**
 * The nearest-rank percentile of values sorted ascending (null for no values): the smallest
 * value with at least p% of the values at or below it.
 */
export function percentile(sortedValues: readonly number[], p: number): number | null {
  if (sortedValues.length === 0) return null;
  const rank = Math.ceil((p / 100) * sortedValues.length);
  return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1]!;
}
