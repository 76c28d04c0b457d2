import type { UsageBucket, UsageBucketSize } from '../api/api-types';

export interface Series {
  label: string;
  values: number[];
}

export interface ChartData {
  labels: string[];
  starts: number[];
  series: Series[];
}

/** Every bucket start between from and to (local days or hours), so quiet periods show as zero. */
export function bucketStarts(from: number, to: number, size: UsageBucketSize, present: number[] = []): number[] {
  const step = size === 'hour' ? 3_600_000 : 86_400_000;
  const starts = new Set<number>(present);
  const first = new Date(from);
  if (size === 'day') first.setHours(0, 0, 0, 0);
  else first.setMinutes(0, 0, 0);
  // Cap the axis: a year of hours is not a chart.
  for (let at = first.getTime(), count = 0; at < to && count < 800; count++) {
    starts.add(at);
    if (size === 'day') {
      const next = new Date(at);
      next.setDate(next.getDate() + 1);
      at = next.getTime();
    } else at += step;
  }
  return [...starts].sort((a, b) => a - b);
}

/** The bucket a server start (UTC-aligned) falls in among local starts: the last start ≤ it. */
function slot(starts: number[], at: number): number {
  let index = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i] <= at) index = i;
  return index;
}

export function labelFor(start: number, size: UsageBucketSize): string {
  const date = new Date(start);
  return size === 'hour'
    ? date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** Sums a measure per bucket, one series per key (model or provider), biggest first. */
export function seriesBy(
  buckets: UsageBucket[],
  from: number,
  to: number,
  size: UsageBucketSize,
  key: (bucket: UsageBucket) => string,
  measure: (bucket: UsageBucket) => number,
  maxSeries = 8,
): ChartData {
  const starts = bucketStarts(from, to, size);
  const byKey = new Map<string, number[]>();
  for (const bucket of buckets) {
    const name = key(bucket);
    const values = byKey.get(name) ?? new Array<number>(starts.length).fill(0);
    values[slot(starts, bucket.start)] += measure(bucket);
    byKey.set(name, values);
  }
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  const sorted = [...byKey.entries()].sort((a, b) => total(b[1]) - total(a[1]));
  const kept = sorted.slice(0, maxSeries).map(([label, values]) => ({ label, values }));
  const rest = sorted.slice(maxSeries);
  if (rest.length) {
    kept.push({ label: `${rest.length} others`, values: starts.map((_, index) => rest.reduce((sum, [, values]) => sum + values[index], 0)) });
  }
  return { labels: starts.map((start) => labelFor(start, size)), starts, series: kept };
}

/** Requests and errors per bucket. */
export function requestsAndErrors(buckets: UsageBucket[], from: number, to: number, size: UsageBucketSize): ChartData {
  const starts = bucketStarts(from, to, size);
  const requests = new Array<number>(starts.length).fill(0);
  const errors = new Array<number>(starts.length).fill(0);
  for (const bucket of buckets) {
    const index = slot(starts, bucket.start);
    requests[index] += bucket.requests;
    errors[index] += bucket.errors;
  }
  return {
    labels: starts.map((start) => labelFor(start, size)),
    starts,
    series: [
      { label: 'Requests', values: requests },
      { label: 'Errors', values: errors },
    ],
  };
}

export type RangePreset = '24h' | '7d' | '30d' | '90d';

/** A preset as a time range and the bucket size that suits it. */
export function presetRange(preset: RangePreset, now: number): { from: number; to: number; bucket: UsageBucketSize } {
  const hours = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30, '90d': 24 * 90 }[preset];
  return { from: now - hours * 3_600_000, to: now, bucket: preset === '24h' ? 'hour' : 'day' };
}
