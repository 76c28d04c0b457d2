import type { TargetFigures } from './figures';
import { evaluateGoals, type ScenarioFigures } from './goals';
import type { SoakFigures } from './soak';

const percentiles = (p50: number, p99 = p50) => ({ p50, p95: p99, p99, mean: p50, count: 10 });

function target(name: string, figures: Partial<TargetFigures>): TargetFigures {
  return { target: name, requests: 10, errors: 0, requestsPerSecond: 100, chunksPerSecond: 1000, ...figures };
}

function scenario(name: string, targets: TargetFigures[]): ScenarioFigures {
  return { scenario: name, stream: name.startsWith('stream') || name.startsWith('open'), concurrency: 10, targets };
}

function soak(figures: Partial<SoakFigures>): SoakFigures {
  return {
    durationSeconds: 120,
    requests: 1000,
    errors: 0,
    startResidentMegabytes: 200,
    endResidentMegabytes: 200,
    growthMegabytes: 0,
    trendMegabytesPerMinute: 0,
    peakResidentMegabytes: 210,
    ...figures,
  };
}

const verdictOf = (verdicts: ReturnType<typeof evaluateGoals>, goalStart: string) => verdicts.find((verdict) => verdict.goal.startsWith(goalStart));

describe('evaluateGoals', () => {
  it('counts an aim as met only when both of our paths meet it', () => {
    const verdicts = evaluateGoals(
      [
        scenario('json c10', [
          target('proxy-qwen', { addedLatencyMs: percentiles(0.8, 6) }),
          target('router-openai', { addedLatencyMs: percentiles(0.5, 3) }),
        ]),
      ],
      undefined,
    );
    expect(verdictOf(verdicts, 'added latency p50')).toEqual({
      goal: 'added latency p50 ≤ 1 ms at c10',
      measured: 'proxy-qwen 0.80 ms, router-openai 0.50 ms',
      met: true,
    });
    expect(verdictOf(verdicts, 'added latency p99')?.met).toBe(false);
  });

  it('reports an aim whose scenario did not run as not measured, neither met nor missed', () => {
    const verdict = verdictOf(evaluateGoals([], undefined), 'time-to-first-token');
    expect(verdict?.measured).toBe('not measured in this run');
    expect(verdict?.met).toBeUndefined();
  });

  it('compares router throughput with the peer on the busiest scenario both ran', () => {
    const verdicts = evaluateGoals(
      [
        scenario('json c10', [target('router-openai', { requestsPerSecond: 900 }), target('portkey-openai', { requestsPerSecond: 800 })]),
        scenario('json c100', [target('router-openai', { requestsPerSecond: 700 }), target('portkey-openai', { requestsPerSecond: 800 })]),
      ],
      undefined,
    );
    expect(verdictOf(verdicts, 'requests/s')).toEqual({
      goal: "requests/s through :3001 ≥ the peer's (json c100)",
      measured: 'router 700/s, Portkey 800/s',
      met: false,
    });
  });

  it('fails the open-streams aim on errors even under the memory limit', () => {
    const verdicts = evaluateGoals(
      [
        scenario('open streams c1000', [
          target('proxy-qwen', { peakResidentMegabytes: 250, errors: 3 }),
          target('router-openai', { peakResidentMegabytes: 240 }),
        ]),
      ],
      undefined,
    );
    expect(verdictOf(verdicts, '1,000 open streams')).toMatchObject({ measured: 'proxy-qwen 250 MB (3 errors), router-openai 240 MB (0 errors)', met: false });
  });

  it('judges memory growth on a long soak, allowing allocator noise', () => {
    expect(verdictOf(evaluateGoals([], soak({ growthMegabytes: 5, trendMegabytesPerMinute: 0.5 })), 'no memory growth')?.met).toBe(true);
    expect(verdictOf(evaluateGoals([], soak({ growthMegabytes: 30, trendMegabytesPerMinute: 12 })), 'no memory growth')?.met).toBe(false);
  });

  it('reports but does not judge a soak too short to show a trend (the quick run)', () => {
    const verdict = verdictOf(evaluateGoals([], soak({ durationSeconds: 10, growthMegabytes: 4, trendMegabytesPerMinute: 30 })), 'no memory growth');
    expect(verdict?.met).toBeUndefined();
    expect(verdict?.measured).toContain('too short to judge');
  });
});
