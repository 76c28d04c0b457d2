import { eventually as waitFor } from '../fakes/qwen/spec-support/eventually';
import { LATE_2026_MODEL_CATALOGUE } from '../fakes/qwen';
import { acceptedCompletions, sentContent, startTestStack, type TestStack } from './support/test-stack';

/*
 * The request side of chat.qwen.ai as of late 2026 (libs/qwen/PROTOCOL.md), end to end through
 * the official openai SDK and the fake, which rejects what the real service rejects.
 */

const completionsOf = (stack: TestStack) => stack.fake.requests.filter((request) => request.path === '/api/v2/chat/completions');

async function accountStatus(stack: TestStack): Promise<string> {
  const response = await stack.control('/api/credentials');
  return ((await response.json()) as { status: string }[])[0]!.status;
}

describe('front-end version (B1)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('discovers the version from the homepage and follows a new deploy without marking the account expired', async () => {
    const first = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] });
    expect(first.choices[0]!.message.content).toBeTruthy();
    expect(stack.fake.homepageVisits).toBeGreaterThanOrEqual(1);
    expect(acceptedCompletions(stack.fake).at(-1)!.headers['version']).toBe(stack.fake.webVersion);

    stack.fake.deployWebVersion('0.4.0');
    const second = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'After the deploy' }] });
    expect(second.choices[0]!.message.content).toBeTruthy();
    expect(acceptedCompletions(stack.fake).at(-1)!.headers['version']).toBe('0.4.0');
    // chats/new answered the stale version with `unauthorized`: that is not an expired login.
    expect(stack.fake.requests.some((request) => request.path === '/api/v2/chats/new' && request.outcome.status === 'rejected')).toBe(true);
    expect(await accountStatus(stack)).toBe('valid');
  });

  it('re-reads the version when a continued chat gets Bad_Request, and retries once', async () => {
    const messages = [{ role: 'user' as const, content: 'Remember 7.' }];
    const answer = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages });
    const old = stack.fake.webVersion;
    stack.fake.deployWebVersion('0.4.1');
    const before = completionsOf(stack).length;
    const next = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [...messages, { role: 'assistant', content: answer.choices[0]!.message.content! }, { role: 'user', content: 'Which number?' }],
    });
    expect(next.choices[0]!.message.content).toBeTruthy();
    const sent = completionsOf(stack).slice(before);
    expect(sent.map((request) => request.headers['version'])).toEqual([old, '0.4.1']);
    expect(sent[0]!.outcome).toMatchObject({ status: 'rejected', code: 'Bad_Request' });
  });
});

describe('cancelled generations (B5)', () => {
  it('tells Qwen to stop when the client hangs up, so the next turn continues the same chat', async () => {
    const stack = await startTestStack({ fakeOptions: { chunkIntervalMs: 100, abandonedGenerationMs: 60_000 } });
    try {
      const headers = { 'x-session-id': 'cancel-then-continue' };
      await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'First' }] }, { headers });
      stack.fake.script({ kind: 'answer', chunks: ['one ', 'two ', 'three ', 'four ', 'five ', 'six'] });
      const stream = await stack.openai.chat.completions.create(
        { model: 'qwen3-max', messages: [{ role: 'user', content: 'Count' }], stream: true },
        { headers },
      );
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break;
      await waitFor(() => stack.fake.stops.length === 1);
      expect(stack.fake.stops[0]).toMatchObject({ stoppedRunning: true, responseId: expect.any(String) });

      const third = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Third' }] }, { headers });
      expect(third.choices[0]!.message.content).toBeTruthy();
      const chats = acceptedCompletions(stack.fake).map((request) => request.query['chat_id']);
      expect(new Set(chats).size).toBe(1);
    } finally {
      await stack.close();
    }
  });

  it('waits out "The chat is in progress!", then continues in a fresh chat with the history folded, never blaming cookies', async () => {
    const stack = await startTestStack({
      fakeOptions: { chunkIntervalMs: 100, abandonedGenerationMs: 60_000 },
      // A stop the service does not know (404): the generation keeps running upstream.
      environment: { QWEN_STOP_PATH: '/api/v2/chat/completions/halt', QWEN_CHAT_IN_PROGRESS_RETRY_MS: '20,40' },
    });
    try {
      const headers = { 'x-session-id': 'cancel-without-stop' };
      const first = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'I like tea.' }] }, { headers });
      stack.fake.script({ kind: 'answer', chunks: ['one ', 'two ', 'three ', 'four ', 'five ', 'six'] });
      const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Count' }], stream: true }, { headers });
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break;
      await waitFor(() => stack.fake.completionsAborted === 1);
      const firstChat = acceptedCompletions(stack.fake)[0]!.query['chat_id']!;
      expect(stack.fake.isGenerating(firstChat)).toBe(true);

      const answer = await stack.openai.chat.completions.create(
        {
          model: 'qwen3-max',
          messages: [
            { role: 'user', content: 'I like tea.' },
            { role: 'assistant', content: first.choices[0]!.message.content! },
            { role: 'user', content: 'What do I like?' },
          ],
        },
        { headers },
      );
      expect(answer.choices[0]!.message.content).toBeTruthy();
      const busy = completionsOf(stack).filter((request) => request.outcome.status === 'rejected');
      expect(busy).toHaveLength(3);
      expect(busy.every((request) => request.query['chat_id'] === firstChat)).toBe(true);
      const last = acceptedCompletions(stack.fake).at(-1)!;
      expect(last.query['chat_id']).not.toBe(firstChat);
      expect(sentContent(last)).toContain('I like tea.');
      expect(await accountStatus(stack)).toBe('valid');
    } finally {
      await stack.close();
    }
  });
});

