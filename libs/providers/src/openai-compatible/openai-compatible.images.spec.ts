import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GatewayError, isGatewayError } from '@qwen-proxy/contracts';
import { type FakeOpenAi, startFakeOpenAi } from '../../../../test/fakes/openai/fake-openai';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';

const relaxed = { connectMs: 2000, firstByteMs: 5000, totalMs: 10_000 };

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isGatewayError(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

/** `generateImages` against real loopback HTTP: the fake upstream, and a raw server for broken answers. */
describe(`${OpenAiCompatibleProvider.name}.generateImages`, () => {
  const providers: OpenAiCompatibleProvider[] = [];
  const fakes: FakeOpenAi[] = [];
  const servers: Server[] = [];
  const providerAt = (baseUrl: string) => {
    const provider = new OpenAiCompatibleProvider({ id: 'painter', name: 'Painter', baseUrl, timeouts: relaxed });
    providers.push(provider);
    return provider;
  };
  afterEach(async () => {
    await Promise.all([...providers.splice(0).map((provider) => provider.close()), ...fakes.splice(0).map((fake) => fake.close())]);
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("posts the client's body with the upstream's model id and returns the answer as it is", async () => {
    const fake = await startFakeOpenAi({ name: 'painter', models: ['dall-e-3'], imageModels: ['dall-e-3'] });
    fakes.push(fake);
    const answer = await providerAt(fake.url).generateImages({ model: 'alias', prompt: 'A boat', n: 2, size: '1024x1024' }, 'dall-e-3');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/images/generations', body: { model: 'dall-e-3', prompt: 'A boat', n: 2, size: '1024x1024' } });
    expect(answer.data).toEqual([
      { url: 'https://images.example/painter/0.png', revised_prompt: 'A boat (painter)' },
      { url: 'https://images.example/painter/1.png', revised_prompt: 'A boat (painter)' },
    ]);
  });

  it('maps an overloaded upstream to a retryable error and a refusal to a final one', async () => {
    const overloaded = await startFakeOpenAi({ name: 'busy', imageModels: ['dall-e-3'], failImagesWith: 503 });
    const picky = await startFakeOpenAi({ name: 'picky', imageModels: ['dall-e-3'] });
    fakes.push(overloaded, picky);
    const busy = await failureOf(providerAt(overloaded.url).generateImages({ prompt: 'x' }, 'dall-e-3'));
    expect(busy).toMatchObject({ retryable: true });
    expect(busy.status).toBeGreaterThanOrEqual(500);
    const unknown = await failureOf(providerAt(picky.url).generateImages({ prompt: 'x' }, 'no-such-model'));
    expect(unknown).toMatchObject({ status: 404, retryable: false });
  });

  it.each([
    ['not JSON', 'not json at all', /not JSON/],
    ['JSON without a data list', '{"created": 1}', /without a `data` list/],
  ])('refuses an answer that is %s', async (_case, body, reason) => {
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const failure = await failureOf(providerAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`).generateImages({ prompt: 'x' }, 'm'));
    expect(failure.message).toMatch(reason);
    expect(failure.status).toBe(502);
  });
});
