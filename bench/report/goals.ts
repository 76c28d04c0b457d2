import type { SoakFigures } from './soak';
import type { TargetFigures } from './figures';

export interface ScenarioFigures {
  scenario: string;
  stream: boolean;
  concurrency: number;
  targets: TargetFigures[];
}

/** One of the aims, checked against this run. `met` is undefined when not measured. */
export interface GoalVerdict {
  goal: string;
  measured: string;
  met?: boolean;
}

const ourGateways = ['proxy-qwen', 'router-openai'];
/** A soak shorter than this (the quick run's) is reported but not judged. */
const minimumJudgedSoakSeconds = 60;

const format = (value: number | undefined, digits = 2) => (value === undefined ? 'n/a' : value.toFixed(digits));

/**
 * The aims, each evaluated on the scenario that defines it. Both of our paths (the Qwen
 * proxy and the router) must meet an aim for it to count as met.
 */
export function evaluateGoals(scenarios: readonly ScenarioFigures[], soak: SoakFigures | undefined): GoalVerdict[] {
  const figuresOf = (scenarioName: string, target: string) =>
    scenarios.find((scenario) => scenario.scenario === scenarioName)?.targets.find((figures) => figures.target === target);
  const forOurs = (
    goal: string,
    scenarioName: string,
    pick: (figures: TargetFigures) => number | undefined,
    passes: (value: number) => boolean,
    unit: string,
  ): GoalVerdict => {
    const values = ourGateways.map((target) => ({ target, value: (() => { const figures = figuresOf(scenarioName, target); return figures ? pick(figures) : undefined; })() }));
    if (values.some((entry) => entry.value === undefined)) return { goal, measured: 'not measured in this run' };
    return {
      goal,
      measured: values.map((entry) => `${entry.target} ${format(entry.value)}${unit}`).join(', '),
      met: values.every((entry) => passes(entry.value as number)),
    };
  };

  const verdicts: GoalVerdict[] = [
    forOurs('added latency p50 ≤ 1 ms at c10', 'json c10', (figures) => figures.addedLatencyMs?.p50, (value) => value <= 1, ' ms'),
    forOurs('added latency p99 ≤ 5 ms at c10', 'json c10', (figures) => figures.addedLatencyMs?.p99, (value) => value <= 5, ' ms'),
    forOurs('time-to-first-token overhead p50 ≤ 2 ms (1 stream)', 'stream c1', (figures) => figures.firstTokenOverheadMs?.p50, (value) => value <= 2, ' ms'),
    forOurs(
      'chunk throughput at 100 streams ≥ 80% of direct',
      'stream c100',
      (figures) => (figures.chunkThroughputOfDirect === undefined ? undefined : figures.chunkThroughputOfDirect * 100),
      (value) => value >= 80,
      ' %',
    ),
  ];

  const throughputScenario = ['json c100', 'json c10'].find((name) => figuresOf(name, 'portkey-openai'));
  const router = throughputScenario ? figuresOf(throughputScenario, 'router-openai') : undefined;
  const peer = throughputScenario ? figuresOf(throughputScenario, 'portkey-openai') : undefined;
  verdicts.push(
    router && peer
      ? {
          goal: `requests/s through :3001 ≥ the peer's (${throughputScenario})`,
          measured: `router ${format(router.requestsPerSecond, 0)}/s, Portkey ${format(peer.requestsPerSecond, 0)}/s`,
          met: router.requestsPerSecond >= peer.requestsPerSecond,
        }
      : { goal: "requests/s through :3001 ≥ the peer's", measured: 'not measured in this run' },
  );

  const openStreams = ourGateways.map((target) => figuresOf('open streams c1000', target));
  verdicts.push(
    openStreams.every((figures) => figures?.peakResidentMegabytes !== undefined)
      ? {
          goal: '1,000 open streams under 300 MB RSS',
          measured: openStreams.map((figures) => `${figures!.target} ${format(figures!.peakResidentMegabytes, 0)} MB (${figures!.errors} errors)`).join(', '),
          met: openStreams.every((figures) => figures!.peakResidentMegabytes! < 300 && figures!.errors === 0),
        }
      : { goal: '1,000 open streams under 300 MB RSS', measured: 'not measured in this run (full run only)' },
  );

  const soakMeasured = soak
    ? `${format(soak.startResidentMegabytes, 0)} → ${format(soak.endResidentMegabytes, 0)} MB over ${soak.durationSeconds} s, trend ${format(soak.trendMegabytesPerMinute)} MB/min`
    : undefined;
  verdicts.push(
    !soak || !soakMeasured
      ? { goal: 'no memory growth over the soak', measured: 'not measured' }
      : soak.durationSeconds < minimumJudgedSoakSeconds
        ? // A few seconds show the heap settling after the load starts, not a trend.
          { goal: 'no memory growth over the soak', measured: `${soakMeasured} (too short to judge; the full run decides)` }
        : {
            goal: 'no memory growth over the soak',
            measured: soakMeasured,
            // Allow allocator noise: under 5% of the starting RSS and under 1 MB/min of trend.
            met: soak.growthMegabytes <= 0.05 * soak.startResidentMegabytes && soak.trendMegabytesPerMinute <= 1,
          },
  );
  return verdicts;
}