describe('empty answers (D10, D12)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('asks once more, in the same chat, when the answer was reasoning only', async () => {
    stack.fake.script(
      { kind: 'thinking-detail', reasoning: 'Let me think about it.', text: '' },
      { kind: 'thinking-detail', reasoning: 'Now I know.', text: 'Forty-two.' },
    );
    const answer = await stack.openai.chat.completions.create({ model: 'qwen3-max-thinking', messages: [{ role: 'user', content: 'The answer?' }] });
    expect(answer.choices[0]!.message.content).toBe('Forty-two.');
    const [first, second] = acceptedCompletions(stack.fake).slice(-2);
    expect(second!.query['chat_id']).toBe(first!.query['chat_id']);
    expect(sentContent(second!)).toBe(sentContent(first!));
  });
});

describe('the late-2026 model list, without qwen3-max (C6)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ fakeOptions: { catalogue: LATE_2026_MODEL_CATALOGUE } });
  });
  afterAll(() => stack.close());

  it('answers a Claude-named request with the account default model (the first of the live list)', async () => {
    const response = await stack.proxy('/v1/messages', {
      method: 'POST',
      headers: { 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(response.status).toBe(200);
    const message = (await response.json()) as { model: string; content: { type: string; text: string }[] };
    expect(message.model).toBe('claude-sonnet-4-5');
    expect(message.content[0]!.text).toBeTruthy();
    const [completion] = acceptedCompletions(stack.fake);
    expect((completion!.body as { model: string }).model).toBe('qwen3.7-plus');
  });

  it('falls back too when the configured claude-* alias names a model that is gone', async () => {
    const saved = await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ modelAliases: { 'claude-*': 'qwen3-max' } }) });
    expect(saved.status).toBeLessThan(300);
    const response = await stack.proxy('/v1/messages', {
      method: 'POST',
      headers: { 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    expect((acceptedCompletions(stack.fake).at(-1)!.body as { model: string }).model).toBe('qwen3.7-plus');
  });

  it('refuses an explicitly named model that is gone, with a 404 in the OpenAI shape', async () => {
    const response = await stack.proxy('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(404);
  });
});

describe('what ages on an account (D2, D11)', () => {
  interface View {
    id: string;
    tokenExpiry: { state: string; remainingMs: number | null; advice: string | null };
    capturedHeaders: { fresh: string[]; stale: string[]; note: string | null };
  }

  it('stops sending pasted bx-* headers once stale and says so; shows the token expiry', async () => {
    const stack = await startTestStack({ seedAccount: false, environment: { QWEN_BX_UA_MAX_AGE_MS: '0' } });
    try {
      const account = stack.fake.issueAccount({ expiresInSeconds: 600 });
      const saved = await stack.control('/api/credentials', {
        method: 'POST',
        body: JSON.stringify({ token: account.token, cookies: account.cookies, bxUa: '231!captured-ua', bxUmidtoken: 'T2gA-umid' }),
      });
      const view = (await saved.json()) as View;
      expect(view.tokenExpiry).toMatchObject({ state: 'expiring', advice: expect.stringMatching(/reconnect/) });
      expect(view.tokenExpiry.remainingMs).toBeGreaterThan(500_000);

      await new Promise((resolve) => setTimeout(resolve, 5));
      const listed = ((await (await stack.control('/api/credentials')).json()) as View[])[0]!;
      expect(listed.capturedHeaders).toMatchObject({ fresh: ['bx-umidtoken'], stale: ['bx-ua'], note: expect.stringMatching(/bx-ua is too old/) });

      await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] });
      const completion = acceptedCompletions(stack.fake).at(-1)!;
      expect(completion.headers['bx-ua']).toBeUndefined();
      expect(completion.headers['bx-umidtoken']).toBe('T2gA-umid');
    } finally {
      await stack.close();
    }
  });
});

