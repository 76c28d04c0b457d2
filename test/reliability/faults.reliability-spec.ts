import Database from 'better-sqlite3';
import { join } from 'node:path';
import fc from 'fast-check';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import type { FakeOpenAiBehaviour } from '../fakes/openai/fake-openai.behaviour';
import { FAILURE_NAMES, type FailureName, type ScriptedAnswer } from '../fakes/qwen';
import { startTestStack, type TestStack } from '../e2e/support/test-stack';
import { CapturingLogger } from './support/capturing-logger';
import { type ChatExchange, exchangeChat } from './support/chat-exchange';
import { isSurfaceError } from './support/error-shapes';
import { openNetworkHandles, settledNetworkHandles } from './support/open-handles';

/**
 * The failure classes of the protocol notes (§6) and of the transport, against the fakes: each
 * gives the documented client error (README, "Errors") and leaves exactly one request row and
 * one response row; nothing hangs (every exchange has a deadline); nothing leaks (no stream left
 * open on the fakes, sockets back to where they were after close).
 */
const documentedQwenFailures: Record<FailureName, { status: number; code?: string }> = {
  'daily-limit': { status: 429, code: 'qwen_daily_limit' },
  overloaded: { status: 429 },
  'bad-request': { status: 502, code: 'qwen_bad_request' },
  'token-expired': { status: 401, code: 'qwen_token_expired' },
  'http-401': { status: 401, code: 'qwen_token_expired' },
  'http-403': { status: 502 },
  'http-500': { status: 502 },
  'waf-html': { status: 403, code: 'qwen_verification_required' },
  captcha: { status: 403, code: 'qwen_verification_required' },
  moderation: { status: 400, code: 'content_filter' },
  // Qwen forgot the parent: the proxy opens a new chat with the history folded in, and answers.
  'unknown-parent': { status: 200 },
  'not-found': { status: 502 },
};

interface RecordedRow {
  status_code: number;
  error_code: string | null;
  truncated: number;
  cancelled: number;
}

async function recordedRow(stack: TestStack, exchange: ChatExchange): Promise<RecordedRow[]> {
  await stack.flushRecords();
  return stack.query<RecordedRow>(
    'SELECT status_code, error_code, truncated, cancelled FROM responses JOIN requests ON requests.id = responses.request_id WHERE requests.id = ?',
    [exchange.requestId],
  );
}

