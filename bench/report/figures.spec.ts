import type { RequestSample } from '../load/send-request';
import { computeFigures } from './figures';

const sample = (latencyMs: number, firstTokenMs?: number, chunks = 10, ok = true): RequestSample => ({
  ok,
  latencyMs,
  firstTokenMs,
  chunks,
  ...(ok ? {} : { error: 'HTTP 502' }),
});

describe('computeFigures', () => {
  const direct = { target: 'direct', samples: [1, 2, 3, 4].map((ms) => sample(ms, ms / 2)), wallMs: 1000 };
  const gateway = {
    target: 'gateway',
    baselineName: 'direct',
    samples: [...[2, 3, 4, 5].map((ms) => sample(ms, ms / 2 + 1)), sample(0.1, undefined, 0, false)],
    wallMs: 2000,
    cpuMs: 50,
    peakResidentBytes: 150 * 1024 * 1024,
  };

  it('subtracts the baseline of the same scenario, percentile by percentile', () => {
    const [, figures] = computeFigures([direct, gateway]);
    expect(figures.addedLatencyMs).toEqual({ p50: 1, p95: 1, p99: 1 });
    expect(figures.firstTokenOverheadMs).toEqual({ p50: 1.5, p95: 1.5, p99: 1.5 });
  });

  it('leaves failed requests out of latency and throughput but counts them', () => {
    const [, figures] = computeFigures([direct, gateway]);
    expect(figures.requests).toBe(5);
    expect(figures.errors).toBe(1);
    expect(figures.firstError).toBe('HTTP 502');
    expect(figures.latencyMs?.p50).toBe(3);
    expect(figures.requestsPerSecond).toBe(2);
    expect(figures.chunksPerSecond).toBe(20);
  });

  it('computes throughput against direct, CPU per request and RSS in MB', () => {
    const [directFigures, figures] = computeFigures([direct, gateway]);
    expect(directFigures.chunksPerSecond).toBe(40);
    expect(figures.chunkThroughputOfDirect).toBe(0.5);
    expect(figures.cpuMsPerRequest).toBe(10);
    expect(figures.peakResidentMegabytes).toBe(150);
    expect(directFigures.addedLatencyMs).toBeUndefined();
  });
});