describe('the upstream doctor endpoint', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('POST /api/credentials/{id}/diagnose runs every step with the account, and shows no secret', async () => {
    const [account] = (await (await stack.control('/api/credentials')).json()) as { id: string }[];
    const response = await stack.control(`/api/credentials/${account!.id}/diagnose`, { method: 'POST' });
    expect(response.status).toBe(200);
    const text = await response.text();
    const report = JSON.parse(text) as { ok: boolean; steps: { name: string; ok: boolean }[]; text: string };
    expect(report.ok).toBe(true);
    expect(report.steps).toHaveLength(7);
    expect(report.text).toMatch(/All steps passed/);
    expect(text).not.toContain(stack.account.token);
    for (const cookie of stack.account.cookies.split('; ')) {
      const value = cookie.slice(cookie.indexOf('=') + 1);
      if (value.length >= 6) expect(text).not.toContain(value);
    }
    // The probe deleted its chat.
    expect([...stack.fake.chats.values()].filter((chat) => !chat.deleted)).toHaveLength(0);
  });
});

describe('token refresh (D11)', () => {
  it('renews a token about to expire when the jar holds a refresh_token, and uses the new one', async () => {
    const stack = await startTestStack({ seedAccount: false });
    try {
      const account = stack.fake.issueAccount({ expiresInSeconds: 300 });
      const refreshToken = stack.fake.issueRefreshToken(account);
      const saved = await stack.control('/api/credentials', {
        method: 'POST',
        body: JSON.stringify({ cookies: `${account.cookies}; refresh_token=${refreshToken}` }),
      });
      const view = (await saved.json()) as { id: string; expiresAt: number; tokenExpiry: { advice: string } };
      expect(view.tokenExpiry.advice).toMatch(/renews this token/);

      await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] });
      await waitFor(() => stack.fake.requests.some((request) => request.path === '/api/v2/auths/refresh' && request.outcome.status === 'answered'));
      let renewedExpiry = view.expiresAt;
      for (let poll = 0; poll < 100 && renewedExpiry <= view.expiresAt; poll++) {
        renewedExpiry = ((await (await stack.control(`/api/credentials/${view.id}`)).json()) as { expiresAt: number }).expiresAt;
        if (renewedExpiry <= view.expiresAt) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(renewedExpiry).toBeGreaterThan(view.expiresAt + 3_600_000);

      await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Again' }] });
      const last = acceptedCompletions(stack.fake).at(-1)!;
      expect(last.headers['authorization']).not.toBe(`Bearer ${account.token}`);
      expect(String(last.headers['cookie'])).not.toContain(refreshToken);
      expect(String(last.headers['cookie'])).toMatch(/refresh_token=rt_/);
    } finally {
      await stack.close();
    }
  });

  it('leaves a token without a refresh_token alone and tells the owner to reconnect', async () => {
    const stack = await startTestStack({ seedAccount: false });
    try {
      const account = stack.fake.issueAccount({ expiresInSeconds: 300 });
      const saved = await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ cookies: account.cookies }) });
      expect(((await saved.json()) as { tokenExpiry: { advice: string } }).tokenExpiry.advice).toMatch(/reconnect/);
      await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] });
      expect(stack.fake.requests.some((request) => request.path === '/api/v2/auths/refresh')).toBe(false);
    } finally {
      await stack.close();
    }
  });
});
