import { Observable } from 'rxjs';
import { type AttemptReport, BadGatewayError, BadRequestError, type ChatEvent, type ChatRequest, type GatewayError, NotFoundError } from '@qwen-proxy/contracts';
import type { ChatProvider } from '../chat-provider';
import { reduceChatEvents } from '../stream/reduce-chat-events';
import { ProviderHealth } from './provider-health';
import { ProviderRouter } from './provider-router';
import type { RouteCandidate } from './route-candidate';

type Script = ChatEvent[] | 'hang';

/** A provider answering from a script; records the models it was asked for. */
function scriptedProvider(id: string, script: () => Script) {
  const calls: string[] = [];
  let active = 0;
  const provider: ChatProvider = {
    id,
    type: 'scripted',
    listModels: async () => [],
    chat: (request: ChatRequest) =>
      new Observable<ChatEvent>((subscriber) => {
        calls.push(request.model);
        active++;
        const events = script();
        if (events !== 'hang') {
          for (const event of events) subscriber.next(event);
          subscriber.complete();
        }
        return () => active--;
      }),
  };
  return { provider, calls, active: () => active };
}

const answer = (text: string): ChatEvent[] => [
  { type: 'response-start', model: 'm', provider: 'x' },
  { type: 'text-delta', text },
  { type: 'finish', reason: 'stop', truncated: false },
];
const failure = (error: GatewayError): ChatEvent[] => [{ type: 'response-start', model: 'm', provider: 'x' }, { type: 'error', error }];
const upstreamDown = () => new BadGatewayError('down', { code: 'upstream_502', retryable: true });
const request: ChatRequest = { model: 'public-model', messages: [{ role: 'user', content: 'hi' }], stream: true };

function router(candidates: RouteCandidate[], strategy: 'priority' | 'round-robin' = 'priority') {
  const health = new ProviderHealth(() => ({ failureThreshold: 2, cooldownMs: 60_000, maxCooldownMs: 600_000 }), async () => undefined);
  const sut = new ProviderRouter({ resolve: async () => candidates, strategy: () => strategy, health });
  return { sut, health };
}
const candidate = (provider: ChatProvider, priority: number, upstreamModel = 'upstream-model'): RouteCandidate => ({
  providerId: provider.id,
  provider,
  upstreamModel,
  priority,
  weight: 1,
});

