import type { TargetFigures } from './figures';
import type { GoalVerdict, ScenarioFigures } from './goals';
import { type MachineDescription, machineLine } from './machine';
import type { SoakFigures } from './soak';

export interface BenchResults {
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  machine: MachineDescription;
  scenarios: ScenarioFigures[];
  soak?: SoakFigures;
  goals: GoalVerdict[];
  notes: string[];
}

const number = (value: number | undefined, digits: number): string => (value === undefined ? '–' : value.toFixed(digits));

const triple = (summary: { p50: number; p95: number; p99: number } | undefined, digits = 2): string =>
  summary ? `${number(summary.p50, digits)} / ${number(summary.p95, digits)} / ${number(summary.p99, digits)}` : '–';

const signedTriple = (summary: { p50: number; p95: number; p99: number } | undefined): string =>
  summary ? [summary.p50, summary.p95, summary.p99].map((value) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`).join(' / ') : '–';

function scenarioRow(scenario: ScenarioFigures, figures: TargetFigures): string {
  return [
    scenario.scenario,
    figures.target,
    `${figures.requests - figures.errors}/${figures.requests}`,
    triple(figures.latencyMs),
    signedTriple(figures.addedLatencyMs),
    scenario.stream ? triple(figures.firstTokenMs) : '–',
    scenario.stream ? signedTriple(figures.firstTokenOverheadMs) : '–',
    number(figures.requestsPerSecond, 0),
    number(figures.chunksPerSecond, 0),
    figures.chunkThroughputOfDirect === undefined ? '–' : `${(figures.chunkThroughputOfDirect * 100).toFixed(0)}%`,
    number(figures.cpuMsPerRequest, 2),
    number(figures.peakResidentMegabytes, 0),
  ].join(' | ');
}

/** The Markdown report: machine, the figures table, the soak and the aims. Pure, so it is tested. */
export function renderMarkdown(results: BenchResults): string {
  const lines: string[] = [
    `### Benchmark (${results.mode}), ${results.startedAt}`,
    '',
    `Machine: ${machineLine(results.machine)}. Gateway, mocks and load generator share these cores.`,
    '',
    'Latencies in ms as p50 / p95 / p99 (nearest rank); "added" = target − its direct baseline in the same run. ' +
      'CPU is the gateway process\'s CPU time per request; RSS its peak while serving the scenario.',
    '',
    '| scenario | target | ok | latency | added | first token | first-token overhead | req/s | chunks/s | of direct | CPU ms/req | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const scenario of results.scenarios) {
    for (const figures of scenario.targets) lines.push(`| ${scenarioRow(scenario, figures)} |`);
  }
  if (results.soak) {
    const soak = results.soak;
    lines.push(
      '',
      `Soak: ${soak.durationSeconds} s, ${soak.requests} requests (${soak.errors} errors) on :3000 and :3001 together; ` +
        `RSS ${soak.startResidentMegabytes.toFixed(0)} → ${soak.endResidentMegabytes.toFixed(0)} MB ` +
        `(growth ${soak.growthMegabytes.toFixed(1)} MB, trend ${soak.trendMegabytesPerMinute.toFixed(2)} MB/min, peak ${soak.peakResidentMegabytes.toFixed(0)} MB).`,
    );
  }
  lines.push('', '| aim | measured | |', '|---|---|---|');
  for (const goal of results.goals) {
    lines.push(`| ${goal.goal} | ${goal.measured} | ${goal.met === undefined ? '–' : goal.met ? 'met' : '**missed**'} |`);
  }
  for (const note of results.notes) lines.push('', note);
  return lines.join('\n') + '\n';
}
