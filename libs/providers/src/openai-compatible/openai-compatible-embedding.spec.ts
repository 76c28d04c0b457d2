import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { embeddingVector } from '../../../../test/fakes/openai/embedding.vectors';
import { type FakeOpenAi, startFakeOpenAi } from '../../../../test/fakes/openai/fake-openai';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';

const apiKey = 'sk-upstream-secret-1';
const timeouts = { connectMs: 2000, firstByteMs: 5000, totalMs: 10_000 };

/** `OpenAiCompatibleProvider.embed` against the fake upstream over real loopback HTTP. */
describe(`${OpenAiCompatibleProvider.name} embeddings`, () => {
  let fake: FakeOpenAi;
  let sut: OpenAiCompatibleProvider;

  beforeEach(async () => {
    fake = await startFakeOpenAi({ name: 'lm-studio', models: ['nomic-embed'], requireApiKey: apiKey });
    sut = new OpenAiCompatibleProvider({ id: 'lm-studio', name: 'LM Studio', baseUrl: fake.url, apiKey, timeouts });
  });
  afterEach(async () => {
    await sut.close();
    await fake.close();
  });

  it('posts the body as written with the upstream model name, and answers the body and usage as they came', async () => {
    const answer = await sut.embed({ model: 'alias', body: { model: 'alias', input: ['a b', 'c'], dimensions: 3, extra_field: true } }, { upstreamModel: 'nomic-embed' });

    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/embeddings', body: { model: 'nomic-embed', input: ['a b', 'c'], dimensions: 3, extra_field: true } });
    expect(answer.provider).toBe('lm-studio');
    expect(answer.body['data']).toEqual([
      { object: 'embedding', index: 0, embedding: embeddingVector('a b', 3) },
      { object: 'embedding', index: 1, embedding: embeddingVector('c', 3) },
    ]);
    expect(answer.usage).toEqual({ inputTokens: 3, outputTokens: 0, totalTokens: 3 });
  });

  it('has no usage when the upstream counts nothing', async () => {
    fake.scriptEmbeddings({ kind: 'embed', omitUsage: true });
    await expect(sut.embed({ model: 'nomic-embed', body: { input: 'x' } })).resolves.toMatchObject({ usage: undefined });
  });

  it('turns refusals into gateway errors: a 503 retryable, a 400 not, a refused upstream key a 502', async () => {
    fake.scriptEmbeddings({ kind: 'status', status: 503 });
    await expect(sut.embed({ model: 'nomic-embed', body: { input: 'x' } })).rejects.toMatchObject({ status: 503, retryable: true });
    await expect(sut.embed({ model: 'nomic-embed', body: { input: '' } })).rejects.toMatchObject({ status: 400, retryable: false });
    await expect(sut.embed({ model: 'missing', body: { input: 'x' } })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    const wrongKey = new OpenAiCompatibleProvider({ id: 'lm-studio', name: 'LM Studio', baseUrl: fake.url, apiKey: 'sk-other', timeouts });
    await expect(wrongKey.embed({ model: 'nomic-embed', body: { input: 'x' } })).rejects.toMatchObject({ status: 502, code: 'upstream_auth_failed', retryable: true });
    await wrongKey.close();
  });

  it('times out a hanging upstream retryably, and gives up when the caller aborts', async () => {
    const impatient = new OpenAiCompatibleProvider({ id: 'lm-studio', name: 'LM Studio', baseUrl: fake.url, apiKey, timeouts: { ...timeouts, totalMs: 100 } });
    fake.scriptEmbeddings({ kind: 'hang' }, { kind: 'hang' });
    await expect(impatient.embed({ model: 'nomic-embed', body: { input: 'x' } })).rejects.toMatchObject({ status: 504, retryable: true });
    await impatient.close();

    const caller = new AbortController();
    const pending = sut.embed({ model: 'nomic-embed', body: { input: 'x' } }, { signal: caller.signal });
    caller.abort();
    await expect(pending).rejects.toMatchObject({ status: expect.any(Number) });
  });

  it('fails retryably when nothing listens at the upstream address (connection refused)', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const gone = new OpenAiCompatibleProvider({ id: 'gone', name: 'Gone', baseUrl: `http://127.0.0.1:${port}/v1`, timeouts });
    try {
      await expect(gone.embed({ model: 'm', body: { input: 'x' } })).rejects.toMatchObject({ retryable: true });
    } finally {
      await gone.close();
    }
  });

  it('refuses an answer that is no embeddings list, retryably', async () => {
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', result: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const odd = new OpenAiCompatibleProvider({ id: 'odd', name: 'Odd server', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, timeouts });
    try {
      await expect(odd.embed({ model: 'm', body: { input: 'x' } })).rejects.toMatchObject({ status: 502, code: 'upstream_invalid_response', retryable: true });
    } finally {
      await odd.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
