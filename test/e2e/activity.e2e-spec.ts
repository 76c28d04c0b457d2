import { startTestStack, type TestStack } from './support/test-stack';

interface Page<T> {
  total: number;
  items: T[];
}
interface RequestSummary {
  id: string;
  model: string;
  statusCode: number;
  errorCode: string | null;
  totalTokens: number | null;
  sessionId: string | null;
}

describe('activity APIs for the console: requests, sessions, usage, models', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    const history = [{ role: 'user' as const, content: 'Log me' }];
    const first = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: history });
    await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [...history, { role: 'assistant', content: first.choices[0]!.message.content! }, { role: 'user', content: 'Again' }],
    });
    stack.fake.failNext('moderation');
    await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Refused' }] }).catch(() => undefined);
    await stack.flushRecords();
  });
  afterAll(() => stack.close());

  const get = async <T>(path: string): Promise<T> => {
    const response = await stack.control(path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('lists requests newest first, filters by status, and shows one in detail', async () => {
    const all = await get<Page<RequestSummary>>('/api/requests');
    expect(all.total).toBe(3);
    expect(all.items[0]!.errorCode).toBe('content_filter');
    const errors = await get<Page<RequestSummary>>('/api/requests?status=error');
    expect(errors.items.map((item) => item.errorCode)).toEqual(['content_filter']);
    const ok = await get<Page<RequestSummary>>('/api/requests?status=ok&limit=1');
    expect(ok).toMatchObject({ total: 2, items: [expect.objectContaining({ statusCode: 200 })] });

    const detail = await get<{ requestBody: { messages: unknown[] }; responseBody: { content: string }; timeToFirstTokenMs: number }>(`/api/requests/${ok.items[0]!.id}`);
    expect(detail.requestBody.messages).toHaveLength(3);
    expect(detail.responseBody.content).toContain('You said');
    expect((await stack.control('/api/requests/nope')).status).toBe(404);
    expect((await stack.control('/api/requests?limit=5000')).status).toBe(400);
  });

  it('shows a session with its turns and requests', async () => {
    const sessions = await get<Page<{ id: string; turnCount: number; title: string; expiresAt: number }>>('/api/sessions');
    const conversation = sessions.items.find((session) => session.title === 'Log me')!;
    expect(conversation.turnCount).toBe(2);
    const detail = await get<{ turns: unknown[]; requests: RequestSummary[] }>(`/api/sessions/${conversation.id}`);
    expect(detail.turns).toHaveLength(2);
    expect(detail.requests).toHaveLength(2);
  });

  it('shows the words of each turn and finds sessions by them', async () => {
    const sessions = await get<Page<{ id: string; title: string }>>('/api/sessions');
    const conversation = sessions.items.find((session) => session.title === 'Log me')!;
    const detail = await get<{ turns: { userText: string | null; answerText: string | null }[] }>(`/api/sessions/${conversation.id}`);
    expect(detail.turns.map((turn) => turn.userText)).toEqual(['Log me', 'Again']);
    expect(detail.turns[1]!.answerText).toContain('You said: "Again"');
    // Search looks in titles and in the kept bodies, in any case; % and _ are plain characters.
    expect((await get<Page<{ id: string }>>('/api/sessions?search=aGaIn')).items.map((item) => item.id)).toEqual([conversation.id]);
    expect((await get<Page<{ id: string }>>('/api/sessions?search=log%20me')).items.map((item) => item.id)).toEqual([conversation.id]);
    expect((await get<Page<{ id: string }>>('/api/sessions?search=%25')).total).toBe(0);
    expect((await get<Page<{ id: string }>>('/api/sessions?search=nowhere-to-be-found')).total).toBe(0);
  });

  it('sums usage per bucket and model, with latency percentiles', async () => {
    const usage = await get<{ totals: { requests: number; errors: number; totalTokens: number }; buckets: { model: string; requests: number }[]; latency: { p50: number; timeToFirstTokenP99: number | null } }>(
      '/api/usage?bucket=hour',
    );
    expect(usage.totals).toMatchObject({ requests: 3, errors: 1 });
    expect(usage.totals.totalTokens).toBeGreaterThan(0);
    expect(usage.buckets.reduce((total, bucket) => total + bucket.requests, 0)).toBe(3);
    expect(usage.latency.p50).toBeGreaterThanOrEqual(0);
    expect(usage.latency.timeToFirstTokenP99).toBeGreaterThanOrEqual(0);
  });

  it('lists the model catalogue with capabilities', async () => {
    const models = await get<{ id: string; provider: string; contextLength?: number }[]>('/api/models');
    expect(models.find((model) => model.id === 'qwen3-max')).toMatchObject({ provider: 'qwen-web' });
  });
});

describe('a stream cut early, in the request log', () => {
  it('is logged with the finish reason the client got (length), and as truncated', async () => {
    const stack = await startTestStack();
    try {
      const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', stream: true, messages: [{ role: 'user', content: 'Please [[cut]] here' }] });
      const reasons: (string | null)[] = [];
      for await (const chunk of stream) reasons.push(chunk.choices[0]?.finish_reason ?? null);
      expect(reasons.filter(Boolean)).toEqual(['length']);
      await stack.flushRecords();
      const logged = (await (await stack.control('/api/requests')).json()) as Page<RequestSummary>;
      expect(logged.items[0]).toMatchObject({ finishReason: 'length', truncated: true });
    } finally {
      await stack.close();
    }
  });
});
