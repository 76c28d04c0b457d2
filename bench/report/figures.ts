import type { RequestSample } from '../load/send-request';
import { ratio, subtractPercentiles } from '../statistics/overhead';
import { type PercentileSummary, summarizePercentiles } from '../statistics/percentile';

/** Everything one target did in one scenario, warm-up excluded, rounds pooled. */
export interface TargetMeasurement {
  target: string;
  baselineName?: string;
  samples: RequestSample[];
  /** Sum of the wall time of its measured batches. */
  wallMs: number;
  /** CPU time of the gateway process during its batches (absent for the direct targets). */
  cpuMs?: number;
  peakResidentBytes?: number;
}

/** The published figures of one target in one scenario. */
export interface TargetFigures {
  target: string;
  baseline?: string;
  requests: number;
  errors: number;
  firstError?: string;
  latencyMs?: PercentileSummary;
  firstTokenMs?: PercentileSummary;
  /** latency − baseline latency, percentile by percentile. */
  addedLatencyMs?: PercentileSummary;
  firstTokenOverheadMs?: PercentileSummary;
  requestsPerSecond: number;
  chunksPerSecond: number;
  /** chunksPerSecond / baseline chunksPerSecond. */
  chunkThroughputOfDirect?: number;
  cpuMsPerRequest?: number;
  peakResidentMegabytes?: number;
}

const megabyte = 1024 * 1024;

/**
 * Turns raw measurements into figures. Latency percentiles count successful requests only (an
 * error is not a fast answer); errors are reported beside them. Throughput counts only what
 * arrived whole.
 */
export function computeFigures(measurements: readonly TargetMeasurement[]): TargetFigures[] {
  const base = measurements.map((measurement) => {
    const succeeded = measurement.samples.filter((sample) => sample.ok);
    const seconds = measurement.wallMs / 1000;
    const firstTokens = succeeded.flatMap((sample) => (sample.firstTokenMs === undefined ? [] : [sample.firstTokenMs]));
    const failed = measurement.samples.find((sample) => !sample.ok);
    const figures: TargetFigures = {
      target: measurement.target,
      ...(measurement.baselineName ? { baseline: measurement.baselineName } : {}),
      requests: measurement.samples.length,
      errors: measurement.samples.length - succeeded.length,
      ...(failed?.error ? { firstError: failed.error } : {}),
      latencyMs: summarizePercentiles(succeeded.map((sample) => sample.latencyMs)),
      firstTokenMs: summarizePercentiles(firstTokens),
      requestsPerSecond: seconds > 0 ? succeeded.length / seconds : 0,
      chunksPerSecond: seconds > 0 ? succeeded.reduce((sum, sample) => sum + sample.chunks, 0) / seconds : 0,
      ...(measurement.cpuMs !== undefined && measurement.samples.length > 0
        ? { cpuMsPerRequest: measurement.cpuMs / measurement.samples.length }
        : {}),
      ...(measurement.peakResidentBytes !== undefined ? { peakResidentMegabytes: measurement.peakResidentBytes / megabyte } : {}),
    };
    return figures;
  });
  return base.map((figures) => {
    const baseline = base.find((candidate) => candidate.target === figures.baseline);
    if (!baseline) return figures;
    return {
      ...figures,
      addedLatencyMs: subtractPercentiles(figures.latencyMs, baseline.latencyMs),
      firstTokenOverheadMs: subtractPercentiles(figures.firstTokenMs, baseline.firstTokenMs),
      chunkThroughputOfDirect: ratio(figures.chunksPerSecond, baseline.chunksPerSecond),
    };
  });
}
