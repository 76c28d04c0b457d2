import { Agent, type Dispatcher } from 'undici';
import { runBatch } from './load/run-batch';
import type { Target } from './load/target';
import { ProcessMonitor } from './process/process-monitor';
import { computeFigures, type TargetMeasurement } from './report/figures';
import type { ScenarioFigures } from './report/goals';
import type { Scenario } from './scenarios';

/** Lets work a gateway defers past the response (request log writes) land inside its CPU window. */
const settleMs = 250;

/** One keep-alive connection pool per target, big enough for any scenario's concurrency. */
export function createDispatcher(): Dispatcher {
  return new Agent({ connections: null, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
}

/** Rotates the order each round so no target always runs first (warm caches) or last (drift). */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Runs one scenario over every target: a discarded warm-up per target, then rounds in which the
 * targets take turns (never concurrently, so each has the machine to itself), pooled per target.
 */
export async function measureScenario(
  scenario: Scenario,
  targets: readonly Target[],
  dispatchers: ReadonlyMap<string, Dispatcher>,
  log: (line: string) => void,
): Promise<ScenarioFigures> {
  const chosen = targets.filter((target) => !scenario.targetNames || scenario.targetNames.includes(target.name));
  const batchOptions = (target: Target, requests: number) => ({
    requests,
    concurrency: scenario.concurrency,
    stream: scenario.stream,
    expectedChunks: scenario.answer.chunks,
    dispatcher: dispatchers.get(target.name)!,
  });
  for (const target of chosen) {
    if (scenario.warmupRequests > 0) await runBatch(target, batchOptions(target, scenario.warmupRequests));
  }
  const measurements = new Map<string, TargetMeasurement>(
    chosen.map((target) => [target.name, { target: target.name, baselineName: target.baselineName, samples: [], wallMs: 0 }]),
  );
  for (let round = 0; round < scenario.rounds; round++) {
    for (const target of roundOrder(chosen, round)) {
      const measurement = measurements.get(target.name)!;
      const closeWindow = target.pid ? new ProcessMonitor(target.pid).open() : undefined;
      const batch = await runBatch(target, batchOptions(target, scenario.requestsPerRound));
      if (closeWindow) await new Promise((resolve) => setTimeout(resolve, settleMs));
      const window = closeWindow?.();
      measurement.samples.push(...batch.samples);
      measurement.wallMs += batch.wallMs;
      if (window) {
        measurement.cpuMs = (measurement.cpuMs ?? 0) + window.cpuMilliseconds;
        measurement.peakResidentBytes = Math.max(measurement.peakResidentBytes ?? 0, window.peakResidentBytes);
      }
      const failed = batch.samples.filter((sample) => !sample.ok).length;
      log(`  ${scenario.name} round ${round + 1}/${scenario.rounds} ${target.name}: ${batch.samples.length} in ${(batch.wallMs / 1000).toFixed(2)} s${failed ? `, ${failed} failed` : ''}`);
    }
  }
  // Baselines come first in the table, then each gateway.
  const ordered = chosen.map((target) => measurements.get(target.name)!);
  return { scenario: scenario.name, stream: scenario.stream, concurrency: scenario.concurrency, targets: computeFigures(ordered) };
}
