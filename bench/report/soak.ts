import { leastSquaresSlope, median, type TimedValue } from '../statistics/linear-trend';

export interface SoakFigures {
  durationSeconds: number;
  requests: number;
  errors: number;
  /** Median RSS over the first tenth of the measured part (after the warm-up quarter), MB. */
  startResidentMegabytes: number;
  /** Median RSS over the last tenth, MB. */
  endResidentMegabytes: number;
  growthMegabytes: number;
  /** Least-squares trend of RSS over the measured part, MB per minute. */
  trendMegabytesPerMinute: number;
  peakResidentMegabytes: number;
}

const megabyte = 1024 * 1024;

/**
 * Memory verdict of a soak from RSS readings (bytes over seconds). The first quarter is warm-up
 * (heap sizing, JIT, connection pools fill); growth is judged on the rest, by medians of its two
 * ends and by the trend of all its readings, so one collection does not decide it.
 */
export function summarizeSoak(
  readings: readonly TimedValue[],
  totals: { durationSeconds: number; requests: number; errors: number },
): SoakFigures {
  const measured = readings.slice(Math.floor(readings.length / 4));
  const tenth = Math.max(1, Math.floor(measured.length / 10));
  const toMegabytes = (bytes: number) => bytes / megabyte;
  const start = median(measured.slice(0, tenth).map((reading) => reading.value)) ?? 0;
  const end = median(measured.slice(-tenth).map((reading) => reading.value)) ?? 0;
  const slopePerSecond = leastSquaresSlope(measured) ?? 0;
  return {
    ...totals,
    startResidentMegabytes: toMegabytes(start),
    endResidentMegabytes: toMegabytes(end),
    growthMegabytes: toMegabytes(end - start),
    trendMegabytesPerMinute: toMegabytes(slopePerSecond * 60),
    peakResidentMegabytes: toMegabytes(Math.max(0, ...readings.map((reading) => reading.value))),
  };
}
