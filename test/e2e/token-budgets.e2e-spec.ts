import OpenAI from 'openai';
import { countTextTokens } from '@qwen-proxy/providers';
import { startTestStack, type TestStack } from './support/test-stack';

interface ErrorBody {
  error: { message: string; type: string; code: string };
}

/**
 * The two ways budgets were bypassed (issue 14): hanging up before the last frame (the answer
 * was read, the request recorded as cancelled with no tokens), and many requests at once (each
 * saw the same unspent budget). Budgets are now reserved before a request and settled after.
 */
describe('token budgets and rate limits hold against hang-ups and concurrency', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const createKey = (body: Record<string, unknown>) => stack.createApiKey(body);
  const tokensCharged = async (keyId: string): Promise<number> => {
    await stack.flushRecords();
    const [row] = await stack.query<{ total: number }>(
      'SELECT COALESCE(SUM(r.total_tokens), 0) AS total FROM requests q JOIN responses r ON r.request_id = q.id WHERE q.api_key_id = ?',
      [keyId],
    );
    return Number(row!.total);
  };

  /** Streams an answer with raw fetch and hangs up as soon as the whole text is in, before the finish frame. */
  async function readAndHangUp(key: string): Promise<{ status: number; content: string }> {
    const controller = new AbortController();
    const response = await fetch(`${stack.app.proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'qwen3-max', stream: true, messages: [{ role: 'user', content: 'Hello' }] }),
      signal: controller.signal,
    });
    if (response.status !== 200) return { status: response.status, content: '' };
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    let content = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        const frames = buffered.split('\n\n');
        buffered = frames.pop()!;
        for (const frame of frames) {
          const data = frame.replace(/^data: /, '');
          if (!data.startsWith('{')) continue;
          const chunk = JSON.parse(data) as { choices: { delta: { content?: string }; finish_reason: string | null }[] };
          content += chunk.choices[0]?.delta.content ?? '';
        }
        if (content.includes('Ready.')) break;
      }
    } finally {
      controller.abort();
    }
    return { status: 200, content };
  }

  it('charges a client that hangs up before the last frame for what it was delivered, and stops it at the budget', async () => {
    const budget = 50;
    const key = await createKey({ name: 'hang-up', tokensPerDay: budget });
    const delivered: string[] = [];
    let refusal: number | undefined;
    for (let attempt = 0; attempt < 12 && refusal === undefined; attempt += 1) {
      stack.fake.script({ kind: 'answer', chunks: ['The answer ', 'is forty ', 'two, and ', 'that is ', 'all. Ready.', ' Trailing words the client never waits for.'] });
      const outcome = await readAndHangUp(key.key);
      if (outcome.status === 429) refusal = attempt;
      else delivered.push(outcome.content);
    }
    stack.fake.reset();
    // Before: 12 whole answers, each recorded as cancelled with no tokens, and no refusal.
    expect(refusal).toBeDefined();
    const charged = await tokensCharged(key.id);
    const deliveredTokens = delivered.reduce((sum, text) => sum + countTextTokens(text), 0);
    expect(charged).toBeGreaterThanOrEqual(deliveredTokens);
    expect(charged).toBeLessThanOrEqual(budget);
  });

  it('charges a hang-up through the official openai SDK too (leaving the stream loop early)', async () => {
    const key = await createKey({ name: 'sdk-hang-up', tokensPerDay: 10_000 });
    const client = new OpenAI({ baseURL: `${stack.app.proxyUrl}/v1`, apiKey: key.key, maxRetries: 0 });
    stack.fake.script({ kind: 'answer', chunks: ['The answer ', 'is forty ', 'two. Ready.', ' Words the client never waits for.', ' And more.'] });
    const stream = await client.chat.completions.create({ model: 'qwen3-max', stream: true, messages: [{ role: 'user', content: 'Hello' }] });
    let content = '';
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      if (content.includes('Ready.')) break; // leaving the loop aborts the HTTP request
    }
    stack.fake.reset();
    // The row lands once the server has seen the hang-up: poll for it.
    const deadline = Date.now() + 2000;
    while ((await stack.query('SELECT 1 FROM requests WHERE api_key_id = ?', [key.id])).length === 0 && Date.now() < deadline) await stack.flushRecords();
    // Before: recorded as cancelled with no tokens.
    expect(await tokensCharged(key.id)).toBeGreaterThanOrEqual(countTextTokens(content));
  });

  it('lets concurrent requests (official openai SDK) spend no more than the budget, refusing the rest with 429 in OpenAI shape', async () => {
    const budget = 200;
    const key = await createKey({ name: 'concurrent', tokensPerDay: budget });
    const client = new OpenAI({ baseURL: `${stack.app.proxyUrl}/v1`, apiKey: key.key, maxRetries: 0 });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        client.chat.completions.create({ model: 'qwen3-max', max_tokens: 30, messages: [{ role: 'user', content: `Question ${index}` }] }).then(
          (completion) => ({ ok: true as const, completion }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      ),
    );
    const answered = outcomes.filter((outcome) => outcome.ok);
    const refused = outcomes.filter((outcome) => !outcome.ok);
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const outcome of refused) {
      expect(outcome.error).toBeInstanceOf(OpenAI.RateLimitError);
      expect((outcome.error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('api_key_daily_token_budget_exceeded');
    }
    // Before: all 30 answered and the key spent several times its budget.
    expect(await tokensCharged(key.id)).toBeLessThanOrEqual(budget);
  });

  it('refuses every request of 30 at once on a 1-token budget, and an Anthropic client gets its own 429 shape', async () => {
    const key = await createKey({ name: 'one-token', tokensPerDay: 1 });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${stack.app.proxyUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
          body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello there' }] }),
        }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(0);
    expect(await tokensCharged(key.id)).toBe(0);

    const anthropic = await fetch(`${stack.app.proxyUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key.key, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello there' }] }),
    });
    expect(anthropic.status).toBe(429);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('cuts an answer at what is left of the budget, as a length finish, and charges it', async () => {
    const budget = 30;
    const key = await createKey({ name: 'short', tokensPerDay: budget });
    const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    stack.fake.script({ kind: 'answer', chunks: [...words, ...words, ...words, 'fourteen'].map((word) => `${word} `) });
    const client = new OpenAI({ baseURL: `${stack.app.proxyUrl}/v1`, apiKey: key.key, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Count' }] });
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(completion.choices[0]!.message.content).not.toContain('fourteen');
    expect(completion.choices[0]!.message.content).toMatch(/^one two three/);
    const charged = await tokensCharged(key.id);
    expect(charged).toBeLessThanOrEqual(budget);
    // What is left is too little for an answer: refused rather than answered with nothing.
    await expect(client.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Count' }] })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    // Listing models uses no tokens: refused only once the budget is used up entirely.
    const models = await fetch(`${stack.app.proxyUrl}/v1/models`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(models.status).toBe(charged < budget ? 200 : 429);
  });

  it('lets exactly requestsPerMinute of 30 concurrent requests through', async () => {
    const key = await createKey({ name: 'rpm', requestsPerMinute: 5, tokensPerDay: 1_000_000 });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${stack.app.proxyUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
          body: JSON.stringify({ model: 'qwen3-max', max_tokens: 50, messages: [{ role: 'user', content: 'Hello' }] }),
        }).then(async (response) => ({ status: response.status, code: response.status === 200 ? undefined : ((await response.json()) as ErrorBody).error.code })),
      ),
    );
    expect(statuses.filter((outcome) => outcome.status === 200)).toHaveLength(5);
    expect(new Set(statuses.filter((outcome) => outcome.status !== 200).map((outcome) => outcome.code))).toEqual(new Set(['api_key_rate_limit_exceeded']));
  });
});
