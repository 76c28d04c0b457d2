import type { Dispatcher } from 'undici';
import { measureScenario, createDispatcher } from './measure-scenario';
import { measureSoak } from './measure-soak';
import { evaluateGoals, type ScenarioFigures } from './report/goals';
import { describeMachine, machineLine } from './report/machine';
import type { BenchResults } from './report/markdown';
import { writeResults } from './report/write-results';
import { fullPlan, peakQwenConcurrency, quickPlan } from './scenarios';
import { buildTargets } from './targets/build-targets';
import type { ChildService } from './targets/child-service';
import { benchQwenCredentials } from './targets/qwen-credentials';
import { startGateway } from './targets/start-gateway';
import { startMocks } from './targets/start-mocks';
import { startPortkey } from './targets/start-portkey';

/**
 * `npm run bench` (minutes) or `npm run bench -- --quick` (about one minute): starts the mocks,
 * the built gateway and the peer as separate processes, measures every scenario on every
 * target in the same run, prints the table and writes bench/results/.
 */
async function main(): Promise<void> {
  const plan = process.argv.includes('--quick') ? quickPlan() : fullPlan();
  const startedAt = new Date();
  const machine = describeMachine();
  const log = (line: string) => process.stdout.write(line + '\n');
  log(`Benchmark (${plan.mode}) on ${machineLine(machine)}`);

  const services: ChildService[] = [];
  const dispatchers = new Map<string, Dispatcher>();
  try {
    const mocks = await startMocks();
    services.push(mocks.service);
    const gateway = await startGateway({
      qwenOrigin: mocks.qwenOrigin,
      openAiOrigin: mocks.openAiOrigin,
      qwenConcurrency: peakQwenConcurrency(plan),
    });
    services.push(gateway.service);
    const portkey = await startPortkey();
    services.push(portkey.service);
    log(`Gateway pid ${gateway.service.pid} (${gateway.proxyOrigin}, ${gateway.routerOrigin}), Portkey pid ${portkey.service.pid}`);

    const targets = buildTargets({
      qwenMock: mocks.qwenOrigin,
      openAiMock: mocks.openAiOrigin,
      proxy: gateway.proxyOrigin,
      router: gateway.routerOrigin,
      portkey: portkey.origin,
      gatewayPid: gateway.service.pid,
      portkeyPid: portkey.service.pid,
      qwenCredentials: benchQwenCredentials(0),
    });
    for (const target of targets) dispatchers.set(target.name, createDispatcher());

    const scenarios: ScenarioFigures[] = [];
    for (const scenario of plan.scenarios) {
      log(`Scenario ${scenario.name}`);
      await mocks.setAnswer(scenario.answer);
      scenarios.push(await measureScenario(scenario, targets, dispatchers, log));
    }

    log(`Soak: ${plan.soak.durationSeconds} s at concurrency ${plan.soak.concurrency} on :3000 and :3001`);
    await mocks.setAnswer(plan.soak.answer);
    const ours = targets.filter((target) => target.name === 'proxy-qwen' || target.name === 'router-openai');
    const soak = await measureSoak(plan.soak, ours, dispatchers, gateway.service.pid);

    const results: BenchResults = {
      mode: plan.mode,
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine,
      scenarios,
      soak,
      goals: evaluateGoals(scenarios, soak),
      notes: [
        'Targets: direct-qwen = chats/new + completions straight to the Qwen mock (what the proxy itself must do); ' +
          'direct-openai = the OpenAI-compatible mock; proxy-qwen = :3000; router-openai = :3001 routed to the OpenAI mock; ' +
          'portkey-openai = @portkey-ai/gateway on the same mock. Request logging with bodies is on (LOG_BODIES=true).',
      ],
    };
    const { markdown, files } = writeResults(results);
    log('\n' + markdown);
    log(`Written: ${files.join(', ')}`);
  } finally {
    await Promise.all([...dispatchers.values()].map((dispatcher) => dispatcher.close().catch(() => undefined)));
    await Promise.all(services.reverse().map((service) => service.stop()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
