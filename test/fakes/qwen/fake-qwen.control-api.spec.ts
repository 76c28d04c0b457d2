import { startFakeQwen, type FakeQwen, type IssuedAccount } from './index';
import { QwenBrowserClient } from './spec-support/qwen-browser.client';
import { answerTextOf } from './spec-support/sse-stream.reader';

describe('fake chat.qwen.ai: the control API under /__fake/', () => {
  let fake: FakeQwen;
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${fake.url}/__fake/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeEach(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  afterEach(() => fake.close());

  it('issues accounts that work against the API', async () => {
    const response = await control('POST', 'accounts', { label: 'curl user', expiresInSeconds: 600 });
    const account = (await response.json()) as IssuedAccount;
    expect(account).toMatchObject({ label: 'curl user', token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), cookies: expect.stringContaining('acw_tc=') });
    const chatId = await new QwenBrowserClient(fake.url, account).createChat();
    expect(fake.chats.get(chatId)!.ownerAccountId).toBe(account.id);
  });

  it('issues an account with an empty body too', async () => {
    const response = await fetch(`${fake.url}/__fake/accounts`, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  it('queues one scripted answer or a list, and refuses malformed ones', async () => {
    expect(await (await control('POST', 'script', { kind: 'answer', text: 'first answer' })).json()).toEqual({ queued: 1, pending: 1 });
    expect(await (await control('POST', 'script', [{ kind: 'failure', failure: 'captcha' }, { kind: 'hang' }])).json()).toEqual({ queued: 2, pending: 3 });
    const refused = await control('POST', 'script', { kind: 'answer', txt: 'typo' });
    expect(refused.status).toBe(400);
    expect(await control('POST', 'script', { kind: 'failure', failure: 'nope' })).toHaveProperty('status', 400);

    const client = new QwenBrowserClient(fake.url, fake.issueAccount());
    const chatId = await client.createChat();
    expect(answerTextOf((await client.ask({ chatId, parentId: null, content: 'hi' })).frames)).toBe('first answer');
  });

  it('lists recorded requests and chats as JSON, without its own requests', async () => {
    const client = new QwenBrowserClient(fake.url, fake.issueAccount());
    const chatId = await client.createChat();
    await client.ask({ chatId, parentId: null, content: 'hi' });

    const requests = (await (await control('GET', 'requests')).json()) as Array<{ path: string; outcome: { status: string }; time: string }>;
    expect(requests.map((request) => [request.path, request.outcome.status])).toEqual([
      ['/api/v2/chats/new', 'answered'],
      ['/api/v2/chat/completions', 'streamed'],
    ]);
    expect(new Date(requests[0]!.time).getTime()).not.toBeNaN();

    const chats = (await (await control('GET', 'chats')).json()) as Array<{ id: string; messages: Array<{ role: string; content: string }> }>;
    expect(chats).toEqual([expect.objectContaining({ id: chatId, messages: [expect.objectContaining({ role: 'user', content: 'hi' }), expect.objectContaining({ role: 'assistant' })] })]);
  });

  it('resets scripts and records but keeps accounts and chats', async () => {
    const account = fake.issueAccount();
    const client = new QwenBrowserClient(fake.url, account);
    const chatId = await client.createChat();
    fake.script({ kind: 'hang' });
    expect(await (await control('POST', 'reset')).json()).toEqual({ reset: true });
    expect(fake.requests).toEqual([]);
    const reply = await client.ask({ chatId, parentId: null, content: 'after reset' });
    expect(answerTextOf(reply.frames)).toMatch(/^You said: "after reset"/);
  });

  it('answers 404 for unknown control paths', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
  });
});
