import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from './load/run-batch';
import { createDispatcher } from './measure-scenario';
import { ourGatewayTarget } from './targets/build-targets';
import { startGateway } from './targets/start-gateway';
import { startMocks } from './targets/start-mocks';
import { summarizeCpuProfile, type CpuProfile } from './report/cpu-profile';

/**
 * Where a gateway path spends its CPU:
 * `tsx bench/profile.ts [proxy-qwen|router-openai] [--stream] [--concurrency=N] [--chunks=N]`
 * runs the built gateway under `--cpu-prof`, loads one path (concurrency 10 by default) for ten
 * seconds, stops it and prints the functions with the most self time (and the profile's path).
 * Concurrency 1 with one chunk shows what a lone request pays before its first token.
 */
async function main(): Promise<void> {
  const targetName = process.argv.find((argument) => argument === 'proxy-qwen' || argument === 'router-openai') ?? 'router-openai';
  const stream = process.argv.includes('--stream');
  const numberOption = (name: string, fallback: number) => {
    const given = process.argv.find((argument) => argument.startsWith(`--${name}=`));
    return given ? Number(given.slice(name.length + 3)) : fallback;
  };
  const concurrency = numberOption('concurrency', 10);
  const chunks = numberOption('chunks', stream ? 200 : 10);
  const mocks = await startMocks();
  await mocks.setAnswer({ firstByteDelayMs: 0, chunks, chunkIntervalMs: 0, answerCharacters: chunks * (stream ? 10 : 20) });
  const profileDirectory = join(__dirname, 'results', 'profiles');
  const gateway = await startGateway({
    qwenOrigin: mocks.qwenOrigin,
    openAiOrigin: mocks.openAiOrigin,
    qwenConcurrency: concurrency,
    nodeArguments: ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`],
  });
  const target = ourGatewayTarget(targetName, mocks, { ...gateway, pid: gateway.service.pid });
  const dispatcher = createDispatcher();
  const started = Date.now();
  let requests = 0;
  while (Date.now() - started < 10_000) {
    const batch = await runBatch(target, { requests: 200, concurrency, stream, expectedChunks: chunks, dispatcher });
    requests += batch.samples.length;
  }
  await dispatcher.close();
  const before = new Set(safeList(profileDirectory));
  await gateway.service.stop();
  await mocks.service.stop();
  // The main thread's profile (`CPU.<date>.<time>.<pid>.0.<n>`): worker threads (the WAL
  // checkpointer, the tokenizer) write their own, and the last one sorted is a worker's.
  const written = safeList(profileDirectory)
    .filter((file) => !before.has(file) && /^CPU\.\d+\.\d+\.\d+\.0\./.test(file))
    .sort()
    .pop();
  if (!written) throw new Error('the gateway wrote no CPU profile');
  const profile = JSON.parse(readFileSync(join(profileDirectory, written), 'utf8')) as CpuProfile;
  process.stdout.write(`${targetName}${stream ? ' streaming' : ''}: ${requests} requests; profile ${join(profileDirectory, written)}\n`);
  process.stdout.write(`main-thread CPU per request (samples not idle): ${(busyMicroseconds(profile) / requests / 1000).toFixed(3)} ms\n`);
  for (const line of summarizeCpuProfile(profile, 25)) process.stdout.write(line + '\n');
}

/** Sampled time whose top frame is not `(idle)`: what the event loop spent working. */
function busyMicroseconds(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  return profile.samples.reduce((sum, nodeId, index) => (idle.has(nodeId) ? sum : sum + (profile.timeDeltas[index] ?? 0)), 0);
}

function safeList(directory: string): string[] {
  try {
    return readdirSync(directory).filter((file) => file.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
}

void main();