describe(ProviderRouter.name, () => {
  it('sends the upstream model name to the first candidate', async () => {
    const first = scriptedProvider('first', () => answer('one'));
    const { sut } = router([candidate(first.provider, 0, 'qwen3-max')]);
    const result = await reduceChatEvents(sut.chat(request));
    expect(result.text).toBe('one');
    expect(first.calls).toEqual(['qwen3-max']);
  });

  it('sends a drawing only to the Qwen web provider, even when an OpenAI-compatible one comes first', async () => {
    const compatible = scriptedProvider('compatible', () => answer('words'));
    const qwen = scriptedProvider('qwen', () => answer('![image](https://cdn.example/1.png)'));
    const qwenProvider: ChatProvider = { ...qwen.provider, type: 'qwen-web' };
    const { sut } = router([candidate(compatible.provider, 0), candidate(qwenProvider, 1)]);
    const result = await reduceChatEvents(sut.chat({ ...request, imageGeneration: { aspectRatio: '1:1' } }));
    expect(result.text).toBe('![image](https://cdn.example/1.png)');
    expect(compatible.calls).toEqual([]);
  });

  it('refuses a drawing with a 400 when no candidate draws through chat', async () => {
    const compatible = scriptedProvider('compatible', () => answer('words'));
    const { sut } = router([candidate(compatible.provider, 0)]);
    const result = await reduceChatEvents(sut.chat({ ...request, imageGeneration: { aspectRatio: '1:1' } }));
    expect(result.error).toBeInstanceOf(BadRequestError);
    expect(result.error).toMatchObject({ code: 'model_not_image_capable', param: 'model' });
    expect(compatible.calls).toEqual([]);
  });

  it('falls back on a retryable failure before the first byte, and reports each attempt', async () => {
    const first = scriptedProvider('first', () => failure(upstreamDown()));
    const second = scriptedProvider('second', () => answer('from second'));
    const { sut } = router([candidate(first.provider, 0), candidate(second.provider, 1)]);
    const attempts: AttemptReport[] = [];
    const events: ChatEvent[] = [];
    await new Promise<void>((resolve) => sut.chat(request, { onAttempt: (attempt) => attempts.push(attempt) }).subscribe({ next: (event) => events.push(event), complete: resolve }));
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    expect(events.filter((event) => event.type === 'response-start')).toHaveLength(1);
    expect(events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('')).toBe('from second');
    expect(attempts.map((attempt) => [attempt.provider, attempt.error?.code])).toEqual([
      ['first', 'upstream_502'],
      ['second', undefined],
    ]);
  });

  it('never falls back after the answer began: the client gets the error', async () => {
    const first = scriptedProvider('first', () => [{ type: 'text-delta', text: 'partial' }, { type: 'error', error: upstreamDown() }]);
    const second = scriptedProvider('second', () => answer('never'));
    const { sut } = router([candidate(first.provider, 0), candidate(second.provider, 1)]);
    const result = await reduceChatEvents(sut.chat(request));
    expect(result.text).toBe('partial');
    expect(result.error?.code).toBe('upstream_502');
    expect(second.calls).toEqual([]);
  });

  it('does not fall back on a failure no provider can fix', async () => {
    const first = scriptedProvider('first', () => failure(new BadRequestError('bad', { code: 'invalid_request' })));
    const second = scriptedProvider('second', () => answer('never'));
    const { sut } = router([candidate(first.provider, 0), candidate(second.provider, 1)]);
    expect((await reduceChatEvents(sut.chat(request))).error?.status).toBe(400);
    expect(second.calls).toEqual([]);
  });

  it('names every failure when all candidates fail', async () => {
    const first = scriptedProvider('first', () => failure(upstreamDown()));
    const second = scriptedProvider('second', () => failure(upstreamDown()));
    const { sut } = router([candidate(first.provider, 0), candidate(second.provider, 1)]);
    const { error } = await reduceChatEvents(sut.chat(request));
    expect(error).toMatchObject({ status: 502, code: 'all_providers_failed' });
    expect(error!.message).toContain('first: down');
    expect(error!.message).toContain('second: down');
  });

  it('tries a provider listed twice only once', async () => {
    const first = scriptedProvider('first', () => failure(upstreamDown()));
    const { sut } = router([candidate(first.provider, 0), candidate(first.provider, 0)]);
    await reduceChatEvents(sut.chat(request));
    expect(first.calls).toHaveLength(1);
  });

  it('skips a provider cooling down, and says when none is left', async () => {
    const first = scriptedProvider('first', () => failure(upstreamDown()));
    const second = scriptedProvider('second', () => answer('two'));
    const { sut } = router([candidate(first.provider, 0), candidate(second.provider, 1)]);
    await reduceChatEvents(sut.chat(request));
    await reduceChatEvents(sut.chat(request));
    // Two consecutive failures: `first` now cools down and is not even tried.
    await reduceChatEvents(sut.chat(request));
    expect(first.calls).toHaveLength(2);

    const only = router([candidate(scriptedProvider('lonely', () => failure(upstreamDown())).provider, 0)]);
    await reduceChatEvents(only.sut.chat(request));
    await reduceChatEvents(only.sut.chat(request));
    const { error } = await reduceChatEvents(only.sut.chat(request));
    expect(error).toMatchObject({ status: 503, code: 'providers_cooling_down' });
    expect(error!.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('passes on a resolution failure (unknown model) as the error', async () => {
    const sut = new ProviderRouter({
      resolve: async () => {
        throw new NotFoundError('no such model', { code: 'model_not_found' });
      },
      strategy: () => 'priority',
      health: new ProviderHealth(() => ({ failureThreshold: 1, cooldownMs: 1, maxCooldownMs: 1 }), async () => undefined),
    });
    expect((await reduceChatEvents(sut.chat(request))).error?.code).toBe('model_not_found');
  });

  it('releases its in-flight count when the client hangs up', () => {
    const first = scriptedProvider('first', () => 'hang');
    const { sut } = router([candidate(first.provider, 0)]);
    const subscription = sut.chat(request).subscribe();
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        expect(sut.inflightOf('first')).toBe(1);
        subscription.unsubscribe();
        expect(first.active()).toBe(0);
        expect(sut.inflightOf('first')).toBe(0);
        resolve();
      });
    });
  });

  it('round-robin spreads requests across providers', async () => {
    const first = scriptedProvider('first', () => answer('1'));
    const second = scriptedProvider('second', () => answer('2'));
    const { sut } = router([candidate(first.provider, 0), candidate(second.provider, 0)], 'round-robin');
    for (let count = 0; count < 6; count++) await reduceChatEvents(sut.chat(request));
    expect([first.calls.length, second.calls.length]).toEqual([3, 3]);
  });
});
