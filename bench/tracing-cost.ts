import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from './load/run-batch';
import { createDispatcher, roundOrder } from './measure-scenario';
import { startOtlpSink } from './mocks/otlp-sink';
import { ProcessMonitor } from './process/process-monitor';
import { formatTracingCost, summarizeTracingCost, type TracingWindow } from './report/tracing-cost';
import { ourGatewayTarget } from './targets/build-targets';
import { startGateway } from './targets/start-gateway';
import { startMocks } from './targets/start-mocks';

/**
 * What OpenTelemetry tracing costs:
 * `npx tsx bench/tracing-cost.ts [proxy-qwen|router-openai] [--stream] [--rounds=N] [--requests=N] [--concurrency=N]`
 * (after `npm run build`). Each round starts a fresh gateway with tracing off and one with
 * tracing on (OTLP/HTTP to a local sink in this process), in alternating order, warms it up,
 * and measures the gateway's CPU time over a fixed number of requests. Rounds interleave so a
 * drift of the shared machine weighs on both modes; the medians are compared.
 */
async function main(): Promise<void> {
  const targetName = process.argv.find((argument) => argument === 'proxy-qwen' || argument === 'router-openai') ?? 'proxy-qwen';
  const stream = process.argv.includes('--stream');
  const numberOption = (name: string, fallback: number) => {
    const given = process.argv.find((argument) => argument.startsWith(`--${name}=`));
    return given ? Number(given.slice(name.length + 3)) : fallback;
  };
  const rounds = numberOption('rounds', 4);
  const requests = numberOption('requests', 3000);
  const concurrency = numberOption('concurrency', 10);
  const chunks = stream ? 50 : 10;
  const scenario = `${targetName}${stream ? ' streaming' : ''} c${concurrency}, ${requests} requests per round`;

  const mocks = await startMocks();
  await mocks.setAnswer({ firstByteDelayMs: 0, chunks, chunkIntervalMs: 0, answerCharacters: chunks * 10 });
  const sink = await startOtlpSink();
  const dispatcher = createDispatcher();
  const windows: TracingWindow[] = [];
  let spansWithTracingOn = 0;
  let spansWithTracingOff = 0;
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const tracing of roundOrder(['off', 'on'] as const, round)) {
        const gateway = await startGateway({
          qwenOrigin: mocks.qwenOrigin,
          openAiOrigin: mocks.openAiOrigin,
          qwenConcurrency: concurrency,
          // Empty means off: the app loads no OpenTelemetry code at all then.
          environment: { OTEL_EXPORTER_OTLP_ENDPOINT: tracing === 'on' ? sink.origin : '' },
        });
        try {
          const target = ourGatewayTarget(targetName, mocks, { ...gateway, pid: gateway.service.pid });
          await runBatch(target, { requests: Math.min(500, requests), concurrency, stream, expectedChunks: chunks, dispatcher });
          // Let the warm-up's spans be exported first, so the window counts only its own.
          if (tracing === 'on') await new Promise((resolve) => setTimeout(resolve, 6000));
          const spansBefore = sink.counts().spans;
          const closeWindow = new ProcessMonitor(gateway.service.pid).open();
          const batch = await runBatch(target, { requests, concurrency, stream, expectedChunks: chunks, dispatcher });
          const { cpuMilliseconds } = closeWindow();
          // Spans of the window arrive with the next export (batched every few seconds).
          await new Promise((resolve) => setTimeout(resolve, tracing === 'on' ? 6000 : 0));
          const spans = sink.counts().spans - spansBefore;
          if (tracing === 'on') spansWithTracingOn += spans;
          else spansWithTracingOff += spans;
          const failed = batch.samples.filter((sample) => !sample.ok).length;
          windows.push({ tracing, requests: batch.samples.length - failed, failed, cpuMilliseconds, latenciesMs: batch.samples.filter((sample) => sample.ok).map((sample) => sample.latencyMs) });
          process.stdout.write(`round ${round + 1} tracing ${tracing}: ${(cpuMilliseconds / batch.samples.length).toFixed(3)} ms CPU per request, ${spans} spans, ${failed} failed\n`);
        } finally {
          await gateway.service.stop();
        }
      }
    }
  } finally {
    await dispatcher.close();
    await sink.stop();
    await mocks.service.stop();
  }
  if (spansWithTracingOn === 0) throw new Error('tracing was on but the sink received no spans: the measurement would say nothing');
  if (spansWithTracingOff > 0) throw new Error(`tracing was off but the sink received ${spansWithTracingOff} spans`);
  const lines = [...formatTracingCost(summarizeTracingCost(windows), scenario), `spans exported with tracing on: ${spansWithTracingOn}`];
  process.stdout.write('\n' + lines.join('\n') + '\n');
  const file = join(__dirname, 'results', `tracing-cost-${targetName}${stream ? '-stream' : ''}.md`);
  writeFileSync(file, lines.join('\n') + '\n');
  process.stdout.write(`written to ${file}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
