import { runBatch } from './load/run-batch';
import { createDispatcher } from './measure-scenario';
import { ProcessMonitor } from './process/process-monitor';
import { ourGatewayTarget } from './targets/build-targets';
import { startGateway } from './targets/start-gateway';
import { startMocks } from './targets/start-mocks';

/**
 * Where a gateway's memory goes with many streams open:
 * `tsx bench/memory-probe.ts [proxy-qwen|router-openai] [streams] [-- node flags…]` opens that
 * many slow streams at once and samples the gateway's own heap figures (from /metrics) beside its
 * RSS, so a high RSS can be told apart: live objects, garbage not yet collected, or buffers.
 * With `--heapsnapshot-signal=SIGUSR2` among the node flags it also writes a heap snapshot at
 * the peak (into the gateway's working directory).
 */
async function main(): Promise<void> {
  const separator = process.argv.indexOf('--');
  const own = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
  const nodeArguments = separator === -1 ? [] : process.argv.slice(separator + 1);
  const targetName = own.find((argument) => argument === 'proxy-qwen' || argument === 'router-openai') ?? 'router-openai';
  const streams = Number(own.find((argument) => /^\d+$/.test(argument)) ?? 1000);
  const mocks = await startMocks();
  await mocks.setAnswer({ firstByteDelayMs: 0, chunks: 200, chunkIntervalMs: 25, answerCharacters: 2000 });
  const gateway = await startGateway({
    qwenOrigin: mocks.qwenOrigin,
    openAiOrigin: mocks.openAiOrigin,
    qwenConcurrency: streams,
    nodeArguments,
  });
  const target = ourGatewayTarget(targetName, mocks, { ...gateway, pid: gateway.service.pid });

  const heapFigures = async (): Promise<Record<string, number>> => {
    const text = await (await fetch(`${gateway.controlOrigin}/metrics`, { headers: { authorization: `Bearer ${gateway.adminToken}` } })).text();
    const pick = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1048576;
    return {
      heapUsed: pick('nodejs_heap_size_used_bytes'),
      heapTotal: pick('nodejs_heap_size_total_bytes'),
      external: pick('nodejs_external_memory_bytes'),
    };
  };
  const format = (figures: Record<string, number>) =>
    Object.entries(figures)
      .map(([name, megabytes]) => `${name} ${megabytes.toFixed(1)}`)
      .join(', ');

  const monitor = new ProcessMonitor(gateway.service.pid);
  const idleRss = monitor.residentBytes() / 1048576;
  process.stdout.write(`idle: rss ${idleRss.toFixed(1)}, ${format(await heapFigures())} (MB)\n`);
  const dispatcher = createDispatcher();
  const closeWindow = monitor.open();
  let peak = { rss: 0, figures: {} as Record<string, number> };
  let snapshotTaken = false;
  const sampler = setInterval(() => {
    void heapFigures()
      .then((figures) => {
        const rss = monitor.residentBytes() / 1048576;
        if (rss > peak.rss) peak = { rss, figures };
        process.stdout.write(`  rss ${rss.toFixed(1)}, ${format(figures)}\n`);
      })
      .catch(() => undefined);
  }, 1000);
  const snapshotTimer = setTimeout(() => {
    if (nodeArguments.some((flag) => flag.startsWith('--heapsnapshot-signal'))) {
      process.kill(gateway.service.pid, 'SIGUSR2');
      snapshotTaken = true;
    }
  }, 3500);
  const batch = await runBatch(target, { requests: streams, concurrency: streams, stream: true, expectedChunks: 200, dispatcher });
  const { cpuMilliseconds } = closeWindow();
  clearInterval(sampler);
  clearTimeout(snapshotTimer);
  const failed = batch.samples.filter((sample) => !sample.ok).length;
  process.stdout.write(
    `${targetName}, ${streams} streams (${failed} failed) in ${(batch.wallMs / 1000).toFixed(1)} s, ` +
      `${(cpuMilliseconds / streams).toFixed(2)} CPU ms per stream: peak rss ${peak.rss.toFixed(1)} MB with ${format(peak.figures)}` +
      (snapshotTaken ? `; heap snapshot in ${process.cwd()}` : '') +
      '\n',
  );
  await dispatcher.close();
  await gateway.service.stop();
  await mocks.service.stop();
}

void main();
