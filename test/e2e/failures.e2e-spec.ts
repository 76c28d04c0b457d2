import OpenAI from 'openai';
import { startTestStack, type TestStack } from './support/test-stack';

interface ErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

describe('upstream failures become OpenAI errors a user can act on', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    stack.fake.reset();
    // Each case starts with a healthy account, as a new one: a reconnected account keeps its cooldown.
    await stack.resetAccounts();
  });

  const chat = (body: Record<string, unknown> = {}) =>
    stack.proxy('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }], ...body }),
    });

  async function accountStatus(): Promise<{ status: string; cooldownUntil: number | null; verificationUrl: string | null }> {
    const response = await stack.control('/api/credentials');
    return ((await response.json()) as { status: string; cooldownUntil: number | null; verificationUrl: string | null }[])[0]!;
  }

  it('daily limit: 429 with the hours to wait, retry-after, no client retry, account cooling down', async () => {
    stack.fake.failNext('daily-limit', { num: 10 });
    const response = await chat();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(String(10 * 3600));
    expect(response.headers.get('x-should-retry')).toBe('false');
    const body = (await response.json()) as ErrorBody;
    expect(body.error.type).toBe('rate_limit_error');
    expect(body.error.code).toBe('qwen_daily_limit');
    expect(body.error.message).toMatch(/10 hours/);
    const account = await accountStatus();
    expect(account.status).toBe('cooldown');
    expect(account.cooldownUntil! - Date.now()).toBeGreaterThan(9.9 * 3600 * 1000);

    // While it cools down, requests are refused at once without bothering Qwen.
    const before = stack.fake.requests.length;
    const again = await chat();
    expect(again.status).toBe(429);
    expect(stack.fake.requests.length).toBe(before);
  });

  it('expired token: 401 telling the user to reconnect, account marked expired', async () => {
    stack.fake.failNext('token-expired');
    const response = await chat();
    expect(response.status).toBe(401);
    expect(response.headers.get('x-should-retry')).toBe('false');
    const body = (await response.json()) as ErrorBody;
    expect(body.error.type).toBe('authentication_error');
    expect(body.error.message).toMatch(/log in|reconnect/i);
    expect((await accountStatus()).status).toBe('expired');
  });

  it.each(['captcha', 'waf-html'] as const)('%s: 403 telling the user to pass the check at chat.qwen.ai', async (failure) => {
    stack.fake.failNext(failure);
    const response = await chat();
    expect(response.status).toBe(403);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('qwen_verification_required');
    expect(body.error.message).toMatch(/pass the check/);
    const account = await accountStatus();
    expect(account.status).toBe('needs-verification');
    if (failure === 'captcha') expect(account.verificationUrl).toMatch(/punish/);
  });

  it('Bad_Request: 502 explaining the usual causes, not retried', async () => {
    stack.fake.failNext('bad-request');
    const response = await chat();
    expect(response.status).toBe(502);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(((await response.json()) as ErrorBody).error.message).toMatch(/cookie/i);
  });

  it('moderation: 400 content_filter', async () => {
    stack.fake.failNext('moderation');
    const response = await chat();
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('content_filter');
  });

  it('the openai SDK raises the mapped error classes', async () => {
    stack.fake.failNext('daily-limit');
    await expect(stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('a failure mid-stream sends one OpenAI error frame and ends the stream', async () => {
    stack.fake.script({ kind: 'stream-error', code: 'internal_error', details: 'Upstream broke', afterChunks: 2 });
    const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Go' }], stream: true });
    let content = '';
    await expect(
      (async () => {
        for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toThrow(/Upstream broke/);
    expect(content.length).toBeGreaterThan(0);
  });

  it('a stream cut before the end still delivers what arrived, flagged by finish_reason length', async () => {
    stack.fake.script({ kind: 'cut', afterChunks: 2, text: 'one two three four five six' });
    const completion = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Go' }] });
    expect(completion.choices[0]!.message.content!.length).toBeGreaterThan(0);
    expect(completion.choices[0]!.finish_reason).toBe('length');
    await stack.flushRecords();
    const [row] = await stack.query<{ truncated: number }>('SELECT truncated FROM responses ORDER BY completed_at DESC LIMIT 1');
    expect(row!.truncated).toBe(1);
  });

  it('a client that hangs up mid-stream aborts the upstream request and is recorded as cancelled', async () => {
    stack.fake.script({ kind: 'hang' });
    const controller = new AbortController();
    // Headers wait for the first frame (so an early failure still gets a real status): the
    // client is left waiting, and hangs up while the upstream stream is open.
    const pending = stack
      .proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Wait' }], stream: true }),
        signal: controller.signal,
      })
      .catch((error: unknown) => error);
    await waitFor(() => stack.fake.openStreams === 1);
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    await waitFor(() => stack.fake.completionsAborted === 1);
    expect(stack.fake.openStreams).toBe(0);
    await stack.flushRecords();
    const [row] = await stack.query<{ cancelled: number }>('SELECT cancelled FROM responses ORDER BY completed_at DESC LIMIT 1');
    expect(row!.cancelled).toBe(1);
  });
});

describe('a client hanging up after the stream began', () => {
  it('aborts the upstream request, keeps the proxy healthy, and records the request as cancelled', async () => {
    const stack = await startTestStack({ fakeOptions: { chunkIntervalMs: 150 } });
    try {
      stack.fake.script({ kind: 'answer', chunks: ['one ', 'two ', 'three ', 'four ', 'five ', 'six'] });
      const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Count' }], stream: true });
      let received = '';
      for await (const chunk of stream) {
        received += chunk.choices[0]?.delta.content ?? '';
        if (received.includes('one')) break; // leaving the loop aborts the HTTP request
      }
      await waitFor(() => stack.fake.completionsAborted === 1);
      expect(stack.fake.openStreams).toBe(0);
      await stack.flushRecords();
      const [row] = await stack.query<{ cancelled: number; status_code: number; finish_reason: string | null }>(
        'SELECT cancelled, status_code, finish_reason FROM responses ORDER BY completed_at DESC LIMIT 1',
      );
      expect(row).toMatchObject({ cancelled: 1, status_code: 200, finish_reason: null });
      // The proxy goes on answering.
      const next = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Still there?' }] });
      expect(next.choices[0]!.finish_reason).toBe('stop');
    } finally {
      await stack.close();
    }
  });
});

describe('failures around the upstream', () => {
  it('no credentials: a clear 401 saying how to connect', async () => {
    const stack = await startTestStack({ seedAccount: false });
    try {
      const response = await stack.proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }] }),
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe('no_credentials');
      expect(body.error.message).toMatch(/Connect/);
    } finally {
      await stack.close();
    }
  });

  it('Qwen unreachable: 502; first byte too slow: 504', async () => {
    const stack = await startTestStack({ environment: { QWEN_FIRST_BYTE_TIMEOUT_MS: '300' } });
    try {
      stack.fake.script({ kind: 'hang' });
      const slow = await stack.proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }] }),
      });
      expect(slow.status).toBe(504);
      expect(((await slow.json()) as ErrorBody).error.code).toBe('qwen_timeout');

      await stack.restart({ QWEN_BASE_URL: 'http://127.0.0.1:9' });
      const unreachable = await stack.proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }] }),
      });
      expect(unreachable.status).toBe(502);
      expect(((await unreachable.json()) as ErrorBody).error.code).toBe('qwen_unreachable');
    } finally {
      await stack.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
