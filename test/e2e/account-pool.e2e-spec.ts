import type OpenAI from 'openai';
import { ChatHygieneService } from '../../apps/api/src/qwen/chat-hygiene.service';
import { acceptedCompletions, startTestStack, type TestStack } from './support/test-stack';

interface AccountView {
  id: string;
  label: string;
  status: string;
  statusReason: string | null;
  missingCookies: string[];
}

describe('the Qwen account pool', () => {
  let stack: TestStack;
  let first: AccountView;
  let second: AccountView;

  async function connect(label: string, account: { cookies: string } = stack.fake.issueAccount({ label })): Promise<AccountView> {
    const response = await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ ...account, label }) });
    expect(response.status).toBe(201);
    return (await response.json()) as AccountView;
  }
  const accounts = async () => (await (await stack.control('/api/credentials')).json()) as AccountView[];
  const ask = (messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello' }]) =>
    stack.openai.chat.completions.create({ model: 'qwen3-max', messages }).withResponse();
  const accountOf = (result: { response: Response }) => result.response.headers.get('x-qwen-account');

  beforeEach(async () => {
    stack = await startTestStack({ seedAccount: false });
    first = await connect('first');
    second = await connect('second');
  });
  afterEach(() => stack.close());

  it('spreads new conversations over the least recently used accounts', async () => {
    const used = [accountOf(await ask()), accountOf(await ask()), accountOf(await ask()), accountOf(await ask())];
    expect(new Set(used)).toEqual(new Set([first.id, second.id]));
    expect(used[0]).not.toBe(used[1]);
  });

  it('moves a request to another account when one hits its daily limit, and cools that one down', async () => {
    stack.fake.failNext('daily-limit', { num: 5 });
    const result = await ask();
    expect(result.data.choices[0]!.message.content).toContain('You said');
    const [limited] = (await accounts()).filter((account) => account.status === 'cooldown');
    expect(limited).toBeDefined();
    expect(accountOf(result)).not.toBe(limited!.id);
    // The limited account is left alone until its cooldown ends.
    for (let count = 0; count < 3; count++) expect(accountOf(await ask())).not.toBe(limited!.id);
  });

  it('moves a request past an account Qwen refuses with Bad_Request, and marks that account after refusals in a row', async () => {
    // A token-only paste: the chat opens, the completion is refused (the fake, like Qwen, wants the WAF cookies).
    const tokenOnly = await connect('token only', { cookies: `token=${stack.fake.issueAccount().token}` });
    expect(tokenOnly.missingCookies).toEqual(expect.arrayContaining(['acw_tc', 'ssxmod_itna']));
    const refusals = () => stack.fake.requests.filter((request) => request.path.startsWith('/api/v2/chat/completions') && request.outcome.status === 'rejected').length;
    const answeredBy: (string | null)[] = [];
    // Least recently used first: the token-only account gets its turn every few requests.
    while (refusals() < 2 && answeredBy.length < 8) {
      const result = await ask();
      expect(result.response.status).toBe(200);
      expect(result.data.choices[0]!.message.content).toContain('You said');
      answeredBy.push(accountOf(result));
    }
    // Each refused request moved on to a healthy account: no client saw the refusal.
    expect(refusals()).toBe(2);
    expect(answeredBy).not.toContain(tokenOnly.id);
    let marked: AccountView | undefined;
    for (const deadline = Date.now() + 5000; Date.now() < deadline && marked?.status !== 'invalid'; await new Promise((resolve) => setTimeout(resolve, 20))) {
      marked = (await accounts()).find((account) => account.id === tokenOnly.id);
    }
    expect(marked).toMatchObject({ status: 'invalid', statusReason: expect.stringContaining('acw_tc') });
  });

  it('skips an account whose token expired, and marks it for reconnection', async () => {
    stack.fake.failNext('token-expired');
    const result = await ask();
    expect(result.response.status).toBe(200);
    const expired = (await accounts()).find((account) => account.status === 'expired')!;
    expect(expired).toBeDefined();
    const healthy = [first.id, second.id].find((id) => id !== expired.id);
    for (let count = 0; count < 3; count++) expect(accountOf(await ask())).toBe(healthy);
  });

  it('keeps a conversation on the account that owns its chat', async () => {
    const history: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Sticky?' }];
    const opening = await ask(history);
    const owner = accountOf(opening);
    for (let turn = 0; turn < 3; turn++) {
      const reply = history.length === 1 ? opening.data.choices[0]!.message.content! : '';
      if (reply) history.push({ role: 'assistant', content: reply });
      history.push({ role: 'user', content: `turn ${turn}` });
      // Another request in between makes the owner the most recently used one...
      await ask([{ role: 'user', content: 'unrelated' }]);
      const next = await ask(history);
      // ...yet the conversation stays where its chat lives.
      expect(accountOf(next)).toBe(owner);
      history.push({ role: 'assistant', content: next.data.choices[0]!.message.content! });
    }
    const chatIds = new Set(acceptedCompletions(stack.fake).filter((request) => JSON.stringify(request.body).includes('turn ')).map((request) => request.query['chat_id']));
    expect(chatIds.size).toBe(1);
  });

  it('never runs more requests on one account than its concurrency limit', async () => {
    await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ accountConcurrency: 1 }) });
    stack.fake.script(...Array.from({ length: 6 }, () => ({ kind: 'keep-alive' as const, count: 10, intervalMs: 15 })));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, stack.fake.openStreams)), 2);
    const answers = await Promise.all(Array.from({ length: 6 }, () => ask()));
    clearInterval(sampler);
    expect(answers.every((answer) => answer.response.status === 200)).toBe(true);
    // Two accounts, one stream each: the other four requests waited for a free slot.
    expect(peak).toBe(2);
  });
});

