import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack, type TestStack } from '../e2e/support/test-stack';
import { type AgentCli, agentClis, installedCli } from './support/agent-clis';
import { RecordingProxy } from './support/recording-proxy';
import { type AgentOutcome, runAgent } from './support/run-agent';

/** Generous, but bounded: a CLI that hangs fails the test instead of the whole run. */
const runTimeoutMs = 150_000;

/** Every run's full record (what the CLI sent, what it was answered, its output), pass or fail. */
const reportFolder = join(__dirname, '..', '..', 'test-results', 'agents');

/**
 * The real coding-agent CLIs from npm (test/agents/package.json), each in a fresh HOME and work
 * folder, against the real app on the fake chat.qwen.ai in tool-agent mode: the fake's scripted
 * model reads the `[Tools]` section the product wrote, calls the CLI's own file-writing tool,
 * and answers in words once the result comes back. The CLI runs the tool itself.
 */
describe.each(agentClis.map((cli) => [cli.name, cli] as const))('%s through the product', (_name, cli: AgentCli) => {
  const installed = installedCli(cli);
  const maybe = installed ? it : it.skip;
  let stack: TestStack;
  const folders: string[] = [];

  beforeAll(async () => {
    if (installed) stack = await startTestStack({ fakeOptions: { toolAgent: true } });
  });
  afterAll(async () => {
    await stack?.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function run(listener: 'proxy' | 'router', promptIn: (workDirectory: string) => string): Promise<{ outcome: AgentOutcome; workDirectory: string; report: string; proxy: RecordingProxy }> {
    const home = mkdtempSync(join(tmpdir(), 'agent-home-'));
    const workDirectory = mkdtempSync(join(tmpdir(), 'agent-work-'));
    folders.push(home, workDirectory);
    const proxy = new RecordingProxy(listener === 'proxy' ? stack.app.proxyUrl : stack.app.routerUrl);
    const baseUrl = await proxy.start();
    try {
      const invocation = cli.prepare({ home, workDirectory, baseUrl, prompt: promptIn(workDirectory) });
      const environment = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, TMPDIR: tmpdir(), LANG: 'C.UTF-8', TERM: 'dumb', ...invocation.environment };
      const outcome = await runAgent(cli.executable, invocation.args, { cwd: workDirectory, environment, timeoutMs: runTimeoutMs });
      const report = [
        `${cli.name} (${cli.api}) on ${listener}: exit ${outcome.exitCode}${outcome.signal ? ` signal ${outcome.signal}` : ''}${outcome.timedOut ? ' TIMED OUT' : ''} after ${outcome.durationMs} ms`,
        `stdout:\n${outcome.stdout.slice(-4000)}`,
        `stderr:\n${outcome.stderr.slice(-4000)}`,
        `what it sent and was answered:\n${proxy.describe()}`,
      ].join('\n\n');
      mkdirSync(reportFolder, { recursive: true });
      const reportName = `${cli.packageName.replace(/\W+/g, '-')}-${listener}-${(/(plain question|writes a file)/.exec(expect.getState().currentTestName ?? '')?.[1] ?? 'run').replace(' ', '-')}`.replace(/^-+/, '');
      writeFileSync(join(reportFolder, `${reportName}.txt`), report);
      writeFileSync(join(reportFolder, `${reportName}.exchanges.json`), JSON.stringify(proxy.exchanges, null, 2));
      return { outcome, workDirectory, report, proxy };
    } finally {
      await proxy.close();
    }
  }

  function expectModelRequestsAnswered(proxy: RecordingProxy, report: string): void {
    const modelCalls = proxy.exchanges.filter((exchange) => /\/v1\/(messages|chat\/completions|responses)/.test(exchange.path));
    if (modelCalls.length === 0) throw new Error(`No model request reached the product.\n\n${report}`);
    const failed = modelCalls.filter((exchange) => exchange.status !== 200);
    if (failed.length) throw new Error(`${failed.length} model request(s) were refused.\n\n${report}`);
    const streamed = modelCalls.some((exchange) => String(exchange.responseHeaders?.['content-type']).startsWith('text/event-stream'));
    if (!streamed) throw new Error(`No answer was streamed.\n\n${report}`);
  }

  for (const listener of ['proxy', 'router'] as const) {
    maybe(
      `answers a plain question on the ${listener} listener`,
      async () => {
        const { outcome, report, proxy } = await run(listener, () => 'Reply with exactly: PONG-42');
        expectModelRequestsAnswered(proxy, report);
        if (outcome.exitCode !== 0 || !outcome.stdout.includes('PONG-42')) throw new Error(`The answer did not come through.\n\n${report}`);
      },
      runTimeoutMs + 30_000,
    );

    maybe(
      `writes a file with its own tool on the ${listener} listener`,
      async () => {
        const text = `Hello from ${cli.name} via ${listener}`;
        // The user names the file by its full path, as the model needs it (Claude Code's Write takes absolute paths).
        const result = await run(listener, (workDirectory) => `Create the file ${join(workDirectory, 'hello.txt')} with the content "${text}"`);
        expectModelRequestsAnswered(result.proxy, result.report);
        const file = join(result.workDirectory, 'hello.txt');
        if (!existsSync(file)) throw new Error(`${file} was not written.\n\n${result.report}`);
        expect(readFileSync(file, 'utf8').trim()).toBe(text);
        if (result.outcome.exitCode !== 0 || !result.outcome.stdout.includes('Done.')) throw new Error(`The CLI did not finish with the model's answer.\n\n${result.report}`);
      },
      runTimeoutMs + 30_000,
    );
  }
});