describe('faults of chat.qwen.ai (the fake) through :3000', () => {
  let stack: TestStack;
  let handlesBefore: number;
  const timeouts = { QWEN_FIRST_BYTE_TIMEOUT_MS: '400', QWEN_IDLE_TIMEOUT_MS: '400', STREAM_KEEPALIVE_MS: '100' };
  const chat = (stream: boolean, deadlineMs = 10_000) =>
    exchangeChat(stack.app.proxyUrl, { model: 'qwen3-max', stream, messages: [{ role: 'user', content: `Hello ${Math.random()}` }] }, { deadlineMs });

  beforeAll(async () => {
    handlesBefore = openNetworkHandles();
    stack = await startTestStack({ environment: timeouts });
  });
  beforeEach(async () => {
    stack.fake.reset();
    // A failure leaves the account cooling down or marked. Reconnecting clears a mark, not a
    // daily-limit cooldown (that is the Qwen account's): remove the account and add it afresh.
    for (const { id } of (await (await stack.control('/api/credentials')).json()) as { id: string }[]) {
      expect((await stack.control(`/api/credentials/${id}`, { method: 'DELETE' })).status).toBe(204);
    }
    expect((await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify(stack.account) })).status).toBe(201);
  });
  afterAll(async () => {
    expect(stack.fake.openStreams).toBe(0);
    const closing = Date.now();
    await stack.close();
    expect(Date.now() - closing).toBeLessThan(5000);
    expect(await settledNetworkHandles(handlesBefore)).toBeLessThanOrEqual(handlesBefore);
  });

  it.each(FAILURE_NAMES.flatMap((failure) => [false, true].map((stream) => ({ failure, stream }))))(
    '$failure (stream $stream): the documented status and code, one row',
    async ({ failure, stream }) => {
      stack.fake.failNext(failure);
      const exchange = await chat(stream);
      const expected = documentedQwenFailures[failure];
      expect({ status: exchange.status, failure: exchange.failure }).toEqual({ status: expected.status, failure: undefined });
      if (expected.status >= 400) {
        const body = JSON.parse(exchange.text) as { error: { code: string } };
        expect(isSurfaceError('/v1/chat/completions', body)).toBe(true);
        if (expected.code) expect(body.error.code).toBe(expected.code);
      }
      const rows = await recordedRow(stack, exchange);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status_code).toBe(expected.status);
    },
  );

  it.each([
    { name: 'slow first byte', script: { kind: 'slow-first-byte', delayMs: 2000 } as ScriptedAnswer },
    { name: 'headers, then silence', script: { kind: 'hang' } as ScriptedAnswer },
  ])('$name: the first-byte timeout fires (504 before the stream, an error frame after keep-alives began)', async ({ script }) => {
    for (const stream of [false, true]) {
      stack.fake.script(script);
      const exchange = await chat(stream, 5000);
      expect(exchange.failure).toBeUndefined();
      expect(exchange.elapsedMs).toBeLessThan(2000);
      if (stream) {
        // Keep-alive comments committed the 200 already: the failure comes as one error frame.
        expect(exchange.status).toBe(200);
        expect(exchange.errorFrame?.message).toMatch(/first-byte timeout/);
      } else {
        expect(exchange.status).toBe(504);
        expect(JSON.parse(exchange.text)).toMatchObject({ error: { code: 'qwen_timeout' } });
      }
      expect((await recordedRow(stack, exchange))[0]).toMatchObject({ error_code: 'qwen_timeout' });
    }
  });

  it('a stream cut at random points: what arrived, flagged as truncated, never a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.constantFrom(undefined, 'end' as const), async (afterChunks, stream, ending) => {
        stack.fake.script({ kind: 'cut', afterChunks, text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen', ending });
        const exchange = await chat(stream);
        expect(exchange.failure).toBeUndefined();
        expect(exchange.status).toBe(200);
        expect(exchange.finishReason).toBe('length');
        if (stream) expect(exchange.done).toBe(true);
        const rows = await recordedRow(stack, exchange);
        expect(rows).toHaveLength(1);
        expect(rows[0]!.truncated).toBe(1);
      }),
      { numRuns: 12 },
    );
  });

  it('a connection reset before any answer: 502 qwen_unreachable-class error in the OpenAI shape, recorded', async () => {
    for (const stream of [false, true]) {
      stack.fake.script({ kind: 'cut', afterChunks: 0 });
      const exchange = await chat(stream);
      expect(exchange.status).toBe(502);
      expect(isSurfaceError('/v1/chat/completions', JSON.parse(exchange.text))).toBe(true);
      expect(await recordedRow(stack, exchange)).toHaveLength(1);
    }
  });

  it('an error inside the stream: one error frame after what arrived, recorded with the error', async () => {
    stack.fake.script({ kind: 'stream-error', code: 'internal_error', details: 'Upstream broke', afterChunks: 2 });
    const exchange = await chat(true);
    expect(exchange.status).toBe(200);
    expect(exchange.content.length).toBeGreaterThan(0);
    expect(exchange.errorFrame?.message).toMatch(/Upstream broke/);
    expect((await recordedRow(stack, exchange))[0]!.error_code).not.toBeNull();
  });
});

describe('the idle timeout between frames', () => {
  it('fires when Qwen falls silent mid-answer: an error frame (streaming) or 504, recorded', async () => {
    const stack = await startTestStack({ environment: { QWEN_IDLE_TIMEOUT_MS: '300', STREAM_KEEPALIVE_MS: '100' }, fakeOptions: { chunkIntervalMs: 900 } });
    try {
      for (const stream of [true, false]) {
        const exchange = await exchangeChat(stack.app.proxyUrl, { model: 'qwen3-max', stream, messages: [{ role: 'user', content: 'Slowly' }] }, { deadlineMs: 5000 });
        expect(exchange.failure).toBeUndefined();
        expect(exchange.elapsedMs).toBeLessThan(3000);
        if (stream) expect(exchange.errorFrame?.message ?? exchange.finishReason).toBeTruthy();
        else expect([200, 504]).toContain(exchange.status);
        expect(await recordedRow(stack, exchange)).toHaveLength(1);
      }
      expect(stack.fake.openStreams).toBe(0);
    } finally {
      await stack.close();
    }
  });
});

