import { formatTracingCost, summarizeTracingCost, type TracingWindow } from './tracing-cost';

const window = (tracing: 'off' | 'on', requests: number, cpuMilliseconds: number, latenciesMs: number[] = [1, 2, 3], failed = 0): TracingWindow => ({
  tracing,
  requests,
  failed,
  cpuMilliseconds,
  latenciesMs,
});

describe('summarizeTracingCost', () => {
  it('takes the median round per mode, so one disturbed round does not decide the figure', () => {
    const summary = summarizeTracingCost([
      window('off', 1000, 2000),
      window('on', 1000, 2500),
      window('on', 1000, 9000), // a round the machine was busy elsewhere
      window('off', 1000, 2100),
      window('off', 1000, 1900),
      window('on', 1000, 2400),
    ]);
    expect(summary.off.cpuPerRequestMs).toBeCloseTo(2.0);
    expect(summary.on.cpuPerRequestMs).toBeCloseTo(2.5);
    expect(summary.on.cpuPerRequestRangeMs).toEqual([2.4, 9]);
    expect(summary.addedCpuPerRequestMs).toBeCloseTo(0.5);
    expect(summary.addedCpuPercent).toBeCloseTo(25);
    expect(summary.off.requests).toBe(3000);
  });

  it('averages the two middle rounds of an even count and pools latencies over rounds', () => {
    const summary = summarizeTracingCost([
      window('off', 100, 100, [10, 20]),
      window('off', 100, 300, [30, 40]),
      window('on', 100, 200, [50]),
    ]);
    expect(summary.off.cpuPerRequestMs).toBeCloseTo(2);
    expect(summary.off.latencyP50Ms).toBe(20);
    expect(summary.off.latencyP99Ms).toBe(40);
    expect(summary.addedLatencyP50Ms).toBe(30);
  });

  it('refuses to summarise a mode that was never measured', () => {
    expect(() => summarizeTracingCost([window('off', 100, 100)])).toThrow('tracing on');
    expect(() => summarizeTracingCost([window('off', 0, 0), window('on', 10, 10)])).toThrow('tracing off');
  });

  it('prints a README-ready table with signs and failures', () => {
    const lines = formatTracingCost(summarizeTracingCost([window('off', 10, 30, [1], 1), window('on', 10, 20, [1])]), 'proxy-qwen streaming c10');
    expect(lines[0]).toBe('Tracing cost, proxy-qwen streaming c10: 1 rounds per mode, interleaved');
    expect(lines).toContain('| off | 3.000 (3.000–3.000) | 1.00 | 1.00 | 10 (1 failed) |');
    expect(lines[lines.length - 1]).toBe('added by tracing: -1.000 ms CPU per request (-33.3 %), p50 +0.00 ms');
  });
});
