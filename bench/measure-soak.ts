import type { Dispatcher } from 'undici';
import { sendRequest } from './load/send-request';
import type { Target } from './load/target';
import { ProcessMonitor } from './process/process-monitor';
import { type SoakFigures, summarizeSoak } from './report/soak';
import type { SoakPlan } from './scenarios';

/**
 * Keeps both of our paths busy for the whole soak (workers alternate :3000 and :3001, streaming
 * and not) while RSS is read once a second.
 */
export async function measureSoak(
  plan: SoakPlan,
  targets: readonly Target[],
  dispatchers: ReadonlyMap<string, Dispatcher>,
  gatewayPid: number,
): Promise<SoakFigures> {
  const monitor = new ProcessMonitor(gatewayPid, 1000);
  const closeWindow = monitor.open();
  const deadline = performance.now() + plan.durationSeconds * 1000;
  let requests = 0;
  let errors = 0;
  const worker = async (workerNumber: number) => {
    const target = targets[workerNumber % targets.length];
    let stream = workerNumber % 4 < 2;
    while (performance.now() < deadline) {
      const sample = await sendRequest(target, { stream, expectedChunks: plan.answer.chunks, dispatcher: dispatchers.get(target.name)! });
      requests += 1;
      if (!sample.ok) errors += 1;
      stream = !stream;
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, index) => worker(index)));
  const window = closeWindow();
  return summarizeSoak(window.residentSamples, { durationSeconds: plan.durationSeconds, requests, errors });
}
