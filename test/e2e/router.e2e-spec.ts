import type OpenAI from 'openai';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { registerUpstream, startTestStack, type TestStack } from './support/test-stack';

interface ProviderView {
  id: string;
  name: string;
  health: { state: string; consecutiveFailures?: number; lastError?: string | null };
}

describe('provider router on :3001, driven by the openai SDK', () => {
  let stack: TestStack;
  let alpha: FakeOpenAi;
  let beta: FakeOpenAi;
  const providerIds: Record<string, string> = {};

  const addProvider = (fake: FakeOpenAi, settings: Record<string, unknown>) => registerUpstream(stack, fake, { apiKey: 'sk-upstream', ...settings });
  const settings = (changes: Record<string, unknown>) => stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify(changes) });
  const ask = (model: string, extra: Record<string, unknown> = {}) =>
    stack.routerClient.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello' }], ...extra } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming).withResponse();

  beforeAll(async () => {
    stack = await startTestStack();
    alpha = await startFakeOpenAi({ name: 'alpha', models: ['shared-model', 'alpha-only'], requireApiKey: 'sk-upstream' });
    beta = await startFakeOpenAi({ name: 'beta', models: ['shared-model', 'beta-only'], requireApiKey: 'sk-upstream' });
    alpha.setDefault({ kind: 'answer', text: 'from alpha' });
    beta.setDefault({ kind: 'answer', text: 'from beta' });
    providerIds['alpha'] = await addProvider(alpha, { priority: 1, weight: 3 });
    providerIds['beta'] = await addProvider(beta, { priority: 2, weight: 1 });
  });
  afterAll(async () => {
    await stack.close();
    await alpha.close();
    await beta.close();
  });
  beforeEach(async () => {
    await settings({ routingStrategy: 'priority', modelAliases: {}, providerFailureThreshold: 3, providerCooldownSeconds: 30 });
    alpha.setDefault({ kind: 'answer', text: 'from alpha' });
    beta.setDefault({ kind: 'answer', text: 'from beta' });
  });

  it('routes by model and says which provider (and Qwen account) answered', async () => {
    const onlyBeta = await ask('beta-only');
    expect(onlyBeta.data.choices[0]!.message.content).toBe('from beta');
    // Names for people, ids for programs.
    expect(onlyBeta.response.headers.get('x-provider')).toBe('beta');
    expect(onlyBeta.response.headers.get('x-provider-id')).toBe(providerIds['beta']);

    const qwen = await ask('qwen3-max');
    expect(qwen.data.choices[0]!.message.content).toContain('You said: "Hello"');
    expect(qwen.response.headers.get('x-provider')).toBe('Qwen (web accounts)');
    expect(qwen.response.headers.get('x-provider-id')).toBe('qwen-web');

    // The request log and usage name the provider too, and its filter takes the name a person types.
    await stack.flushRecords();
    const logged = (await (await stack.control('/api/requests?provider=BET')).json()) as { items: { provider: string; providerName: string }[] };
    expect(logged.items.length).toBeGreaterThan(0);
    expect(logged.items.every((item) => item.provider === providerIds['beta'] && item.providerName === 'beta')).toBe(true);
    const usage = (await (await stack.control('/api/usage?bucket=hour')).json()) as { buckets: { provider: string; providerName: string }[] };
    expect(usage.buckets.find((bucket) => bucket.provider === providerIds['beta'])).toMatchObject({ providerName: 'beta' });
    expect(qwen.response.headers.get('x-qwen-account')).toMatch(/^[0-9a-f-]{36}$/);

    const unknown = await stack.routerClient.chat.completions.create({ model: 'nobody-serves-this', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('lists every routable model with its provider, aliases included', async () => {
    await settings({ modelAliases: { 'gpt-4o': 'qwen3-max' } });
    const models = (await stack.routerClient.models.list()).data as (OpenAI.Models.Model & { provider: string; alias_of?: string })[];
    expect(models.find((model) => model.id === 'alpha-only')).toMatchObject({ provider: providerIds['alpha'], owned_by: 'alpha' });
    expect(models.find((model) => model.id === 'qwen3-max')).toMatchObject({ provider: 'qwen-web' });
    expect(models.find((model) => model.id === 'gpt-4o')).toMatchObject({ alias_of: 'qwen3-max', provider: 'qwen-web' });

    const aliased = await ask('gpt-4o');
    expect(aliased.response.headers.get('x-provider-id')).toBe('qwen-web');
    expect(aliased.data.model).toBe('gpt-4o');

    // The same alias works on the proxy port (:3000) for a Qwen model: Qwen gets qwen3-max.
    const onProxy = await stack.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'alias on the proxy' }] });
    expect(onProxy.model).toBe('gpt-4o');
    expect(onProxy.choices[0]!.message.content).toContain('You said: "alias on the proxy"');
    const sent = stack.fake.requests.filter((request) => request.path.startsWith('/api/v2/chat/completions') && JSON.stringify(request.body).includes('alias on the proxy'));
    expect(sent.map((request) => (request.body as { model: string }).model)).toEqual(['qwen3-max']);
    // An alias of a model only another provider serves is still refused on :3000.
    await settings({ modelAliases: { 'gpt-4o': 'qwen3-max', 'my-llama': 'alpha-only' } });
    await expect(stack.openai.chat.completions.create({ model: 'my-llama', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404 });
  });

  it('lists a model served by two providers once on /v1/models and once per provider on the console', async () => {
    await settings({ modelAliases: { shared: 'shared-model' } });
    const listed = (await stack.routerClient.models.list()).data as (OpenAI.Models.Model & { provider: string })[];
    expect(listed.filter((model) => model.id === 'shared-model')).toEqual([expect.objectContaining({ provider: providerIds['alpha'] })]);
    const catalogue = (await (await stack.control('/api/models')).json()) as { id: string; provider: string; providerName: string; aliasOf?: string }[];
    const servers = (id: string) => catalogue.filter((model) => model.id === id).map((model) => model.providerName).sort();
    expect(servers('shared-model')).toEqual(['alpha', 'beta']);
    expect(servers('shared')).toEqual(['alpha', 'beta']);
    expect(servers('alpha-only')).toEqual(['alpha']);
  });

  it('round-robin spreads requests evenly', async () => {
    await settings({ routingStrategy: 'round-robin' });
    const answers: string[] = [];
    for (let count = 0; count < 10; count++) answers.push((await ask('shared-model')).data.choices[0]!.message.content!);
    expect(answers.filter((text) => text === 'from alpha')).toHaveLength(5);
    expect(answers.filter((text) => text === 'from beta')).toHaveLength(5);
  });

  it('weighted splits traffic by weight (3:1) within tolerance', async () => {
    await settings({ routingStrategy: 'weighted' });
    const answers = await Promise.all(Array.from({ length: 200 }, () => ask('shared-model').then((result) => result.data.choices[0]!.message.content)));
    const alphaShare = answers.filter((text) => text === 'from alpha').length / answers.length;
    expect(alphaShare).toBeGreaterThan(0.62);
    expect(alphaShare).toBeLessThan(0.88);
  });

  it('falls back to the next provider before the first byte, and records each attempt', async () => {
    alpha.script({ kind: 'status', status: 503, body: { error: { message: 'alpha is overloaded', type: 'server_error' } } });
    const result = await ask('shared-model');
    expect(result.data.choices[0]!.message.content).toBe('from beta');
    await stack.flushRecords();
    const requestId = result.response.headers.get('x-request-id');
    const [row] = await stack.query<{ attempts: string; status_code: number }>('SELECT attempts, status_code FROM responses WHERE request_id = ?', [requestId]);
    const attempts = JSON.parse(row!.attempts) as { provider: string; error?: { status: number; message: string } }[];
    expect(attempts.map((attempt) => attempt.provider)).toEqual([providerIds['alpha'], providerIds['beta']]);
    expect(attempts[0]!.error).toMatchObject({ status: 503 });
    expect(attempts[0]!.error!.message).toContain('alpha is overloaded');
    expect(attempts[1]!.error).toBeUndefined();
  });

  it('never falls back once the answer has begun: the client gets the error', async () => {
    alpha.script({ kind: 'mid-stream-error', afterChunks: 2, message: 'alpha broke mid-answer', text: 'one two three four' });
    const betaRequestsBefore = beta.requests.length;
    const stream = await stack.routerClient.chat.completions.create({ model: 'shared-model', messages: [{ role: 'user', content: 'x' }], stream: true });
    let received = '';
    const failure = await (async () => {
      for await (const chunk of stream) received += chunk.choices[0]?.delta.content ?? '';
    })().catch((error: unknown) => error);
    expect(received.length).toBeGreaterThan(0);
    expect(String(failure)).toContain('alpha broke mid-answer');
    expect(beta.requests.length).toBe(betaRequestsBefore);
  });

  it("passes an upstream's refusal on in our error shape with the upstream's status", async () => {
    // A provider of its own: a 429 with retry-after cools it down, which must not touch the others.
    const gamma = await startFakeOpenAi({ name: 'gamma', models: ['gamma-only'] });
    const gammaId = await addProvider(gamma, { priority: 5, apiKey: undefined });
    try {
      gamma.script({ kind: 'status', status: 400, body: { error: { message: "'messages' is too long", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } });
      const refused = await stack.routerClient.chat.completions.create({ model: 'gamma-only', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
      expect(String((refused as Error).message)).toContain('too long');

      gamma.script({ kind: 'status', status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after': '7' } });
      const response = await fetch(`${stack.app.routerUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gamma-only', messages: [{ role: 'user', content: 'x' }] }),
      });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('slow down');
    } finally {
      await stack.control(`/api/providers/${gammaId}`, { method: 'DELETE' });
      await gamma.close();
    }
  });

  it('passes tools and response_format through, and streams tool calls back', async () => {
    alpha.script({ kind: 'echo-request' });
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const echoed = await ask('alpha-only', { tools, response_format: { type: 'json_object' }, logprobs: true, n: 1 });
    const body = JSON.parse(echoed.data.choices[0]!.message.content!) as Record<string, unknown>;
    expect(body['tools']).toEqual(tools);
    expect(body['response_format']).toEqual({ type: 'json_object' });
    expect(body['logprobs']).toBe(true);

    alpha.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const stream = stack.routerClient.chat.completions.stream({ model: 'alpha-only', messages: [{ role: 'user', content: 'Weather?' }], tools });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    const call = final.choices[0]!.message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
  });

  it('cools a failing provider down, then re-probes it before it takes traffic again', async () => {
    await settings({ providerFailureThreshold: 2, providerCooldownSeconds: 1 });
    alpha.setDefault({ kind: 'status', status: 500, body: { error: { message: 'alpha down' } } });
    await ask('shared-model');
    await ask('shared-model');
    const alphaCalls = () => alpha.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
    const before = alphaCalls();
    const whileCooling = await ask('shared-model');
    expect(whileCooling.data.choices[0]!.message.content).toBe('from beta');
    expect(alphaCalls()).toBe(before);
    const providers = (await (await stack.control('/api/providers')).json()) as ProviderView[];
    expect(providers.find((provider) => provider.id === providerIds['alpha'])!.health.state).toBe('cooling-down');

    alpha.setDefault({ kind: 'answer', text: 'from alpha' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // The first request after the cooldown starts the probe; alpha is back once it succeeds.
    await ask('shared-model');
    await waitFor(async () => {
      const views = (await (await stack.control('/api/providers')).json()) as ProviderView[];
      return views.find((provider) => provider.id === providerIds['alpha'])!.health.state === 'healthy';
    });
    expect(alpha.requests.some((request) => request.method === 'GET' && request.path.endsWith('/models'))).toBe(true);
    expect((await ask('shared-model')).data.choices[0]!.message.content).toBe('from alpha');
  });

  it('validates provider input and protects the built-in Qwen provider', async () => {
    const bad = await stack.control('/api/providers', { method: 'POST', body: JSON.stringify({ name: 'x', type: 'openai-compatible', baseUrl: 'not a url' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('baseUrl');
    expect((await stack.control('/api/providers/qwen-web', { method: 'DELETE' })).status).toBe(400);
    const listed = await (await stack.control('/api/providers')).text();
    expect(listed).not.toContain('sk-upstream');
    const tested = (await (await stack.control(`/api/providers/${providerIds['beta']}/test`, { method: 'POST' })).json()) as { ok: boolean; models: number };
    expect(tested).toMatchObject({ ok: true, models: 2 });
  });

  it('counts a failed provider Test against its health', async () => {
    const dead = await stack.control('/api/providers', {
      method: 'POST',
      body: JSON.stringify({ name: 'nowhere', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', modelPatterns: ['nowhere-*'] }),
    });
    const { id } = (await dead.json()) as { id: string };
    const failed = (await (await stack.control(`/api/providers/${id}/test`, { method: 'POST' })).json()) as { ok: boolean };
    expect(failed.ok).toBe(false);
    const view = ((await (await stack.control('/api/providers')).json()) as ProviderView[]).find((provider) => provider.id === id)!;
    expect(view.health).toMatchObject({ consecutiveFailures: 1, lastError: expect.stringContaining('provider_test_failed') });
    await stack.control(`/api/providers/${id}`, { method: 'DELETE' });
  });

  it('stops and starts the proxy and router ports while the control plane stays up', async () => {
    const routerUrl = stack.app.routerUrl;
    const stopped = (await (await stack.control('/api/proxy/stop', { method: 'POST' })).json()) as { running: boolean };
    expect(stopped.running).toBe(false);
    await expect(fetch(`${routerUrl}/v1/models`)).rejects.toThrow();
    const started = (await (await stack.control('/api/proxy/start', { method: 'POST' })).json()) as {
      running: boolean;
      listeners: { name: string; running: boolean; port: number }[];
      accounts: unknown[];
      providers: unknown[];
    };
    expect(started.running).toBe(true);
    expect(started.accounts).toHaveLength(1);
    expect(started.providers.length).toBeGreaterThanOrEqual(3);
    // Ports asked as 0 get new ones on restart: talk to where the router is now.
    const port = started.listeners.find((listener) => listener.name === 'router')!.port;
    const response = await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: 'Bearer x' } });
    expect(response.status).toBe(200);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