describe('faults of an OpenAI-compatible upstream (the fake) through the router :3001', () => {
  let stack: TestStack;
  let upstream: FakeOpenAi;
  const routed = (stream: boolean) => exchangeChat(stack.app.routerUrl, { model: 'upstream-model', stream, messages: [{ role: 'user', content: 'Hi' }] }, { deadlineMs: 8000 });

  beforeAll(async () => {
    stack = await startTestStack();
    upstream = await startFakeOpenAi({ name: 'upstream', models: ['upstream-model'] });
    const created = await stack.control('/api/providers', {
      method: 'POST',
      body: JSON.stringify({ name: 'upstream', type: 'openai-compatible', baseUrl: upstream.url, timeouts: { connectMs: 300, firstByteMs: 400, totalMs: 1500 } }),
    });
    expect(created.status).toBe(201);
    // These cases test one failure each: the provider must not be cooling down from the previous.
    expect((await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ providerFailureThreshold: 100 }) })).status).toBe(200);
  });
  afterAll(async () => {
    expect(upstream.openStreams).toBe(0);
    await stack.close();
    await upstream.close();
  });

  const cases: { name: string; behaviour: FakeOpenAiBehaviour; expect: (exchange: ChatExchange, stream: boolean) => void }[] = [
    ...[500, 502, 503].map((status) => ({
      name: `upstream ${status}`,
      behaviour: { kind: 'status', status } as FakeOpenAiBehaviour,
      // The upstream's own status, passed on in our shape (README: router).
      expect: (exchange: ChatExchange) => {
        expect(exchange.status).toBe(status);
        expect(isSurfaceError('/v1/chat/completions', JSON.parse(exchange.text))).toBe(true);
      },
    })),
    {
      name: 'an upstream that never answers (first-byte timeout)',
      behaviour: { kind: 'hang' },
      expect: (exchange) => {
        expect(exchange.status).toBe(504);
        // Streaming: the first-byte timeout (0.4 s). Not streaming: observed to end by the total timeout (1.5 s).
        expect(exchange.elapsedMs).toBeLessThan(2500);
      },
    },
    {
      name: 'an upstream too slow overall (total timeout)',
      behaviour: { kind: 'answer', text: 'a b c d e f g h', delayBetweenChunksMs: 500 },
      expect: (exchange, stream) => {
        expect(exchange.elapsedMs).toBeLessThan(3000);
        if (stream) expect(exchange.errorFrame ?? (exchange.status >= 500 ? {} : undefined)).toBeDefined();
        // The fake sends a whole completion at once: only a stream is slow between chunks.
        else expect(exchange.status).toBe(200);
      },
    },
    {
      name: 'a connection reset before the answer',
      behaviour: { kind: 'cut', afterChunks: 0 },
      expect: (exchange) => expect(exchange.status).toBeGreaterThanOrEqual(500),
    },
    {
      name: 'a stream cut after two chunks',
      behaviour: { kind: 'cut', afterChunks: 2 },
      expect: (exchange, stream) => {
        if (stream) expect(exchange.errorFrame !== undefined || exchange.finishReason === 'length').toBe(true);
        else expect(exchange.status).toBeGreaterThanOrEqual(500);
      },
    },
    {
      name: 'an error frame mid-stream',
      behaviour: { kind: 'mid-stream-error', afterChunks: 2, message: 'model crashed' },
      expect: (exchange, stream) => {
        if (stream) expect(exchange.errorFrame?.message).toMatch(/model crashed/);
        else expect(exchange.status).toBeGreaterThanOrEqual(500);
      },
    },
  ];

  it.each(cases.flatMap((testCase) => [false, true].map((stream) => ({ ...testCase, stream }))))('$name (stream $stream): documented error, one row, no hang', async (testCase) => {
    upstream.script(testCase.behaviour);
    const exchange = await routed(testCase.stream);
    expect(exchange.failure).toBeUndefined();
    expect(exchange.status).not.toBe(0);
    testCase.expect(exchange, testCase.stream);
    expect(await recordedRow(stack, exchange)).toHaveLength(1);
  });
});

describe('a busy database', () => {
  it('answers every client while another process holds the database locked past the busy timeout, and records every request', async () => {
    const logger = new CapturingLogger();
    const stack = await startTestStack({ logger });
    const blocker = new Database(join(stack.dataDirectory, 'qwen-proxy.sqlite'));
    const lockMs = 6000;
    try {
      blocker.pragma('busy_timeout = 0');
      blocker.exec('BEGIN EXCLUSIVE');
      // Longer than the app's busy timeout (5 s): its writes meanwhile fail with SQLITE_BUSY.
      const release = setTimeout(() => blocker.exec('COMMIT'), lockMs);
      const started = Date.now();
      const exchanges = await Promise.all(
        [false, true, false, true].map((stream, index) =>
          exchangeChat(stack.app.proxyUrl, { model: 'qwen3-max', stream, messages: [{ role: 'user', content: `Locked ${index}` }] }, { deadlineMs: 30_000 }),
        ),
      );
      for (const exchange of exchanges) {
        expect({ status: exchange.status, failure: exchange.failure }).toEqual({ status: 200, failure: undefined });
        expect(exchange.content).toMatch(/You said/);
      }
      // Finding: better-sqlite3 waits for a lock synchronously (busy_timeout), which stalls the whole
      // event loop; each write on the answer path (account lease, session) waits its turn. Answers
      // arrive late, but they arrive, and none fails.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, lockMs + 200 - (Date.now() - started))));
      clearTimeout(release);
      await stack.flushRecords();
      expect(logger.lines.filter((line) => /Could not record/.test(line))).toEqual([]);
      const recorded = await stack.query<{ id: string }>(
        `SELECT requests.id FROM requests JOIN responses ON responses.request_id = requests.id WHERE requests.id IN (${exchanges.map(() => '?').join(',')})`,
        exchanges.map((exchange) => exchange.requestId),
      );
      expect(recorded).toHaveLength(exchanges.length);
    } finally {
      if (blocker.inTransaction) blocker.exec('COMMIT');
      blocker.close();
      await stack.close();
    }
  }, 60_000);
});
