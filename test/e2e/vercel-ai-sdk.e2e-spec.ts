import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { acceptedCompletions, registerUpstream, startTestStack, type TestStack } from './support/test-stack';

interface UpstreamBody {
  messages: { role: string; content: unknown; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string } }[];
}

interface Steps {
  steps: { toolCalls: { toolName: string; input: unknown }[]; toolResults: { toolName: string; output: unknown }[] }[];
}

const clientScript = join(__dirname, 'support', 'vercel-ai-client.mjs');

/** Runs one scenario of the Vercel AI SDK client (an ES module, so its own Node process). */
async function vercelClient<T>(scenario: string, options: { baseUrl: string; model: string; prompt: string }): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, [clientScript, JSON.stringify({ scenario, ...options })], { timeout: 20_000 });
  const outcome = JSON.parse(stdout) as { ok: true; result: T } | { ok: false; error: string };
  if (!outcome.ok) throw new Error(`The Vercel AI SDK client failed: ${outcome.error}`);
  return outcome.result;
}

describe('the Vercel AI SDK (@ai-sdk/openai-compatible) against the proxy and the router', () => {
  let stack: TestStack;
  let upstream: FakeOpenAi;

  beforeAll(async () => {
    stack = await startTestStack();
    upstream = await startFakeOpenAi({ name: 'tools-upstream', models: ['tool-model'] });
    await registerUpstream(stack, upstream, { apiKey: 'sk-upstream', priority: 1 });
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });
  beforeEach(() => stack.fake.reset());

  it('generateText answers from Qwen with usage', async () => {
    const result = await vercelClient<{ text: string; finishReason: string; usage: { inputTokens: number; outputTokens: number } }>('generate', {
      baseUrl: stack.app.proxyUrl,
      model: 'qwen3-max',
      prompt: 'Hello',
    });
    expect(result.text).toContain('You said:');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('streamText streams the deltas as they come', async () => {
    stack.fake.script({ kind: 'answer', chunks: ['The ', 'quick ', 'fox.'] });
    const result = await vercelClient<{ deltas: string[]; finishReason: string }>('stream', { baseUrl: stack.app.proxyUrl, model: 'qwen3-max', prompt: 'Go' });
    expect(result.deltas.join('')).toBe('The quick fox.');
    expect(result.deltas.length).toBeGreaterThanOrEqual(3);
    expect(result.finishReason).toBe('stop');
    expect(acceptedCompletions(stack.fake)).toHaveLength(1);
  });

  it('generateText runs a tool loop through the router: call, execute, answer', async () => {
    upstream.script({ kind: 'tool-calls', calls: [{ name: 'weather', arguments: { city: 'Paris' } }] }, { kind: 'answer', text: 'It is sunny in Paris.' });
    const result = await vercelClient<{ text: string } & Steps>('generate-tools', { baseUrl: stack.app.routerUrl, model: 'tool-model', prompt: 'Weather in Paris?' });
    expect(result.text).toBe('It is sunny in Paris.');
    expect(result.steps[0]!.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Paris' } }]);
    expect(result.steps[0]!.toolResults).toEqual([{ toolName: 'weather', output: { city: 'Paris', forecast: 'Sunny, 24°C' } }]);
    const second = upstream.requests.at(-1)!.body as UpstreamBody;
    expect(second.tools![0]!.function.name).toBe('weather');
    expect(second.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('streamText runs the same tool loop, streamed', async () => {
    upstream.script({ kind: 'tool-calls', calls: [{ name: 'weather', arguments: { city: 'Rome' } }] }, { kind: 'answer', text: 'Rome is sunny.' });
    const result = await vercelClient<{ text: string; parts: string[] } & Steps>('stream-tools', { baseUrl: stack.app.routerUrl, model: 'tool-model', prompt: 'Weather in Rome?' });
    expect(result.text).toBe('Rome is sunny.');
    expect(result.parts).toEqual(expect.arrayContaining(['tool-call', 'tool-result', 'text-delta', 'finish']));
    expect(result.steps[0]!.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Rome' } }]);
  });

  it('the completion model uses the legacy /v1/completions', async () => {
    const result = await vercelClient<{ text: string; finishReason: string }>('completion', { baseUrl: stack.app.proxyUrl, model: 'qwen3-max', prompt: 'Complete me' });
    expect(result.text).toContain('Complete me');
    expect(result.finishReason).toBe('stop');
  });
});
