import { startFakeQwen, type FakeQwen, type IssuedAccount } from './index';
import { QwenBrowserClient } from './spec-support/qwen-browser.client';
import { answerTextOf, createdOf, deltaOf } from './spec-support/sse-stream.reader';

describe('fake chat.qwen.ai: the happy path', () => {
  let fake: FakeQwen;
  let account: IssuedAccount;
  let client: QwenBrowserClient;

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  beforeEach(() => {
    fake.reset();
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
  });
  afterAll(() => fake.close());

  it('lists models without a login, in both shapes', async () => {
    const plain = (await (await fetch(`${fake.url}/api/models`)).json()) as { data: Array<{ id: string; info: { meta: { capabilities: object; chat_type: string[] } } }> };
    expect(plain.data.map((model) => model.id)).toEqual(
      expect.arrayContaining(['qwen3-max', 'qwen3-coder-plus', 'qwen3-vl-plus', 'qwq-32b', 'qwen3.5-plus']),
    );
    expect(plain.data[0]!.info.meta).toMatchObject({ capabilities: expect.any(Object), max_context_length: expect.any(Number), chat_type: expect.arrayContaining(['t2t']) });

    const wrapped = (await (await fetch(`${fake.url}/api/v2/models/`)).json()) as { success: boolean; data: { data: unknown[] } };
    expect(wrapped.success).toBe(true);
    expect(wrapped.data.data).toEqual(plain.data);
  });

  it('creates a chat owned by the account', async () => {
    const response = await client.post('/api/v2/chats/new', {
      title: 'New Chat', models: ['qwen3-max'], chat_mode: 'normal', chat_type: 't2t', timestamp: Date.now(), project_id: '',
    });
    const body = (await response.json()) as { success: boolean; request_id: string; data: { id: string } };
    expect(response.status).toBe(200);
    expect(body).toEqual({ success: true, request_id: expect.any(String), data: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(fake.chats.get(body.data.id)).toMatchObject({ model: 'qwen3-max', chatType: 't2t', ownerAccountId: account.id, deleted: false });
  });

  it('streams frames exactly as protocol §4 shows them', async () => {
    const chatId = await client.createChat();
    const reply = await client.ask({ chatId, parentId: null, content: 'Hello' });

    expect(reply.response.status).toBe(200);
    expect(reply.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const chat = fake.chats.get(chatId)!;
    const [question, answer] = chat.messages;
    const events = reply.raw.split('\n\n');
    expect(events.pop()).toBe('');
    expect(reply.raw).not.toContain('[DONE]');
    expect(events[0]).toBe(
      `data: {"response.created": {"chat_id": "${chatId}", "parent_id": "${question!.id}", "response_id": "${answer!.id}", "response_index": 0}}`,
    );
    const typing = events.slice(1, -1);
    expect(typing.length).toBeGreaterThan(2);
    for (const event of typing) {
      expect(event).toMatch(
        new RegExp(
          `^data: \\{"choices": \\[\\{"delta": \\{"role": "assistant", "content": ".*", "phase": "answer", "status": "typing"\\}\\}\\], "response_id": "${answer!.id}", "usage": \\{"input_tokens": \\d+, "output_tokens": \\d+, "total_tokens": \\d+, "characters": 0, "input_tokens_details": \\{"text_tokens": \\d+\\}, "output_tokens_details": \\{"reasoning_tokens": 0, "text_tokens": \\d+\\}\\}, "timestamp": \\d{10}\\}$`,
        ),
      );
    }
    expect(events.at(-1)).toMatch(
      new RegExp(`^data: \\{"choices": \\[\\{"delta": \\{"role": "assistant", "content": "", "phase": "answer", "status": "finished"\\}\\}\\], "response_id": "${answer!.id}", "timestamp": \\d{10}\\}$`),
    );
    expect(answerTextOf(reply.frames)).toBe('You said: "Hello" (turn 1 of this chat; I remember: nothing)');
    expect(answer!.content).toBe(answerTextOf(reply.frames));
  });

  it('reports usage as growing running totals, none on the finished frame', async () => {
    const chatId = await client.createChat();
    const reply = await client.ask({ chatId, parentId: null, content: 'Count my tokens please' });
    const usages = reply.frames.map((frame) => (frame as { usage?: { input_tokens: number; output_tokens: number; total_tokens: number } }).usage);
    const present = usages.filter((usage) => usage !== undefined);
    expect(present.every((usage) => usage.input_tokens === Math.ceil('Count my tokens please'.length / 4))).toBe(true);
    const outputs = present.map((usage) => usage.output_tokens);
    expect(outputs).toEqual([...outputs].sort((left, right) => left - right));
    expect(present.every((usage) => usage.total_tokens === usage.input_tokens + usage.output_tokens)).toBe(true);
    expect(usages.at(-1)).toBeUndefined();
  });

  it('remembers the branch of the parent chain, and only that branch', async () => {
    const chatId = await client.createChat();
    const first = await client.ask({ chatId, parentId: null, content: 'one' });
    const second = await client.ask({ chatId, parentId: createdOf(first.frames).response_id, content: 'two' });
    const third = await client.ask({ chatId, parentId: createdOf(second.frames).response_id, content: 'three' });
    const sibling = await client.ask({ chatId, parentId: createdOf(first.frames).response_id, content: 'two again' });

    expect(answerTextOf(third.frames)).toBe('You said: "three" (turn 3 of this chat; I remember: one, two)');
    expect(answerTextOf(sibling.frames)).toBe('You said: "two again" (turn 2 of this chat; I remember: one)');
    expect(createdOf(second.frames).parent_id).not.toBe(createdOf(first.frames).response_id);
  });

  it('keeps the memory of each chat apart', async () => {
    const firstChat = await client.createChat();
    const secondChat = await client.createChat();
    await client.ask({ chatId: firstChat, parentId: null, content: 'about cats' });
    const other = await client.ask({ chatId: secondChat, parentId: null, content: 'about dogs' });
    expect(answerTextOf(other.frames)).toBe('You said: "about dogs" (turn 1 of this chat; I remember: nothing)');
  });

  it('shapes the default answer after the request: thinking, search, images', async () => {
    const thinkingChat = await client.createChat();
    const thinking = await client.ask({ chatId: thinkingChat, parentId: null, content: 'think', featureConfig: { thinking_enabled: true } });
    expect(thinking.frames.map(deltaOf).some((delta) => delta?.['phase'] === 'thinking_summary')).toBe(true);

    const detailChat = await client.createChat();
    const detail = await client.ask({ chatId: detailChat, parentId: null, content: 'think', featureConfig: { thinking_enabled: true, thinking_format: 'detail' } });
    expect(detail.frames.map(deltaOf).some((delta) => delta?.['phase'] === 'think')).toBe(true);

    const searchChat = await client.createChat({ chat_type: 'search' });
    const search = await client.ask({ chatId: searchChat, parentId: null, content: 'news', chatType: 'search' });
    expect(search.frames.map(deltaOf).some((delta) => delta?.['phase'] === 'web_search')).toBe(true);

    const imageChat = await client.createChat({ chat_type: 't2i' });
    const image = await client.ask({ chatId: imageChat, parentId: null, content: 'a cat', chatType: 't2i' });
    const url = String(image.frames.map(deltaOf).find((delta) => delta?.['phase'] === 'image_gen')!['content']);
    const picture = await fetch(url);
    expect(picture.headers.get('content-type')).toBe('image/png');
  });

  it('shows the profile of a valid token', async () => {
    const response = await fetch(`${fake.url}/api/v1/auths/`, { headers: { authorization: `Bearer ${account.token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: account.id, email: account.email, name: account.label, role: 'user' });
  });

  it('deletes a chat, after which it cannot be continued', async () => {
    const chatId = await client.createChat();
    const deletion = await client.request('DELETE', `/api/v2/chats/${chatId}`);
    expect(await deletion.json()).toEqual({ success: true, request_id: expect.any(String), data: { status: true } });
    expect(fake.chats.get(chatId)!.deleted).toBe(true);

    const after = await client.ask({ chatId, parentId: null, content: 'still there?' });
    expect(JSON.parse(after.raw)).toMatchObject({ success: false, data: { code: 'Not_Found' } });
  });

  it('records every request with its outcome', async () => {
    const chatId = await client.createChat();
    await client.ask({ chatId, parentId: null, content: 'Hello' });
    expect(fake.requests.map((request) => [request.method, request.path, request.outcome.status])).toEqual([
      ['POST', '/api/v2/chats/new', 'answered'],
      ['POST', '/api/v2/chat/completions', 'streamed'],
    ]);
    expect(fake.requests[1]).toMatchObject({
      query: { chat_id: chatId },
      headers: expect.objectContaining({ source: 'web' }),
      body: expect.objectContaining({ stream: true, chat_id: chatId }),
      accountId: account.id,
      notes: [],
    });
  });
});