describe('upstream chat hygiene', () => {
  it('deletes the Qwen chat of an expired conversation and forgets the session', async () => {
    const stack = await startTestStack({ environment: { SESSION_IDLE_TTL_MS: '200' } });
    try {
      await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Short-lived' }] });
      const chatId = acceptedCompletions(stack.fake).at(-1)!.query['chat_id']!;
      expect(stack.fake.chats.get(chatId)!.deleted).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await stack.app.app.get(ChatHygieneService).sweep()).toBe(1);
      expect(stack.fake.chats.get(chatId)!.deleted).toBe(true);
      expect(await stack.query('SELECT id FROM sessions')).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('keeps the chat when the setting is off', async () => {
    const stack = await startTestStack({ environment: { SESSION_IDLE_TTL_MS: '200' } });
    try {
      await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ deleteExpiredChats: false }) });
      await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Keep me' }] });
      const chatId = acceptedCompletions(stack.fake).at(-1)!.query['chat_id']!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await stack.app.app.get(ChatHygieneService).sweep();
      expect(stack.fake.chats.get(chatId)!.deleted).toBe(false);
    } finally {
      await stack.close();
    }
  });
});

describe('per-account outbound proxy', () => {
  it("sends an account's Qwen traffic through its own HTTP proxy, and never shows the proxy URL", async () => {
    const { createServer, request: forward } = await import('node:http');
    const { connect } = await import('node:net');
    const seen: string[] = [];
    // A minimal forward proxy: CONNECT tunnels and absolute-form requests, each one noted.
    const proxy = createServer((incoming, outgoing) => {
      seen.push(`${incoming.method} ${incoming.url}`);
      const target = new URL(incoming.url!);
      const upstream = forward({ hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      incoming.pipe(upstream);
    });
    proxy.on('connect', (incoming, socket, head) => {
      seen.push(`CONNECT ${incoming.url}`);
      const [host, port] = incoming.url!.split(':');
      const upstream = connect(Number(port), host!, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyPort = (proxy.address() as { port: number }).port;

    const stack = await startTestStack({ seedAccount: false });
    try {
      const account = stack.fake.issueAccount({ label: 'proxied' });
      const created = await stack.control('/api/credentials', {
        method: 'POST',
        body: JSON.stringify({ ...account, label: 'proxied', proxyUrl: `http://127.0.0.1:${proxyPort}` }),
      });
      expect(created.status).toBe(201);
      expect(await created.text()).not.toContain(String(proxyPort));
      const completion = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Via the proxy' }] });
      expect(completion.choices[0]!.message.content).toContain('You said');
      const fakePort = new URL(stack.fake.url).port;
      expect(seen.some((line) => line.includes(`:${fakePort}`))).toBe(true);
    } finally {
      await stack.close();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('a daily-limit cooldown across a restart with QWEN_TOKEN/QWEN_COOKIES set', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('keeps the account cooling down: the seed from the environment does not lift it', async () => {
    stack.fake.failNext('daily-limit', { num: 5 });
    const limited = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] }).catch((error: unknown) => error);
    expect(limited).toMatchObject({ status: 429 });
    const [before] = (await (await stack.control('/api/credentials')).json()) as { status: string; cooldownUntil: number }[];
    expect(before).toMatchObject({ status: 'cooldown' });
    await stack.restart();
    const [after] = (await (await stack.control('/api/credentials')).json()) as { status: string; cooldownUntil: number }[];
    expect(after).toMatchObject({ status: 'cooldown', cooldownUntil: before!.cooldownUntil });
    const refused = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello again' }] }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 429, code: 'qwen_accounts_cooling_down' });
  });
});
