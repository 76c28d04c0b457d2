import OpenAI, { type APIError, NotFoundError } from 'openai';
import { countTextTokens } from '@qwen-proxy/providers';
import { eventually } from '../fakes/qwen/spec-support/eventually';
import { embeddingVector } from '../fakes/openai/embedding.vectors';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { registerUpstream, startTestStack, type TestStack } from './support/test-stack';

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}
interface RequestDetail {
  surface: string;
  listener: string;
  model: string;
  provider: string;
  statusCode: number;
  promptTokens: number | null;
  usageEstimated: boolean;
  totalTokens: number | null;
  messageCount: number;
  requestBody: Record<string, unknown>;
  responseBody: Record<string, unknown> | null;
  attempts: { provider: string; error?: { code: string } }[] | null;
}

/** `POST /v1/embeddings` on the router (:3001) through the official SDK, against two fake OpenAI-compatible upstreams. */
describe('embeddings on the router, driven by the openai SDK', () => {
  let stack: TestStack;
  let alpha: FakeOpenAi;
  let beta: FakeOpenAi;
  const providerIds: Record<string, string> = {};

  const settings = (changes: Record<string, unknown>) => stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify(changes) });
  const embeddingRequests = (fake: FakeOpenAi) => fake.requests.filter((request) => request.path === '/v1/embeddings');
  const postRouter = (body: unknown, key = 'sk-test') =>
    fetch(`${stack.app.routerUrl}/v1/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const detailOf = async (requestId: string | null): Promise<RequestDetail> => {
    await stack.flushRecords();
    const response = await stack.control(`/api/requests/${requestId}`);
    expect(response.status).toBe(200);
    return (await response.json()) as RequestDetail;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    alpha = await startFakeOpenAi({ name: 'alpha', models: ['embed-small', 'alpha-chat'], requireApiKey: 'sk-upstream' });
    beta = await startFakeOpenAi({ name: 'beta', models: ['embed-small'], requireApiKey: 'sk-upstream' });
    providerIds['alpha'] = await registerUpstream(stack, alpha, { apiKey: 'sk-upstream', priority: 1 });
    providerIds['beta'] = await registerUpstream(stack, beta, { apiKey: 'sk-upstream', priority: 2 });
  });
  afterAll(async () => {
    await stack.close();
    await alpha.close();
    await beta.close();
  });
  beforeEach(async () => {
    await settings({ routingStrategy: 'priority', modelAliases: {}, providerFailureThreshold: 3, providerCooldownSeconds: 30 });
  });

  it('embeds a string: the upstream gets the body as written, the client its vector and usage', async () => {
    const { data: answer, response } = await stack.routerClient.embeddings
      .create({ model: 'embed-small', input: 'the quick brown fox', encoding_format: 'float', dimensions: 4, user: 'someone' })
      .withResponse();

    expect(answer.object).toBe('list');
    expect(answer.model).toBe('embed-small');
    expect(answer.data).toEqual([{ object: 'embedding', index: 0, embedding: embeddingVector('the quick brown fox', 4) }]);
    expect(answer.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    expect(response.headers.get('x-provider')).toBe('alpha');
    expect(response.headers.get('x-provider-id')).toBe(providerIds['alpha']);
    expect(embeddingRequests(alpha).at(-1)!.body).toEqual({ model: 'embed-small', input: 'the quick brown fox', encoding_format: 'float', dimensions: 4, user: 'someone' });
  });

  it('embeds an array through a model alias: the upstream gets its own model name, the client the one it asked for', async () => {
    await settings({ modelAliases: { 'team-embedder': 'embed-small' } });

    const answer = await stack.routerClient.embeddings.create({ model: 'team-embedder', input: ['first text', 'second one here'], encoding_format: 'float' });

    expect(answer.model).toBe('team-embedder');
    expect(answer.data.map((item) => item.index)).toEqual([0, 1]);
    expect(answer.data[0]!.embedding).toEqual(embeddingVector('first text'));
    expect(answer.data[1]!.embedding).toEqual(embeddingVector('second one here'));
    expect(answer.usage.prompt_tokens).toBe(5);
    expect(embeddingRequests(alpha).at(-1)!.body).toMatchObject({ model: 'embed-small', input: ['first text', 'second one here'] });
  });

  it('passes base64 through: the SDK asks for it by default and decodes the same numbers', async () => {
    const decoded = await stack.routerClient.embeddings.create({ model: 'embed-small', input: 'base64 please' });

    expect(embeddingRequests(alpha).at(-1)!.body).toMatchObject({ encoding_format: 'base64' });
    expect(decoded.data[0]!.embedding).toEqual(embeddingVector('base64 please'));

    const raw = (await (await postRouter({ model: 'embed-small', input: 'base64 please', encoding_format: 'base64' })).json()) as { data: { embedding: unknown }[] };
    expect(typeof raw.data[0]!.embedding).toBe('string');
    const bytes = Buffer.from(raw.data[0]!.embedding as string, 'base64');
    expect(Array.from({ length: bytes.length / 4 }, (_, position) => bytes.readFloatLE(position * 4))).toEqual(embeddingVector('base64 please'));
  });

  it('falls back to the next provider on a scripted 5xx, and the request row shows both attempts', async () => {
    alpha.scriptEmbeddings({ kind: 'status', status: 503 });

    const { data: answer, response } = await stack.routerClient.embeddings.create({ model: 'embed-small', input: 'fall back', encoding_format: 'float' }).withResponse();

    expect(answer.data[0]!.embedding).toEqual(embeddingVector('fall back'));
    expect(response.headers.get('x-provider')).toBe('beta');
    const detail = await detailOf(response.headers.get('x-request-id'));
    expect(detail.provider).toBe(providerIds['beta']);
    expect(detail.attempts?.map((attempt) => [attempt.provider, attempt.error?.code])).toEqual([
      [providerIds['alpha'], 'engine_overloaded'],
      [providerIds['beta'], undefined],
    ]);
  });

  it('answers the upstream failure in OpenAI shape when every provider fails, and logs it', async () => {
    alpha.scriptEmbeddings({ kind: 'status', status: 500 });
    beta.scriptEmbeddings({ kind: 'status', status: 502 });

    const failure = (await stack.routerClient.embeddings.create({ model: 'embed-small', input: 'nobody answers' }).catch((error: unknown) => error)) as APIError;

    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(failure.status).toBe(502);
    expect(failure.code).toBe('all_providers_failed');
    const detail = await detailOf(failure.headers?.get('x-request-id') ?? null);
    expect(detail).toMatchObject({ surface: 'embeddings', statusCode: 502 });
  });

  it('writes one request row: surface, model, provider, prompt tokens, and a summary of the answer without its vectors', async () => {
    const { response } = await stack.routerClient.embeddings
      .create({ model: 'embed-small', input: ['log me please', 'and me'], encoding_format: 'float', dimensions: 16 })
      .withResponse();

    const detail = await detailOf(response.headers.get('x-request-id'));
    expect(detail).toMatchObject({
      surface: 'embeddings',
      listener: 'router',
      model: 'embed-small',
      provider: providerIds['alpha'],
      statusCode: 200,
      promptTokens: 5,
      totalTokens: 5,
      messageCount: 2,
    });
    expect(detail.requestBody).toMatchObject({ input: ['log me please', 'and me'], dimensions: 16 });
    expect(detail.responseBody).toEqual({
      object: 'list',
      model: 'embed-small',
      data: [
        { index: 0, dimensions: 16 },
        { index: 1, dimensions: 16 },
      ],
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });
  });

  it('estimates the prompt tokens when the upstream reports no usage', async () => {
    alpha.scriptEmbeddings({ kind: 'embed', omitUsage: true });

    const { response } = await stack.routerClient.embeddings.create({ model: 'embed-small', input: 'count these words for me', encoding_format: 'float' }).withResponse();

    const detail = await detailOf(response.headers.get('x-request-id'));
    expect(detail).toMatchObject({ statusCode: 200, promptTokens: countTextTokens('count these words for me'), usageEstimated: true });
  });

  it('gives up the upstream request when the client hangs up, without counting it against the provider', async () => {
    alpha.scriptEmbeddings({ kind: 'hang' });
    const sent = embeddingRequests(alpha).length;
    const hangUp = new AbortController();

    const pending = stack.routerClient.embeddings.create({ model: 'embed-small', input: 'hang up on me', encoding_format: 'float' }, { signal: hangUp.signal }).catch((error: unknown) => error);
    await eventually(() => embeddingRequests(alpha).length > sent);
    hangUp.abort();
    await pending;

    let rows: { status_code: number; cancelled: number }[] = [];
    for (let tries = 0; tries < 100 && rows.length === 0; tries += 1) {
      await stack.flushRecords();
      rows = await stack.query("SELECT r.status_code, r.cancelled FROM requests q JOIN responses r ON r.request_id = q.id WHERE q.surface = 'embeddings' AND r.cancelled = 1");
    }
    expect(rows).toEqual([{ status_code: 499, cancelled: 1 }]);
    const providers = (await (await stack.control('/api/providers')).json()) as { id: string; health: { consecutiveFailures?: number } }[];
    expect(providers.find((provider) => provider.id === providerIds['alpha'])!.health.consecutiveFailures ?? 0).toBe(0);
    expect(beta.requests.filter((request) => (request.body as { input?: unknown } | undefined)?.input === 'hang up on me')).toHaveLength(0);
  });

  it('says so when no provider of the model can embed (the Qwen web chat cannot), and for an unknown model', async () => {
    const qwen = (await stack.routerClient.embeddings.create({ model: 'qwen3-max', input: 'x' }).catch((error: unknown) => error)) as APIError;
    expect(qwen).toBeInstanceOf(NotFoundError);
    expect(qwen.code).toBe('embeddings_not_supported');
    expect(qwen.message).toContain('qwen-web');

    const unknown = (await stack.routerClient.embeddings.create({ model: 'nobody-serves-this', input: 'x' }).catch((error: unknown) => error)) as APIError;
    expect(unknown).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('refuses an invalid body with a 400 in OpenAI shape naming the field, without asking an upstream', async () => {
    const before = embeddingRequests(alpha).length + embeddingRequests(beta).length;
    const cases: [unknown, string, string][] = [
      [{ model: 'embed-small', input: '' }, 'input', 'empty string'],
      [{ model: 'embed-small', input: [] }, 'input', 'empty array'],
      [{ model: 'embed-small', input: ['ok', ''] }, 'input', 'input[1]'],
      [{ model: 'embed-small', input: [[1, 2], []] }, 'input', 'empty token array'],
      [{ model: 'embed-small', input: ['text', 3] }, 'input', 'not a mix'],
      [{ model: 'embed-small', input: [-1] }, 'input', 'token'],
      [{ model: 'embed-small' }, 'input', 'input is required'],
      [{ input: 'x' }, 'model', 'model'],
      [{ model: 'embed-small', input: 'x', dimensions: 0 }, 'dimensions', 'dimensions'],
      [{ model: 'embed-small', input: 'x', dimensions: 2.5 }, 'dimensions', 'dimensions'],
      [{ model: 'embed-small', input: 'x', encoding_format: 'hex' }, 'encoding_format', 'encoding_format'],
    ];
    for (const [body, param, words] of cases) {
      const response = await postRouter(body);
      const answer = (await response.json()) as ErrorBody;
      expect({ body, status: response.status, type: answer.error.type, param: answer.error.param }).toEqual({ body, status: 400, type: 'invalid_request_error', param });
      expect(answer.error.message).toContain(words);
    }
    expect(embeddingRequests(alpha).length + embeddingRequests(beta).length).toBe(before);

    // The SDK sees the same refusal.
    await expect(stack.routerClient.embeddings.create({ model: 'embed-small', input: '' })).rejects.toMatchObject({ status: 400, param: 'input' });
  });

  it('answers 404 on the Qwen proxy port (:3000), naming the router URL, whatever the body', async () => {
    const failure = (await stack.openai.embeddings.create({ model: 'embed-small', input: 'x' }).catch((error: unknown) => error)) as APIError;
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(failure.message).toContain(`${stack.app.routerUrl}/v1/embeddings`);

    const raw = await stack.proxy('/v1/embeddings', { method: 'POST', body: JSON.stringify({ input: '' }) });
    expect(raw.status).toBe(404);
    const body = (await raw.json()) as ErrorBody;
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'embeddings_on_router_only' });
    expect(body.error.message).toContain(`${stack.app.routerUrl}/v1/embeddings`);
  });

  // Last: once a key exists, the open-mode key of the other tests is refused.
  it("charges an API key's token budget with the input tokens, and refuses the request that would overshoot it", async () => {
    const key = await stack.createApiKey({ name: 'embedder', tokensPerDay: 12 });
    const client = new OpenAI({ baseURL: `${stack.app.routerUrl}/v1`, apiKey: key.key, maxRetries: 0 });

    // Five words are five tokens on the fake; no answer allowance is held for an embedding.
    await client.embeddings.create({ model: 'embed-small', input: 'one two three four five', encoding_format: 'float' });
    await client.embeddings.create({ model: 'embed-small', input: 'six seven eight nine ten', encoding_format: 'float' });
    await stack.flushRecords();
    const [charged] = await stack.query<{ total: number }>(
      'SELECT COALESCE(SUM(r.prompt_tokens), 0) AS total FROM requests q JOIN responses r ON r.request_id = q.id WHERE q.api_key_id = ?',
      [key.id],
    );
    expect(Number(charged!.total)).toBe(10);

    const refused = (await client.embeddings.create({ model: 'embed-small', input: 'eleven twelve thirteen', encoding_format: 'float' }).catch((error: unknown) => error)) as APIError;
    expect(refused).toMatchObject({ status: 429, code: 'api_key_daily_token_budget_exceeded' });

    // A wrong key is refused as on every /v1 route.
    await expect(new OpenAI({ baseURL: `${stack.app.routerUrl}/v1`, apiKey: 'sk-wrong', maxRetries: 0 }).embeddings.create({ model: 'embed-small', input: 'x' })).rejects.toMatchObject({ status: 401 });
  });
});
