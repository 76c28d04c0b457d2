import { renderMarkdown, type BenchResults } from './markdown';

const results: BenchResults = {
  mode: 'quick',
  startedAt: '2026-11-24T08:00:00.000Z',
  durationSeconds: 60,
  machine: { cpuModel: 'Test CPU', logicalCpus: 2, memoryGigabytes: 24, os: 'Linux 6.1', node: 'v20.20.2' },
  scenarios: [
    {
      scenario: 'json c10',
      stream: false,
      concurrency: 10,
      targets: [
        { target: 'direct-openai', requests: 10, errors: 0, latencyMs: { p50: 1, p95: 2, p99: 3 }, requestsPerSecond: 1000, chunksPerSecond: 10000 },
        {
          target: 'router-openai',
          baseline: 'direct-openai',
          requests: 10,
          errors: 1,
          latencyMs: { p50: 1.5, p95: 2.5, p99: 3.25 },
          addedLatencyMs: { p50: 0.5, p95: 0.5, p99: -0.25 },
          requestsPerSecond: 800,
          chunksPerSecond: 8000,
          chunkThroughputOfDirect: 0.8,
          cpuMsPerRequest: 1.234,
          peakResidentMegabytes: 120.4,
        },
      ],
    },
  ],
  goals: [
    { goal: 'added latency p50 ≤ 1 ms at c10', measured: 'router-openai 0.50 ms', met: true },
    { goal: 'no memory growth over the soak', measured: 'not measured' },
    { goal: '1,000 open streams under 300 MB RSS', measured: '400 MB', met: false },
  ],
  notes: [],
};

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(results);

  it('names the machine', () => {
    expect(markdown).toContain('2 × Test CPU, 24 GB, Linux 6.1, Node v20.20.2');
  });

  it('writes one row per target with signed overheads and blanks where nothing applies', () => {
    expect(markdown).toContain(
      '| json c10 | router-openai | 9/10 | 1.50 / 2.50 / 3.25 | +0.50 / +0.50 / -0.25 | – | – | 800 | 8000 | 80% | 1.23 | 120 |',
    );
    expect(markdown).toContain('| json c10 | direct-openai | 10/10 | 1.00 / 2.00 / 3.00 | – | – | – | 1000 | 10000 | – | – | – |');
  });

  it('marks aims met, missed or unmeasured', () => {
    expect(markdown).toContain('| added latency p50 ≤ 1 ms at c10 | router-openai 0.50 ms | met |');
    expect(markdown).toContain('| 1,000 open streams under 300 MB RSS | 400 MB | **missed** |');
    expect(markdown).toContain('| no memory growth over the soak | not measured | – |');
  });
});
