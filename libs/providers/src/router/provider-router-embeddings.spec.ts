import { EMPTY } from 'rxjs';
import { type AttemptReport, BadGatewayError, BadRequestError, type GatewayError } from '@qwen-proxy/contracts';
import type { ChatProvider } from '../chat-provider';
import type { EmbeddingAnswer, EmbeddingProvider, EmbeddingRequest } from '../embedding-provider';
import { ProviderHealth } from './provider-health';
import { ProviderRouter } from './provider-router';
import type { RouteCandidate } from './route-candidate';

/** A provider that embeds from a script of outcomes (an answer's body, or an error), recording the requests. */
function embedder(id: string, outcomes: (Record<string, unknown> | GatewayError)[]) {
  const requests: EmbeddingRequest[] = [];
  const provider: ChatProvider & EmbeddingProvider = {
    id,
    type: 'scripted',
    listModels: async () => [],
    chat: () => EMPTY,
    embed: async (request): Promise<EmbeddingAnswer> => {
      requests.push(request);
      const outcome = outcomes.shift() ?? { object: 'list', data: [] };
      if (outcome instanceof Error) throw outcome;
      return { body: outcome, provider: id };
    },
  };
  return { provider, requests };
}

/** Like the Qwen web provider: chat only. */
const chatOnly: ChatProvider = { id: 'qwen-web', type: 'qwen-web', listModels: async () => [], chat: () => EMPTY };

const candidate = (provider: ChatProvider, priority: number, upstreamModel = 'upstream-embedder'): RouteCandidate => ({ providerId: provider.id, provider, upstreamModel, priority, weight: 1 });
const upstreamDown = () => new BadGatewayError('down', { code: 'upstream_502', retryable: true });
const request: EmbeddingRequest = { model: 'embedder', body: { model: 'embedder', input: 'hello', dimensions: 4 } };

function router(candidates: RouteCandidate[]) {
  const health = new ProviderHealth(() => ({ failureThreshold: 1, cooldownMs: 60_000, maxCooldownMs: 600_000 }), async () => undefined);
  return { sut: new ProviderRouter({ resolve: async () => candidates, strategy: () => 'priority', health }), health };
}

describe(`${ProviderRouter.name} embeddings`, () => {
  it('sends the body to the first candidate with the upstream model name, and answers its body', async () => {
    const first = embedder('first', [{ object: 'list', data: [{ index: 0, embedding: [1] }] }]);
    const { sut } = router([candidate(first.provider, 0)]);

    const answer = await sut.embed(request);

    expect(answer).toEqual({ body: { object: 'list', data: [{ index: 0, embedding: [1] }] }, provider: 'first' });
    expect(first.requests).toEqual([{ model: 'upstream-embedder', body: request.body }]);
  });

  it('skips a provider that cannot embed, in priority order', async () => {
    const second = embedder('second', []);
    const { sut } = router([candidate(chatOnly, 0), candidate(second.provider, 1)]);

    await expect(sut.embed(request)).resolves.toMatchObject({ provider: 'second' });
  });

  it('says so when no provider of the model can embed', async () => {
    const { sut } = router([candidate(chatOnly, 0)]);

    await expect(sut.embed(request)).rejects.toMatchObject({ status: 404, code: 'embeddings_not_supported', param: 'model' });
  });

  it('falls back to the next provider on a retryable failure, reporting both attempts, and cools the failed one down', async () => {
    const first = embedder('first', [upstreamDown()]);
    const second = embedder('second', []);
    const { sut, health } = router([candidate(first.provider, 0), candidate(second.provider, 1)]);
    const attempts: AttemptReport[] = [];

    const answer = await sut.embed(request, { onAttempt: (attempt) => attempts.push(attempt) });

    expect(answer.provider).toBe('second');
    expect(attempts.map((attempt) => [attempt.provider, attempt.error?.code])).toEqual([
      ['first', 'upstream_502'],
      ['second', undefined],
    ]);
    expect(health.isAvailable('first')).toBe(false);
    // Cooling down: the next request goes straight to the second provider.
    await sut.embed(request);
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(2);
  });

  it('passes a failure no other provider can fix straight back', async () => {
    const first = embedder('first', [new BadRequestError('input too long', { code: 'context_length_exceeded' })]);
    const second = embedder('second', []);
    const { sut } = router([candidate(first.provider, 0), candidate(second.provider, 1)]);

    await expect(sut.embed(request)).rejects.toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(second.requests).toHaveLength(0);
  });

  it('names every provider when all of them failed', async () => {
    const { sut } = router([candidate(embedder('first', [upstreamDown()]).provider, 0), candidate(embedder('second', [upstreamDown()]).provider, 1)]);

    await expect(sut.embed(request)).rejects.toMatchObject({ status: 502, code: 'all_providers_failed', retryable: true });
  });
});
