import { percentile, sortedAscending } from '../statistics/percentile';

/** One measured window of one gateway process, tracing on or off. */
export interface TracingWindow {
  tracing: 'off' | 'on';
  requests: number;
  failed: number;
  cpuMilliseconds: number;
  latenciesMs: number[];
}

export interface TracingModeSummary {
  rounds: number;
  requests: number;
  failed: number;
  /** Median over rounds of CPU per request, ms. */
  cpuPerRequestMs: number;
  /** Lowest and highest round, ms: how far the rounds disagree. */
  cpuPerRequestRangeMs: [number, number];
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export interface TracingCostSummary {
  off: TracingModeSummary;
  on: TracingModeSummary;
  /** on − off, CPU per request, ms (medians of rounds). */
  addedCpuPerRequestMs: number;
  /** on ÷ off − 1, as a percentage. */
  addedCpuPercent: number;
  addedLatencyP50Ms: number;
}

/**
 * Tracing's cost from interleaved windows (off, on, on, off, …): each mode's CPU per request is
 * the median of its rounds, so a slow drift of the shared machine weighs on both modes alike
 * and one disturbed round does not decide the figure. Latencies are pooled over the rounds.
 */
export function summarizeTracingCost(windows: readonly TracingWindow[]): TracingCostSummary {
  const off = summarizeMode(windows.filter((window) => window.tracing === 'off'), 'off');
  const on = summarizeMode(windows.filter((window) => window.tracing === 'on'), 'on');
  return {
    off,
    on,
    addedCpuPerRequestMs: on.cpuPerRequestMs - off.cpuPerRequestMs,
    addedCpuPercent: (on.cpuPerRequestMs / off.cpuPerRequestMs - 1) * 100,
    addedLatencyP50Ms: on.latencyP50Ms - off.latencyP50Ms,
  };
}

function summarizeMode(windows: readonly TracingWindow[], mode: 'off' | 'on'): TracingModeSummary {
  const measured = windows.filter((window) => window.requests > 0);
  if (measured.length === 0) throw new Error(`no measured window with tracing ${mode}`);
  const perRequest = sortedAscending(measured.map((window) => window.cpuMilliseconds / window.requests));
  const latencies = sortedAscending(measured.flatMap((window) => window.latenciesMs));
  return {
    rounds: measured.length,
    requests: sum(measured.map((window) => window.requests)),
    failed: sum(measured.map((window) => window.failed)),
    cpuPerRequestMs: median(perRequest),
    cpuPerRequestRangeMs: [perRequest[0]!, perRequest[perRequest.length - 1]!],
    latencyP50Ms: percentile(latencies, 50) ?? Number.NaN,
    latencyP99Ms: percentile(latencies, 99) ?? Number.NaN,
  };
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The lines bench/tracing-cost.ts prints, ready for the README. */
export function formatTracingCost(summary: TracingCostSummary, scenario: string): string[] {
  const row = (name: string, mode: TracingModeSummary) =>
    `| ${name} | ${mode.cpuPerRequestMs.toFixed(3)} (${mode.cpuPerRequestRangeMs[0].toFixed(3)}–${mode.cpuPerRequestRangeMs[1].toFixed(3)}) | ${mode.latencyP50Ms.toFixed(2)} | ${mode.latencyP99Ms.toFixed(2)} | ${mode.requests} (${mode.failed} failed) |`;
  return [
    `Tracing cost, ${scenario}: ${summary.off.rounds} rounds per mode, interleaved`,
    '',
    '| tracing | CPU per request, ms (range of rounds) | latency p50, ms | p99, ms | requests |',
    '|---|---|---|---|---|',
    row('off', summary.off),
    row('on (OTLP/HTTP to a local sink)', summary.on),
    '',
    `added by tracing: ${summary.addedCpuPerRequestMs >= 0 ? '+' : ''}${summary.addedCpuPerRequestMs.toFixed(3)} ms CPU per request (${summary.addedCpuPercent >= 0 ? '+' : ''}${summary.addedCpuPercent.toFixed(1)} %), p50 ${summary.addedLatencyP50Ms >= 0 ? '+' : ''}${summary.addedLatencyP50Ms.toFixed(2)} ms`,
  ];
}
